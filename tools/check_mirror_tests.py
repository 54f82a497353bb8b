#!/usr/bin/env python3
"""Check that every source of sim/ has a mirror test, or a written exemption.

A source is a `.cpp` (or `.cpp.in` template) under sim/, or a header-only
`.hpp` (one with no `.cpp`/`.cpp.in` of the same name beside it). Its mirror
test is tests/cpp/<path under sim/ without extension>_test.cpp, e.g.
sim/core/date.cpp -> tests/cpp/core/date_test.cpp.

A source without a mirror test needs a line in tests/cpp/MIRROR_EXEMPTIONS.txt:
    sim/path/to/file.cpp  reason (where it is tested, or "no behavioural test yet")
Blank lines and lines starting with '#' are ignored.

Fails (exit 1), one line per problem, on:
  - a source with neither a mirror test nor an exemption,
  - an exemption without a reason,
  - an exemption for a file that does not exist (or is not a source, e.g. a
    header whose .cpp is the source),
  - an exemption for a source that has a mirror test (stale),
  - a source exempted twice.
Otherwise prints a one-line summary and exits 0.

Usage: tools/check_mirror_tests.py [--root REPO]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import repo_check  # noqa: E402

EXEMPTIONS = Path("tests/cpp/MIRROR_EXEMPTIONS.txt")


def stem_of(rel: Path) -> Path:
    """sim/a/b.cpp.in -> a/b (the path under sim/ without extension)."""
    under = rel.relative_to("sim")
    name = under.name.split(".", 1)[0]
    return under.with_name(name)


def sources(root: Path) -> list[Path]:
    sim = root / "sim"
    found: list[Path] = []
    for path in sorted(sim.rglob("*")):
        if not path.is_file():
            continue
        name = path.name
        if name.endswith(".cpp") or name.endswith(".cpp.in"):
            found.append(path.relative_to(root))
        elif name.endswith(".hpp"):
            base = name[: -len(".hpp")]
            if not (path.with_name(base + ".cpp").exists() or path.with_name(base + ".cpp.in").exists()):
                found.append(path.relative_to(root))
    return found


def mirror_of(rel: Path) -> Path:
    stem = stem_of(rel)
    return Path("tests/cpp") / stem.parent / f"{stem.name}_test.cpp"


def read_exemptions(root: Path) -> tuple[dict[str, tuple[int, str]], list[str]]:
    entries: dict[str, tuple[int, str]] = {}
    problems: list[str] = []
    path = root / EXEMPTIONS
    if not path.exists():
        return entries, problems
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        parts = text.split(None, 1)
        name = parts[0]
        reason = parts[1].strip() if len(parts) > 1 else ""
        where = f"{EXEMPTIONS.as_posix()}:{number}"
        if not reason:
            problems.append(f"{where}: exemption for {name} gives no reason")
        if name in entries:
            problems.append(f"{where}: {name} is exempted twice (first on line {entries[name][0]})")
            continue
        entries[name] = (number, reason)
    return entries, problems


def check(root: Path) -> tuple[list[str], int, int, int]:
    """Return (problems, sources, mirrored, exempted)."""
    srcs = sources(root)
    exemptions, problems = read_exemptions(root)
    source_names = {s.as_posix() for s in srcs}
    mirrored = exempted = 0
    for src in srcs:
        name = src.as_posix()
        mirror = mirror_of(src)
        has_mirror = (root / mirror).is_file()
        if has_mirror:
            mirrored += 1
            if name in exemptions:
                problems.append(f"{EXEMPTIONS.as_posix()}:{exemptions[name][0]}: stale exemption: "
                                f"{name} has its mirror test {mirror.as_posix()}")
        elif name in exemptions:
            exempted += 1
        else:
            problems.append(f"{name}: no mirror test {mirror.as_posix()} and no exemption in "
                            f"{EXEMPTIONS.as_posix()}")
    for name, (number, _reason) in sorted(exemptions.items(), key=lambda kv: kv[1][0]):
        if name in source_names:
            continue
        where = f"{EXEMPTIONS.as_posix()}:{number}"
        if not (root / name).exists():
            problems.append(f"{where}: exemption for {name}, which does not exist")
        else:
            problems.append(f"{where}: exemption for {name}, which is not a source needing a mirror "
                            f"test (a header with a .cpp, or outside sim/)")
    return problems, len(srcs), mirrored, exempted


def main(argv: list[str] | None = None) -> int:
    root = repo_check.root_from(argv, "check_mirror_tests", __doc__)
    if root is None:
        return 2
    problems, total, mirrored, exempted = check(root)
    return repo_check.report(
        problems,
        f"check_mirror_tests: {len(problems)} problem(s); {total} sources, {mirrored} with a mirror test, "
        f"{exempted} exempted",
        f"check_mirror_tests: OK, {total} sources: {mirrored} with a mirror test, {exempted} exempted")


if __name__ == "__main__":
    sys.exit(main())
