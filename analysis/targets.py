"""Targets planners set for institutions: when each municipality gets one, and how likely it
is that every municipality has one by a date (e.g. a 基幹 everywhere by the end of FY2026).

    import analysis
    with analysis.open_run("out/oita.h5") as run:
        analysis.probability_all_covered(run, "kikan", by="2027-03-31")
        analysis.establishment_dates(run)             # replicate x municipality, tidy
        analysis.establishment_date_distribution(run) # per municipality, over replicates

When a municipality "has" an institution: from the stage named in :data:`HAS_FROM` on (a
基幹 established or functioning, a 拠点 established, a council active, 重層 implementing),
the same rule as the ``<institution>_municipalities`` and ``_coverage`` series.

Dates. Stages change only at the gates on the first day of a month (openings of 基幹 and
拠点 on 1 April or 1 October), and a record on day D holds the state after D's gates. So
the state on any day is the one at the last record on or before it, and a municipality
has an institution "by 2027-03-31" when it has it at a record dated 2027-03-31 or earlier:
an opening on 2027-04-01 is too late. The establishment date is the first record date at
or above the stage; one that had the institution when the run started gets the first
record date (the scenario's start).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .runfile import RunFile

INSTITUTIONS = ("kikan", "kyoten", "council", "multi_layered")

# The stage from which a municipality has the institution, by name. Mirrors kCoveredFrom in
# sim/model/institution.hpp (looked up in the series' labels, so the codes may change).
HAS_FROM = {"kikan": "established", "kyoten": "established", "council": "active", "multi_layered": "implementing"}

# Institutions whose stage can go down again: a council goes back to dormant. For these,
# "has it by a date" is the state on that date, not "was ever set up by then".
REVERSIBLE = frozenset({"council"})


def _has(run: RunFile, institution: str) -> np.ndarray:
    """(R, T, M) bool: the municipality has the institution at the record."""
    if institution not in HAS_FROM:
        raise ValueError(f"unknown institution {institution!r}; expected one of {', '.join(INSTITUTIONS)}")
    name = f"{institution}_stage"
    labels = run.labels(name)
    if HAS_FROM[institution] not in labels:
        raise ValueError(f"{run.path}: series {name!r} has no stage {HAS_FROM[institution]!r} (stages: {', '.join(labels)})")
    return run.array(name) >= labels.index(HAS_FROM[institution])


def _first_dates(run: RunFile, has: np.ndarray) -> np.ndarray:
    """(R, M) datetime64[ns]: first record date at which ``has`` (R, T, M) is true; NaT if never."""
    first = np.asarray(run.dates.values)[has.argmax(axis=1)]
    return np.where(has.any(axis=1), first, np.datetime64("NaT"))


def _day(run: RunFile, by) -> pd.Timestamp:
    """``by`` (ISO string, date, Timestamp) as a day the records cover, else ValueError."""
    day = pd.Timestamp(by).normalize()
    first, last = run.dates[0], run.dates[-1]
    if not first <= day <= last:
        raise ValueError(
            f"{run.path}: {day.date()} is outside the run: its records cover {first.date()} to {last.date()} "
            "(the state before the first record or after the last one is not known)"
        )
    return day


def _has_by(run: RunFile, institution: str, has: np.ndarray, day: pd.Timestamp) -> np.ndarray:
    """(R, M) bool: the municipality has the institution by ``day`` (see the module notes),
    given ``has`` = :func:`_has`: its establishment date is on or before the day, or for a
    reversible institution (the council) it has it at the last record on or before the day."""
    if institution in REVERSIBLE:
        t = int(run.dates.searchsorted(day, side="right")) - 1
        return has[:, t, :]
    return _first_dates(run, has) <= day.to_datetime64()  # NaT compares False


def _prefecture_mask(run: RunFile, prefecture) -> np.ndarray:
    """(M,) bool: municipalities whose 5-digit code starts with the 2-digit ``prefecture``
    code (all of them when it is None)."""
    codes = run.municipalities.index
    if prefecture is None:
        return np.ones(len(codes), dtype=bool)
    text = f"{prefecture:02d}" if isinstance(prefecture, (int, np.integer)) else str(prefecture)
    if len(text) != 2 or not text.isdigit():
        raise ValueError(f"prefecture must be a 2-digit code such as '44', not {prefecture!r}")
    mask = np.asarray(codes.str.startswith(text))
    if not mask.any():
        present = ", ".join(sorted({c[:2] for c in codes}))
        raise ValueError(f"{run.path}: no municipality with prefecture code {text}; the file has {present}")
    return mask


def probability_all_covered(run: RunFile, institution: str = "kikan", by="2027-03-31", prefecture=None) -> float:
    """Share of replicates in which every municipality has ``institution`` by the day ``by``.

    ``institution`` is one of :data:`INSTITUTIONS`; ``by`` a day (ISO string, date or
    Timestamp) from the first to the last record date; ``prefecture`` None (every
    municipality in the file) or a 2-digit code ("44" or 44): only the municipalities whose
    code starts with it. For the 基幹, 拠点 and 重層 a municipality counts when its
    establishment date (see :func:`establishment_dates`) is on or before ``by``: with the
    default "2027-03-31" a 基幹 opening on 2027-04-01 does not count. For the council, which
    can go dormant again, it counts when its council is active on ``by``.

    Example: ``probability_all_covered(run)`` is the probability that every municipality
    has a 基幹 by the end of FY2026 (the figure ``tsunagi run`` prints).
    """
    day = _day(run, by)
    mask = _prefecture_mask(run, prefecture)
    covered = _has_by(run, institution, _has(run, institution), day)[:, mask]
    return float(covered.all(axis=1).mean())


def establishment_dates(run: RunFile, institution: str = "kikan") -> pd.DataFrame:
    """When each municipality got ``institution``, in every replicate.

    A tidy table, one row per (replicate, municipality), ordered by replicate then
    municipality (axis order): replicate, municipality (5-digit code), name, date (the first
    record date at which it has the institution, see the module notes; the first record date
    if it had one when the run started; NaT if it never got one within the run). For the
    council this is the first activation: a council may go dormant again later.
    """
    dates = _first_dates(run, _has(run, institution))  # (R, M)
    n_rep, n_mun = dates.shape
    m = run.municipalities
    return pd.DataFrame(
        {
            "replicate": np.repeat(run.replicates, n_mun),
            "municipality": np.tile(m.index.values, n_rep),
            "name": np.tile(m["name"].values, n_rep),
            "date": pd.to_datetime(dates.reshape(-1)),
        }
    )


def _fiscal_year(day: pd.Timestamp) -> int:
    """Japanese fiscal year (April to March) of a day: 2024-04-01 .. 2025-03-31 is FY2024."""
    return day.year if day.month >= 4 else day.year - 1


def establishment_date_distribution(run: RunFile, institution: str = "kikan") -> pd.DataFrame:
    """Per municipality, over replicates: how likely it has ``institution`` by the end of
    each fiscal year, and the median establishment date.

    A DataFrame indexed by municipality code (axis order) with columns:

    * ``name``
    * ``FY2024``, ``FY2025``, ...: share of replicates in which the municipality has the
      institution by the end of that fiscal year (31 March of the next calendar year), with
      the rule of :func:`probability_all_covered`. One column for every fiscal year from the
      one the run starts in to the last one that ends on or before the last record date; a
      fiscal year the run stops in the middle of has no column.
    * ``median_date``: the earliest record date by which at least half of the replicates
      have established it (the lower median of :func:`establishment_dates`, counting "never"
      as later than any date), so always a date from the file; NaT when it is established in
      fewer than half of the replicates. For the council: of the first activation.

    The FY columns are floats from 0 to 1 (a share, not a percentage); ``name`` is text and
    ``median_date`` a datetime64 column. Example (scenarios/oita.toml, 20 replicates)::

                 name  FY2024  FY2025  FY2026  ...  median_date
        code
        44201   大分市     1.0    1.00    1.00  ...   2024-04-01   (had one at the start)
        44322   姫島村     0.0    0.30    0.60  ...   2026-04-01

    Index: the 5-digit municipality code (index name "code"), in the file's axis order.
    """
    has = _has(run, institution)
    first = _first_dates(run, has)  # (R, M)
    n_rep = first.shape[0]
    m = run.municipalities
    out = pd.DataFrame({"name": m["name"].values}, index=m.index)
    last = run.dates[-1]
    fy = _fiscal_year(run.dates[0])
    while (end := pd.Timestamp(fy + 1, 3, 31)) <= last:
        out[f"FY{fy}"] = _has_by(run, institution, has, end).mean(axis=0)
        fy += 1
    # NaT sorts last in numpy, so the k-th smallest is NaT exactly when fewer than k replicates
    # established it.
    k = (n_rep + 1) // 2
    out["median_date"] = pd.to_datetime(np.sort(first, axis=0)[k - 1]) if n_rep else pd.NaT
    return out


def probability_by_municipality(run: RunFile, institution: str = "kikan", by="2027-03-31") -> pd.DataFrame:
    """Per municipality, the share of replicates in which it has ``institution`` by the day
    ``by`` (the rule of :func:`probability_all_covered`): a DataFrame indexed by code (axis
    order) with columns name and probability. The municipalities furthest from 1 are those
    at risk of missing the target."""
    day = _day(run, by)
    p = _has_by(run, institution, _has(run, institution), day).mean(axis=0)
    m = run.municipalities
    return pd.DataFrame({"name": m["name"].values, "probability": p}, index=m.index)
