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


REPR_ROWS = 10  # municipalities a NeverVisited shows when printed


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

    def __repr__(self) -> str:
        """A few readable lines instead of two DataFrames dumped whole: how many municipalities
        were never visited, and the most often left out (at most :data:`REPR_ROWS`), e.g.::

            NeverVisited: 2 of 18 municipalities never visited in at least one of 20 replicates
              share  code   name
               0.85  44322  姫島村
               0.10  44214  国東市
            (.share: DataFrame name, share by code; .per_replicate: 20 x 18 bool DataFrame)
        """
        n_rep, n_mun = self.per_replicate.shape
        left = self.share[self.share["share"] > 0].sort_index().sort_values("share", ascending=False, kind="stable")
        always = int((self.share["share"] == 1.0).sum())
        if not len(left):
            return (f"NeverVisited: all {n_mun} municipalities visited in every one of {n_rep} replicates\n"
                    f"(.share: DataFrame name, share by code; .per_replicate: {n_rep} x {n_mun} bool DataFrame)")
        head = (f"NeverVisited: {len(left)} of {n_mun} municipalities never visited in at least one of "
                f"{n_rep} replicates")
        if always:
            head += f" ({always} in every replicate)"
        lines = [head, "  share  code   name"]
        for code, row in left.head(REPR_ROWS).iterrows():
            lines.append(f"  {row['share']:5.2f}  {code}  {row['name']}")
        if len(left) > REPR_ROWS:
            lines.append(f"  ... and {len(left) - REPR_ROWS} more")
        lines.append(f"(.share: DataFrame name, share by code; .per_replicate: {n_rep} x {n_mun} bool DataFrame)")
        return "\n".join(lines)

    __str__ = __repr__


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


def why_never_visited(run: RunFile, share: float = 0.5) -> pd.DataFrame:
    """Municipalities never visited (:func:`never_visited`) in at least ``share`` of the
    replicates, each with the reason that holds in most of those replicates (docs/model.md
    §3.2, §3.5): ``no need`` (nothing advisers could help with: everything set up), ``not
    served by the strategy`` (need unmet in months when advisers had hours the strategy did
    not book, e.g. it did not ask under on request), ``hours ran out`` (need unmet and no hours
    to book). Index: municipality code; columns name, share of replicates never visited, need
    and unmet need in hours (mean over those replicates), reason."""
    never = never_visited(run).per_replicate.to_numpy()  # (R, M)
    need = run.array("adviser_need_hours").astype(np.float64)  # (R, T, M)
    unmet = run.array("adviser_need_unmet_hours").astype(np.float64)
    not_booked = run.array("adviser_hours_idle_not_booked").astype(np.float64)  # (R, T)
    m = run.municipalities
    rows = []
    for j in np.flatnonzero(never.mean(axis=0) >= share):
        reps = np.flatnonzero(never[:, j])
        reasons = []
        for r in reps:
            if need[r, :, j].sum() <= 0.0:
                reasons.append("no need")
            elif (not_booked[r] * (unmet[r, :, j] > 0)).sum() > 0.0:
                reasons.append("not served by the strategy")
            else:
                reasons.append("hours ran out")
        values, counts = np.unique(reasons, return_counts=True)
        rows.append({"code": m.index[j], "name": m["name"].iloc[j], "never_visited": len(reps) / never.shape[0],
                     "need_hours": float(need[reps, :, j].sum(axis=1).mean()),
                     "unmet_hours": float(unmet[reps, :, j].sum(axis=1).mean()),
                     "reason": values[np.argmax(counts)]})
    df = pd.DataFrame(rows, columns=["code", "name", "never_visited", "need_hours", "unmet_hours", "reason"])
    return df.set_index("code")
