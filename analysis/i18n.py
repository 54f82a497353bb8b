"""The language of the report and its charts: English, or Japanese (日本語).

Text shown to a reader is written in English in the code and passed through :func:`tr`, which
looks it up in the catalogue of the current language (report_ja.py for Japanese), like
gettext: the English text is the key, so code reads as what it shows. Placeholders are
``str.format`` fields (``{n}``, ``{mean:.0f}``); a translation keeps the same fields and may
put them in another order. The language is set for a block with :func:`language` (a context
variable, so a report built in one thread does not change another's); charts drawn outside it
are in English, as before.

A text missing from a catalogue is shown in English and recorded (:func:`missing`), so a
report is never lost to a missing translation; the tests build the Japanese report and
require the record to stay empty, and check every literal passed to ``tr`` against the
catalogue (tests/python/test_report_i18n.py).

Data are not translated: scenario, variant, file and setting names, municipality names, the
scenario's TOML and the sources quoted from docs/parameters.md. The report marks them
``translate="no"`` (the HTML attribute for content that is not to be translated), which the
test of the Japanese edition relies on to find English that leaked.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

LANGUAGES = ("en", "ja")
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}

_current = contextvars.ContextVar("tsunagi_report_language", default="en")
_missing: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}


def _catalogue(lang: str) -> dict[str, str]:
    if lang == "ja":
        from .report_ja import JA

        return JA
    return {}


def current() -> str:
    """The language of the block being run: "en" or "ja"."""
    return _current.get()


@contextmanager
def language(lang: str):
    """Runs the block in ``lang`` (one of LANGUAGES)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def tr(text: str, **fields) -> str:
    """``text`` in the current language, its ``{fields}`` filled in (when any are given)."""
    lang = _current.get()
    if lang != "en":
        translated = _catalogue(lang).get(text)
        if translated is None:
            _missing[lang].add(text)
        else:
            text = translated
    return text.format(**fields) if fields else text


def missing(lang: str = "ja") -> set[str]:
    """The texts asked for in ``lang`` that its catalogue lacks, since the last :func:`clear_missing`."""
    return set(_missing[lang])


def clear_missing() -> None:
    for s in _missing.values():
        s.clear()
