"""One colour per scenario or variant for a whole report.

A report draws the same scenarios on many charts (coverage, differences, adviser hours,
utilisation, people lost, the state on the target date). A reader matches them by colour,
so each label gets its colour once, in the order the report names them (the baseline
first), and every chart asks the :class:`Palette` for it instead of taking matplotlib's
next colour. Each scenario's artists also carry the SVG id ``series-<label>``
(:func:`series_gid`), so a test can read the page's SVG and check that a label has the
same colour in every chart.

    palette = Palette(["outreach", "on_request"])
    palette["on_request"]            # '#d62728'
    series_gid("on_request")         # 'series-on_request'
"""

from __future__ import annotations

# matplotlib's tab10, reordered so that the first colours differ most (blue, red, green,
# purple, orange, ...), then tab20's light tints for reports of more than ten scenarios.
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#aec7e8", "#ff9896", "#98df8a", "#c5b0d5", "#ffbb78", "#9edae5", "#c49c94", "#f7b6d2",
           "#c7c7c7", "#dbdb8d")


def series_gid(label: str) -> str:
    """The SVG id of a scenario's lines, bands, bars and markers: ``series-<label>``."""
    return f"series-{label}"


class Palette:
    """Label -> colour, fixed once for a report. Labels are assigned in the order given (the
    baseline first); a label not given before gets the next free colour when first asked
    for, so a chart can never change the colour of a label another chart has used."""

    def __init__(self, labels=()):
        self._colours: dict[str, str] = {}
        for label in labels:
            self[label]

    def __getitem__(self, label: str) -> str:
        label = str(label)
        if label not in self._colours:
            n = len(self._colours)
            # Past the table: cycle through it again (the SVG ids still tell the labels apart).
            self._colours[label] = COLOURS[n % len(COLOURS)]
        return self._colours[label]

    def __contains__(self, label) -> bool:
        return str(label) in self._colours

    def labels(self) -> list[str]:
        return list(self._colours)

    def as_dict(self) -> dict[str, str]:
        return dict(self._colours)
