#!/usr/bin/env python3
"""Check that the folders of sim/ include each other only downwards.

The layers, lowest first, are LAYERS below: a file in a folder may include its
own folder and any folder below it, never one above. `cli` is the top and may
include anything. Every `#include "folder/..."` in sim/**/*.{hpp,cpp,h,in} is
checked; includes whose first path part is not a layer (third-party headers,
system headers in quotes) are ignored.

Prints each upward include as `file:line: folder -> folder (include "...")` and
exits 1 if there is any; otherwise prints a one-line summary and exits 0.
A source file in a sim/ folder that is not in LAYERS is also an error, so a new
folder has to be placed in the order here (and in docs/layers.md).

Usage: tools/check_layers.py [--root REPO]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import repo_check  # noqa: E402

# The one place the order is written down (lowest first); docs/layers.md shows it.
LAYERS = [
    "core",
    "model",
    "scenario",
    "analytic",
    "processes",
    "engine",
    "experiment",
    "output",
    "calibration",
    "cli",
]

SUFFIXES = {".hpp", ".cpp", ".h", ".in"}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def source_files(sim: Path) -> list[Path]:
    return sorted(p for p in sim.rglob("*") if p.is_file() and p.suffix in SUFFIXES)


def check(root: Path) -> tuple[list[str], int, int]:
    """Return (problems, files checked, layered includes checked)."""
    sim = root / "sim"
    rank = {name: i for i, name in enumerate(LAYERS)}
    problems: list[str] = []
    files = includes = 0
    for path in source_files(sim):
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(sim).parts
        if len(parts) < 2:
            continue  # files directly in sim/ belong to no layer
        layer = parts[0]
        if layer not in rank:
            problems.append(f"{rel}:1: folder sim/{layer} is not in the layer list of tools/check_layers.py")
            continue
        files += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = match.group(1)
            head = target.split("/", 1)[0]
            if "/" not in target or head not in rank:
                continue
            includes += 1
            if rank[head] > rank[layer]:
                problems.append(f'{rel}:{number}: {layer} -> {head} (include "{target}")')
    return problems, files, includes


def main(argv: list[str] | None = None) -> int:
    root = repo_check.root_from(argv, "check_layers", __doc__)
    if root is None:
        return 2
    problems, files, includes = check(root)
    order = " < ".join(LAYERS)
    return repo_check.report(problems, f"check_layers: {len(problems)} include(s) run up the layers ({order})",
                             f"check_layers: OK, {includes} includes in {files} files follow {order}")


if __name__ == "__main__":
    sys.exit(main())
