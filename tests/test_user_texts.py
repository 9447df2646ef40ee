"""What users read cites the Party's texts by name ("Quy định 294-QĐ/TW"), never a file of this repository: no
string a user may see (messages, labels, help texts, API descriptions, templates) names DOMAIN.md or another file of
the repository. Docstrings and comments are for developers and may."""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = ("audit", "backups", "config", "core", "dashboard", "demo", "documents", "meetings", "members", "org")
FILES = ("DOMAIN.md", "STYLE.md", "rules.md", "workflows.md", "import.md", "permissions.md", "architecture.md",
         "README.md")


def docstrings(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def user_strings():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = docstrings(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value
    for path in (ROOT / "templates").rglob("*.html"):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def test_no_user_text_names_a_file_of_the_repository():
    leaks = [(where, name) for where, text in user_strings() for name in FILES if name in text]
    assert leaks == []


def test_the_api_description_names_no_file_of_the_repository():
    """The OpenAPI schema is read by the API's users: ninja publishes the docstrings of endpoints, schemas and
    enumerations there, so they too cite the Party's texts by name only."""
    import json

    from config.api import api

    schema = json.dumps(api.get_openapi_schema(), ensure_ascii=False)
    assert [name for name in FILES if name in schema] == []
