"""Case-flow charts: waiting, people lost, and the flow diagram (with and without a case log)."""

import matplotlib.pyplot as plt
import pytest

import analysis
from analysis.caseflow import AGENCY_LABELS, flows


@pytest.fixture(scope="module")
def run_path(cases_log_run):
    return cases_log_run


def test_waiting_chart_one_line_per_agency_with_a_queue(run):
    fig = analysis.waiting_chart(run)
    waiting = run.category_total("case_waiting")
    queued = [AGENCY_LABELS[a] for a in waiting.columns if waiting[a].max() > 0]
    assert queued, "the default case scenario has queues somewhere"
    for ax in fig.axes:
        assert [line.get_label() for line in ax.get_lines()] == queued
    plt.close(fig)


def test_mean_wait_shape(run):
    w = analysis.mean_wait(run)
    assert w.shape == (len(run.dates), 8) and w.iloc[0].isna().all()  # no case starts before the first record
    assert (w.stack() >= 0).all()


def test_lost_per_year_and_chart(run):
    lost = analysis.lost_per_year(run)
    assert list(lost.index) == [2024, 2025]
    exits = run.array("case_lost_total")[:, 1:].sum(axis=1).mean()
    assert (lost["dropped_out"] + lost["gave_up"]).sum() == pytest.approx(exits, rel=1e-6)
    fig = analysis.lost_chart([run])
    assert [line.get_label() for line in fig.axes[0].get_lines()] == ["oita"]
    plt.close(fig)


def test_flow_diagram_from_the_case_log(run):
    links, source = flows(run)
    assert source == "log"
    first, second = links[links.stage == 0], links[links.stage == 1]
    assert first["cases"].sum() == pytest.approx(second["cases"].sum())  # every case: need -> agency -> exit
    n_log = run._file["cases/log"].shape[0]
    assert first["cases"].sum() == pytest.approx(n_log / len(run.replicates))
    fig = analysis.flow_diagram(run)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("resolved") for t in texts) and any(t.startswith("elderly") for t in texts)
    assert len(ax.patches) > len(set(first.source)) + len(set(first.target))  # blocks and bands
    plt.close(fig)


def test_flow_diagram_without_a_log(cases_run):
    with analysis.open_run(cases_run) as r:
        links, source = flows(r)
        assert source == "totals"
        fig = analysis.flow_diagram(r)
        assert "no case log" in fig.axes[0].get_title()
        plt.close(fig)


def test_has_cases(run, oita_run):
    assert analysis.has_cases(run)
    with analysis.open_run(oita_run) as r:
        assert not analysis.has_cases(r)
