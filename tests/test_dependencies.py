"""The dependency picture (issue 12): the apps import one another in one direction only, and the shared plumbing
imports nothing above it. Read from the code itself (every import statement outside tests and migrations), so a new
import that closes a cycle fails here, naming the files."""

import ast
import collections
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Bottom to top: each may import only those before it.
LAYERS = ["core", "audit", "accounts", "org", "members", "documents", "meetings", "work", "inspections",
          "commendations", "gradings", "staffing",
          "reminders", "dashboard", "demo", "backups", "config"]


def imports_between_packages() -> dict[tuple[str, str], set[str]]:
    """(importer, imported) → the importer's files, for every import of one project package by another."""
    edges = collections.defaultdict(set)
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            if {"tests", "migrations"} & set(path.parts):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in LAYERS and top != package:
                        edges[package, top].add(str(path.relative_to(ROOT)))
    return edges


def test_each_package_imports_only_those_below_it():
    upward = {f"{a} imports {b}": sorted(files) for (a, b), files in imports_between_packages().items()
              if LAYERS.index(b) > LAYERS.index(a)}
    assert upward == {}


def test_core_and_audit_import_no_app():
    edges = imports_between_packages()
    assert {b for (a, b) in edges if a == "core"} == set()
    assert {b for (a, b) in edges if a == "audit"} <= {"core"}


def test_every_package_is_searched_for_tests():
    """A new app whose tests pytest never collects would pass whatever it holds."""
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    assert set(LAYERS) - set(testpaths) == set()
