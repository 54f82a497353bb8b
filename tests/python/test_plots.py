"""The band chart draws the mean line and a band that match RunFile.band()."""

import numpy as np
import matplotlib.pyplot as plt

import analysis
from analysis.__main__ import main
from analysis.plots import band_chart


def test_band_chart_draws_mean_and_band(oita_run):
    with analysis.open_run(oita_run) as run:
        ax = band_chart(run, "kikan_coverage")
        b = run.band("kikan_coverage")
    line = ax.get_lines()[0]
    np.testing.assert_allclose(line.get_ydata(), b["mean"].to_numpy() * 100)
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() >= b["low"].min() * 100 - 1e-9
    assert band.max() <= b["high"].max() * 100 + 1e-9
    assert ax.get_ylim() == (0, 100)
    plt.close(ax.figure)


def test_figure_command_writes_png(oita_run, tmp_path):
    out = tmp_path / "coverage.png"
    assert main(["figure", str(oita_run), "-o", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_figure_command_refuses_a_non_tsunagi_file(tmp_path, capsys):
    bad = tmp_path / "x.h5"
    bad.write_text("nope")
    assert main(["figure", str(bad), "-o", str(tmp_path / "y.png")]) == 2
    assert "x.h5" in capsys.readouterr().err
