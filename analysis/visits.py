"""Which municipalities advisers never reach: no in-person engagement (a visit or a council
meeting, the ``municipality_visits`` series) over a whole run.

    import analysis
    with analysis.open_run("out/oita.h5") as run:
        nv = analysis.never_visited(run)
        nv.share.sort_values("share", ascending=False)   # most often left out first
        nv.per_replicate.loc[3]                          # replicate 3: never visited?
        nv.per_replicate.sum(axis=1)                     # how many, per replicate
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from .runfile import RunFile


class NeverVisited(NamedTuple):
    """What :func:`never_visited` returns.

    * ``per_replicate``: bool DataFrame, one row per replicate (index "replicate", file
      order) and one column per municipality (5-digit codes, axis order, columns named
      "municipality"): True where the municipality had no visit in that replicate's run.
    * ``share``: DataFrame indexed by municipality code (axis order) with columns ``name``
      and ``share``, the share of replicates in which the municipality was never visited
      (the column means of ``per_replicate``).
    """

    per_replicate: pd.DataFrame
    share: pd.DataFrame


def never_visited(run: RunFile) -> NeverVisited:
    """Municipalities with no adviser visit over the whole run, per replicate, and the share
    of replicates in which each municipality was never visited.

    "Visit" is any in-person engagement counted by the ``municipality_visits`` series (visits
    and council meetings; online meetings do not count). A municipality is never visited
    when that series sums to zero over every record of the replicate; any booked visit adds
    a positive amount (a visit is spread over the days of its month, so a run that ends
    mid-month records a fraction of it), so the test is "total is zero", not "total < 1".
    """
    visits = run.array("municipality_visits").astype(np.float64)  # (R, T, M)
    never = visits.sum(axis=1) == 0.0  # (R, M)
    m = run.municipalities
    per_replicate = pd.DataFrame(
        never,
        index=pd.Index(run.replicates, name="replicate"),
        columns=pd.Index(m.index.values, name="municipality"),
    )
    share = pd.DataFrame({"name": m["name"].values, "share": never.mean(axis=0)}, index=m.index)
    return NeverVisited(per_replicate, share)
