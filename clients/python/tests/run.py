"""Runs every test of the Python SDK and prints one summary line in dotnet test's form."""

from __future__ import annotations

import pathlib
import sys
import unittest

SDK_NAME = "enterprisehub (Python)"


def main() -> int:
    here = pathlib.Path(__file__).resolve().parent
    suite = unittest.defaultTestLoader.discover(str(here), pattern="test_*.py", top_level_dir=str(here.parent))
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    word = "Passed!" if failed == 0 else "Failed!"
    print(f"{word}  - Failed: {failed:5d}, Passed: {passed:5d}, Skipped: {skipped:5d}, "
          f"Total: {result.testsRun:5d} - {SDK_NAME}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
