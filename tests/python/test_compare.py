"""Scenario comparison: coverage curves, paired differences, target probabilities, at-risk
municipalities and the establishment map."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import analysis


@pytest.fixture(scope="module")
def pair(oita_pair):
    with analysis.open_run(oita_pair[0]) as a, analysis.open_run(oita_pair[1]) as b:
        yield a, b


def _labels(ax):
    return [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]


def test_coverage_chart_one_line_and_band_per_scenario(pair):
    fig = analysis.coverage_chart(pair)
    ax = fig.axes[0]
    assert _labels(ax) == ["oita", "oita_on_request"]
    assert len(ax.collections) == 2  # one 90 % band each
    b = pair[1].band("kikan_coverage")
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), b["mean"] * 100)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["oita", "oita_on_request"]
    plt.close(fig)


def test_paired_difference_matches_the_experiment(pair, experiment_path):
    d = analysis.paired_difference(*pair, "kikan_coverage")
    assert list(d.columns) == ["mean", "lower", "upper", "n"] and (d["n"] == 4).all()
    assert (d["lower"] <= d["mean"] + 1e-12).all() and (d["mean"] <= d["upper"] + 1e-12).all()
    with analysis.open_experiment(experiment_path) as exp:
        e = exp.differences("kikan_coverage")
    e = e[e.variant == "on_request"].set_index("date")
    np.testing.assert_allclose(d["mean"], e["mean"])
    np.testing.assert_allclose(d["lower"], e["lower"])
    assert d.loc["2027-04-01", "mean"] < 0  # on request covers fewer municipalities (seed 000, Oita case)


def test_paired_difference_needs_the_same_seed(oita_pair, run_scenario, scenarios_dir, tmp_path):
    other = run_scenario(scenarios_dir / "oita.toml", tmp_path / "seed9.h5", 4, "--seed", "9")
    with analysis.open_run(oita_pair[0]) as a, analysis.open_run(other) as b:
        with pytest.raises(ValueError, match="seed"):
            analysis.paired_difference(a, b)


def test_difference_chart_labels(pair):
    d = analysis.paired_difference(*pair)
    fig = analysis.difference_chart({"on request minus outreach": d})
    assert _labels(fig.axes[0]) == ["on request minus outreach"]
    plt.close(fig)


def test_target_table_and_at_risk(pair):
    t = analysis.target_table(pair)
    assert list(t.index) == ["oita", "oita_on_request"]
    assert t.loc["oita", "probability_all"] == analysis.probability_all_covered(pair[0])
    assert 0 <= t.loc["oita_on_request", "coverage_p05"] <= t.loc["oita_on_request", "coverage_mean"] <= 100
    risk = analysis.at_risk(pair[1])
    p = analysis.probability_by_municipality(pair[1])
    assert set(risk.index) == set(p.index[p["probability"] < 0.9])
    assert risk["probability"].is_monotonic_increasing


def test_establishment_chart_rows_and_risk_marks(pair):
    run = pair[1]
    fig = analysis.establishment_chart(run)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert len(names) == 18
    starred = {n.removeprefix("★ ") for n in names if n.startswith("★")}
    assert starred == set(analysis.at_risk(run)["name"])
    plt.close(fig)
    fig = analysis.establishment_chart(run, max_rows=5)
    assert len(fig.axes[0].get_yticklabels()) == 5
    plt.close(fig)


def test_experiment_variants_chart_like_runs(experiment_path):
    with analysis.open_experiment(experiment_path) as exp:
        fig = analysis.coverage_chart(exp.variants())
        assert _labels(fig.axes[0]) == ["outreach", "on_request"]
        plt.close(fig)
        fig = analysis.establishment_chart(exp.variant("on_request"))
        plt.close(fig)
