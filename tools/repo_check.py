"""What the repository checks of tools/ (check_layers.py, check_mirror_tests.py) share:
the command line (--root, the repository) and the report (each problem, then a summary)."""
import argparse
import sys
from pathlib import Path


def root_from(argv, name, doc):
    """The repository root from --root (default: the one tools/ is in), or None after
    printing why it is not one (no sim/ folder)."""
    parser = argparse.ArgumentParser(prog=name, description=doc.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="repository root (default: the one this script is in)")
    root = parser.parse_args(argv).root
    if not (root / "sim").is_dir():
        print(f"{name}: no sim/ folder under {root}", file=sys.stderr)
        return None
    return root


def report(problems, failed, passed):
    """Prints each problem, then `failed` (exit 1) or `passed` (exit 0)."""
    for problem in problems:
        print(problem)
    print(failed if problems else passed)
    return 1 if problems else 0
