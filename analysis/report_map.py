"""For national runs: a tile map of the 47 prefectures (positions in prefecture_tiles.py),
each tile coloured by the coverage of 基幹 on a date and carrying the probability that every
municipality of the prefecture has one by that date.

    with analysis.open_run("out/national.h5") as run:
        prefecture_table(run, "2027-03-31")   # per prefecture: coverage and P(all)
        tile_map(run, "2027-03-31")
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .plots import plt
from .prefecture_tiles import TILES
from .targets import establishment_dates
from .i18n import tr

MIN_PREFECTURES = 2  # a run whose municipalities span more prefectures than one gets the map


def prefectures(run) -> list[str]:
    """The 2-digit prefecture codes of a run's municipalities, sorted."""
    return sorted({str(c)[:2] for c in run.municipalities.index})


def is_national(run) -> bool:
    """Whether the run spans several prefectures (a national run, or a group of prefectures)."""
    return len(prefectures(run)) >= MIN_PREFECTURES


def prefecture_table(run, by) -> pd.DataFrame:
    """Per prefecture of the run (index: 2-digit code, JIS order): name, municipalities,
    coverage (mean over replicates of the share of its municipalities with a 基幹 by ``by``,
    0..1) and probability_all (share of replicates in which every one of them has a 基幹 by
    ``by``). "By" as in :func:`analysis.targets.probability_all_covered`: the establishment
    date (the first record with the 基幹 established) on or before the day."""
    day = pd.Timestamp(by)
    d = establishment_dates(run, "kikan")
    d["has"] = d["date"].notna() & (d["date"] <= day)
    d["prefecture"] = d["municipality"].astype(str).str[:2]
    per_rep = d.groupby(["prefecture", "replicate"])["has"].agg(["mean", "all"])
    out = per_rep.groupby(level="prefecture").agg(coverage=("mean", "mean"), probability_all=("all", "mean"))
    out.insert(0, "municipalities", d[d["replicate"] == d["replicate"].iloc[0]].groupby("prefecture").size())
    names = {code: name for code, name, *_ in TILES}
    out.insert(0, "name", [names.get(c, c) for c in out.index])
    out.index.name = "prefecture"
    return out.astype({"coverage": float, "probability_all": float})


def tile_map(run, by, title: str | None = None):
    """The 47 prefectures as tiles: colour = coverage of 基幹 on ``by`` (mean over replicates;
    grey: the prefecture is not in the run), text = name, coverage and P(every municipality
    by ``by``). Each tile's SVG id is ``tile-<code>``. Returns the Figure."""
    table = prefecture_table(run, by)
    cmap = plt.get_cmap("YlGnBu")
    cols = max(t[3] for t in TILES) + 1
    rows = max(t[4] for t in TILES) + 1
    fig, ax = plt.subplots(figsize=(10, 8.2))
    for code, name, _, x, y in TILES:
        if code in table.index:
            row = table.loc[code]
            colour = cmap(row["coverage"])
            text = f"{name}\n{row['coverage']:.0%}\n" + tr("P {p:.0%}", p=row["probability_all"])
            dark = row["coverage"] > 0.55
        else:
            colour, text, dark = "#eeeeee", f"{name}\n–", False
        ax.add_patch(plt.Rectangle((x + 0.04, y + 0.04), 0.92, 0.92, facecolor=colour, edgecolor="white", lw=1.2,
                                   gid=f"tile-{code}"))
        ax.text(x + 0.5, y + 0.5, text, ha="center", va="center", fontsize=7.5, linespacing=1.15,
                color="white" if dark else "#222222")
    ax.set_xlim(0, cols)
    ax.set_ylim(rows, 0)
    ax.set_aspect("equal")
    ax.axis("off")
    sm = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(0, 100))
    sm.set_array(np.array([]))
    cbar = fig.colorbar(sm, ax=ax, fraction=0.03, pad=0.01)
    cbar.set_label(tr("% of municipalities with a 基幹 on {date} (mean over replicates)", date=pd.Timestamp(by).date()))
    ax.set_title(title or tr("基幹 by prefecture on {date}: coverage, and P = probability that every municipality has one",
                             date=pd.Timestamp(by).date()), fontsize=10)
    return fig
