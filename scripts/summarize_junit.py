#!/usr/bin/env python3
"""Summarize pytest JUnit XML files written by `make test`.

Usage: summarize_junit.py [--expect NAME,NAME...] FILE.xml ...

Prints one line per file (the run is named after the file: sqlite.xml ->
sqlite), then, alone on the last line:

    total: N passed, N failed[, N skipped]

where "failed" counts failures and errors. Exits 1 if anything failed, if a
file could not be read, if a run named with --expect has no file, or if no
test ran at all; otherwise 0. Standard library only.
"""

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def count(path: Path) -> dict[str, int]:
    """Add up the counters of every <testsuite> in one JUnit file."""
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        for key in totals:
            totals[key] += int(suite.get(key, 0))
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expect", default="", metavar="A,B", help="runs that must have a file")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()

    ok = True
    passed = failed = skipped = 0
    seen = set()
    for path in args.files:
        if not path.is_file():  # e.g. an unexpanded "test-results/*.xml"
            continue
        name = path.stem
        seen.add(name)
        try:
            c = count(path)
        except (ET.ParseError, ValueError) as exc:
            print(f"  {name:<10} unreadable: {exc}")
            ok = False
            continue
        bad = c["failures"] + c["errors"]
        good = c["tests"] - bad - c["skipped"]
        passed, failed, skipped = passed + good, failed + bad, skipped + c["skipped"]
        note = " (no tests collected)" if c["tests"] == 0 else ""
        print(
            f"  {name:<10} {good} passed, {c['failures']} failed, {c['errors']} errors,"
            f" {c['skipped']} skipped{note}"
        )

    for name in filter(None, args.expect.split(",")):
        if name not in seen:
            print(f"  {name:<10} not run (no {name}.xml)")
            ok = False

    if passed + failed == 0:
        print("  no test ran")
        ok = False

    line = f"total: {passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 0 if ok and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
