#!/usr/bin/python3
"""Generate analysis/parameter_sources.json from the tables of docs/parameters.md.

The report states, for every setting of a run, whether it was the documented default and
where that default comes from (docs/report.md, "Assumptions"). The documentation is the one
place those sources are written; this script turns its tables into the data the installed
package ships (users have no docs/ beside the package). tests/python/test_parameter_sources.py
fails when the shipped file and the documentation disagree: after editing parameters.md run

  /usr/bin/python3 tools/parameter_sources.py            # rewrite the file
  /usr/bin/python3 tools/parameter_sources.py --check    # exit 1 if it is out of date

A row of a table whose first column is `parameter` or `key` becomes one entry per key named
in backticks in that column: the section (the scenario table its `##` heading documents), the
key, the default as written, the source or reason, and its kind ("fitted", "assumed" or
"source", from the bold words the documentation uses; the case-flow tables of "key | value |
reason" are all assumptions, as their text says). Rows of the design-project table
(基幹 | 拠点 | 重層 columns) become one entry per institution.
"""

import argparse
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "parameters.md")
OUT = os.path.join(ROOT, "analysis", "parameter_sources.json")

# The scenario table each `##` section of parameters.md documents.
SECTIONS = {"Development": "development", "Advisers": "advisers", "Strategies": "advisers",
            "Case flows": "cases", "Workforce": "workforce"}
# Subsections whose keys live in a table of their own.
SUBSECTIONS = {("Case flows", "Coupling and hidden need"): "cases.coupling",
               ("Workforce", "Officers in charge"): "workforce.officers",
               ("Workforce", "Consultation workers"): "workforce.workers",
               ("Workforce", "Advisers"): "workforce.advisers"}
INSTITUTIONS = {"基幹": "kikan", "拠点": "kyoten", "重層": "multi_layered"}
# The case-flow tables with one row per need or agency and one column per key.
WIDE = {"need": ("cases.needs", "Case flows, Needs"), "agency": ("cases.agencies", "Case flows, Agencies")}
COLUMN_KEYS = {"rate": "rate_per_100k_month", "urgent": "urgent_share", "info": None}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _kind(source: str, header: list[str]) -> str:
    if header[-1] == "reason":
        return "assumed"  # the case-flow tables: "all assumed", "its size is assumed"
    if "**fitted**" in source:
        return "fitted"
    if "**assumed**" in source or source.lower().startswith("assumed"):
        return "assumed"
    return "source"


def _clean(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)  # markdown links: their text
    return text.replace("**", "").replace("`", "").strip()


def _wide_row(header: list[str], cells: list[str]) -> list[dict]:
    """A row of the needs or agencies table: bold values rest on the sources table of
    "Case flows", the others are assumed (as the text under the tables says)."""
    table, where = WIDE[header[0]]
    row = cells[0].strip("`")
    out = []
    for h, value in zip(header[1:], cells[1:]):
        key = COLUMN_KEYS.get(h, h.replace("-", "_").replace(" ", "_"))
        if key is None:
            continue
        bold = value.startswith("**")
        out.append({"table": f"{table}.{row}", "key": key, "default": _clean(value),
                    "source": f"docs/parameters.md, {where}: "
                    + ("from the sources (Case flows, From the sources)" if bold else "assumed"),
                    "kind": "source" if bold else "assumed"})
    return out


def parse(text: str) -> list[dict]:
    entries = []
    section = subsection = None
    header = None
    for line in text.splitlines():
        if line.startswith("## "):
            section, subsection, header = line[3:].strip(), None, None
            continue
        if line.startswith("### "):
            subsection, header = line[4:].strip(), None
            continue
        if not line.startswith("|"):
            header = None
            continue
        cells = _cells(line)
        if header is None:
            header = cells
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        if section == "Case flows" and header[0] in WIDE and cells[0].startswith("`"):
            entries += _wide_row(header, cells)
            continue
        if section not in SECTIONS or header[0] not in ("parameter", "key"):
            continue
        keys = re.findall(r"`([^`]+)`", cells[0])
        if not keys or not cells[0].startswith("`"):
            continue  # a row about something that is not a key ("event `hours`", "hubs, councils")
        table = SUBSECTIONS.get((section, subsection), SECTIONS[section])
        source = _clean(cells[-1])
        columns = [h for h in header[1:-1] if h in INSTITUTIONS]
        if columns:  # the design-project table: one default per institution
            for key in keys:
                for h, value in zip(header[1:], cells[1:]):
                    if h in INSTITUTIONS:
                        entries.append({"table": f"development.{INSTITUTIONS[h]}", "key": key,
                                        "default": _clean(value), "source": source, "kind": _kind(cells[-1], header)})
            continue
        value = _clean(cells[1])
        values = [v.strip() for v in value.split(",")] if len(keys) > 1 else [value]
        if len(values) != len(keys):
            values = [value] * len(keys)
        for key, v in zip(keys, values):
            entries.append({"table": table, "key": key, "default": v, "source": source, "kind": _kind(cells[-1], header)})
    return entries


def render() -> str:
    with open(DOC, encoding="utf-8") as f:
        entries = parse(f.read())
    return json.dumps({"generated_from": "docs/parameters.md", "by": "tools/parameter_sources.py",
                       "entries": entries}, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped file is out of date")
    args = ap.parse_args()
    text = render()
    if args.check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{os.path.relpath(OUT, ROOT)} is out of date: run tools/parameter_sources.py", file=sys.stderr)
                return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(json.loads(text)['entries'])} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
