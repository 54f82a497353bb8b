"""Japanese fiscal years (年度, April to March) of record dates, for totals of flows.

A flow recorded on date D covers the days since the previous record, i.e. up to D - 1 day,
so it belongs to the fiscal year of the day before (docs/output.md, "Record dates and what
a record holds"): the 2025-04-01 record closes FY2024.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def fiscal_year(dates) -> np.ndarray:
    """Fiscal year of each date (a stock's date): 2024-04-01 .. 2025-03-31 is FY2024."""
    d = pd.DatetimeIndex(dates)
    return np.where(d.month >= 4, d.year, d.year - 1)


def flow_fiscal_year(dates) -> np.ndarray:
    """Fiscal year that a flow recorded on each date belongs to: that of the day before."""
    return fiscal_year(pd.DatetimeIndex(dates) - pd.Timedelta(days=1))


def complete_flow_years(dates) -> list[int]:
    """Fiscal years whose flows the records cover in full: the first record is on or before
    1 April of the year and the last on or after 1 April of the next (the first record holds
    no flow). Totals of a partial year would mislead."""
    d = pd.DatetimeIndex(dates)
    if len(d) < 2:
        return []
    first = int(fiscal_year(d[:1])[0]) + (0 if (d[0].month, d[0].day) == (4, 1) else 1)
    return [y for y in range(first, int(d[-1].year)) if pd.Timestamp(y + 1, 4, 1) <= d[-1]]
