"""Where each setting of a run came from: the scenario, a documented default, or a placeholder.

A run file holds its resolved scenario (`scenario_toml`: every default filled in). This module
reads it against the defaults documented in docs/parameters.md, shipped with the package as
``parameter_sources.json`` (written by tools/parameter_sources.py; a test keeps the two in
step), and against the scenario's own ``[[scenario.placeholder]]`` list (`tsunagi new`).

`settings(text)` returns one row per documented setting present in the scenario:

==========  ==================================================================================
column      meaning
==========  ==================================================================================
setting     the dotted key (``development.officer_hours_per_month``)
value       the value the run used, as TOML would print it
default     the documented default, as docs/parameters.md writes it
origin      ``"default"`` (the value is the documented default, to the precision the docs
            give), ``"scenario"`` (the scenario or an override set another value),
            ``"placeholder"`` (the scenario marks it as not known), or ``"see default"``
            (a default written in words, such as "0.3, 0.5, 1.0, 2.0 for under 10,000...",
            that cannot be compared)
kind        what the documented default rests on: ``fitted`` (docs/calibration.md),
            ``assumed``, or ``source`` (seeds, public figures; the text says which)
source      the documented source or reason
==========  ==================================================================================

A value equal to the default counts as the default even if the scenario file writes it.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import tomllib
from fractions import Fraction

import pandas as pd

_SOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parameter_sources.json")
# Tables of a resolved scenario that are inputs of the scenario itself, not defaults.
_OWN_TABLES = ("scenario", "municipalities", "prefecture", "regions", "initial", "output", "experiment",
               "advisers.count", "advisers.strategy", "advisers.team", "advisers.change", "advisers.departure",
               "advisers.contact", "advisers.event", "joint")


def documented() -> list[dict]:
    """The documented defaults: table, key, default, source, kind (parameter_sources.json)."""
    with open(_SOURCES, encoding="utf-8") as f:
        return json.load(f)["entries"]


def _leaves(doc: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in doc.items():
        path = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict):
            out.update(_leaves(v, path))
        else:
            out[path] = v
    return out


_NUMBER = re.compile(r"^-?\d[\d,]*(\.\d+)?")


def _number_close(value, text: str) -> bool | None:
    m = re.match(r"^(\d+)/(\d+)\b", text)
    if m:
        return abs(float(value) - float(Fraction(int(m.group(1)), int(m.group(2))))) < 1e-9
    m = _NUMBER.match(text)
    if not m:
        return None
    written = m.group(0).replace(",", "")
    decimals = len(written.split(".")[1]) if "." in written else 0
    # Rounded as the docs write it (342 for a fitted 342.2), and within 1% of it.
    gap, doc = abs(float(value) - float(written)), abs(float(written))
    return gap <= 0.5 * 10 ** -decimals + 1e-12 and gap <= 0.01 * doc + 1e-12


def same_as_default(value, text: str) -> bool | None:
    """Whether a value equals a default as the docs write it; None when the text is words
    that cannot be compared. Numbers compare to the precision written (342 matches 342.2)."""
    text = text.strip()
    if isinstance(value, bool):
        word = {"yes": "true", "no": "false"}.get(text.split()[0].lower(), text.split()[0].lower()) if text else ""
        return word == str(value).lower() if word in ("true", "false") else None
    if isinstance(value, (int, float)):
        return _number_close(value, text)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return text.startswith(value.isoformat()[:10]) if re.match(r"^\d{4}-\d\d-\d\d", text) else None
    if isinstance(value, str):
        words = text.strip('"')
        if re.match(r"^\d{4}-\d\d-\d\d", value) and re.match(r"^\d{4}-\d\d-\d\d", words):
            return words.startswith(value)
        return words == value if words and " " not in words else None
    if isinstance(value, list) and not value:
        return True if text.lower().startswith("none") else None
    if isinstance(value, list) and value and all(isinstance(x, (int, float)) for x in value):
        # a list as the docs write it: "0.3, 0.5, 1.0, 2.0 for under...", "4 and 10 (1 April...)",
        # "0.2, 0.2, 0.2, then 0.08"
        parts = [p.strip() for p in re.split(r",\s+(?:then\s+)?|\s+and\s+", text)][: len(value)]
        if len(parts) != len(value):
            return None
        checks = [_number_close(x, p) for x, p in zip(value, parts)]
        return None if None in checks else all(checks)
    return None


def _format(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(_format(x) for x in value)
    return str(value)


def placeholder_keys(doc: dict) -> list[str]:
    return [p.get("key", "") for p in doc.get("scenario", {}).get("placeholder", [])]


def settings(text: str) -> pd.DataFrame:
    """One row per documented setting the resolved scenario `text` holds (columns above)."""
    cols = ["setting", "value", "default", "origin", "kind", "source"]
    if not text:
        return pd.DataFrame(columns=cols)
    doc = tomllib.loads(text)
    leaves = _leaves(doc)
    marked = [k for k in placeholder_keys(doc) if k]
    rows, seen = [], set()
    for e in documented():
        top = e["table"].split(".")[0]
        path = next((c for c in (f"{e['table']}.{e['key']}", f"{top}.{e['key']}", e["key"]) if c in leaves), None)
        if path is None:
            found = [p for p in leaves if p.startswith(e["table"] + ".") and p.endswith("." + e["key"])]
            if not found and e["table"] == "cases.coupling":  # its table also documents [cases.hidden]
                found = [p for p in leaves if p.startswith("cases.hidden.") and p.endswith("." + e["key"])]
            path = found[0] if len(found) == 1 else None
        if path is None or path in seen:
            continue
        seen.add(path)
        value = leaves[path]
        if any(path == k or path.startswith(k + ".") or k.startswith(path + ".") for k in marked):
            origin = "placeholder"
        else:
            same = same_as_default(value, e["default"])
            origin = "see default" if same is None else ("default" if same else "scenario")
        rows.append((path, _format(value), e["default"], origin, e["kind"], e["source"]))
    return pd.DataFrame(rows, columns=cols)


def undocumented(text: str) -> list[str]:
    """Settings of the resolved scenario that docs/parameters.md's tables do not list (the
    scenario's own inputs — municipalities, starting stages, run settings — excluded)."""
    if not text:
        return []
    leaves = _leaves(tomllib.loads(text))
    listed = set(settings(text)["setting"])
    return sorted(p for p in leaves
                  if p not in listed and not any(p == t or p.startswith(t + ".") for t in _OWN_TABLES))
