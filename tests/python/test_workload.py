"""Adviser workload: hours by activity add up to the hours available; charts show each part."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import analysis
from analysis.workload import ACTIVITIES, ACTIVITY_LABELS


@pytest.fixture(scope="module")
def run_path(oita_pair):
    return oita_pair[0]


def test_hours_by_activity_adds_up(run):
    h = analysis.hours_by_activity(run)
    assert list(h.index) == list(range(2024, 2031))  # complete fiscal years of 2024-04-01..2031-04-01
    np.testing.assert_allclose(h[list(ACTIVITIES)].sum(axis=1), h["available"], rtol=1e-9)
    assert h.loc[2024, "available"] == pytest.approx(5 * 30 * 12)  # 5 advisers x 30 h x 12 (scenarios/oita.toml)


def test_utilisation_between_0_and_1(run):
    u = analysis.utilisation(run)
    assert ((u["low"] <= u["mean"] + 1e-12) & (u["mean"] <= u["high"] + 1e-12)).all()
    assert ((u["mean"] >= 0) & (u["mean"] <= 1)).all()
    h = analysis.hours_by_activity(run)
    np.testing.assert_allclose(u["mean"], 1 - h["idle"] / h["available"], rtol=1e-9)


def test_hours_by_municipality_matches_totals(run):
    h = analysis.hours_by_municipality(run)
    assert len(h) == 18 and h["total"].is_monotonic_decreasing
    visit = run.array("adviser_hours_visit").sum(axis=1).mean()
    assert h["visit"].sum() == pytest.approx(visit, rel=1e-5)


def test_activity_chart_one_series_per_activity(run):
    fig = analysis.activity_chart(run)
    labels = [c.get_label() for c in fig.axes[0].containers]
    assert labels == [ACTIVITY_LABELS[a] for a in ACTIVITIES]
    plt.close(fig)


def test_municipality_and_utilisation_charts(run):
    fig = analysis.municipality_chart(run)
    assert [c.get_label() for c in fig.axes[0].containers] == [ACTIVITY_LABELS[a] for a in
                                                              ("visit", "council", "online", "travel")]
    assert len(fig.axes[0].get_yticklabels()) == 18
    plt.close(fig)
    fig = analysis.utilisation_chart([run])
    assert [line.get_label() for line in fig.axes[0].get_lines()] == ["oita"]
    plt.close(fig)
