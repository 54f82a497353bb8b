"""Idle adviser hours by reason (docs/model.md §3.5) in analysis.workload and the HTML report:
the split adds up to the idle hours, each compared scenario gets its row, and files written
before the split still make a report."""

import shutil

import h5py
import numpy as np
import pytest

import analysis
from analysis import workload
from analysis.compare import scenario_label


def test_idle_by_reason_adds_up(oita_pair):
    with analysis.open_run(oita_pair[0]) as run:
        assert analysis.has_idle_reasons(run)
        whole = analysis.idle_by_reason(run)
        fy = analysis.idle_by_reason(run, fiscal_year=2025)
        idle = run.array("adviser_hours_idle").astype(np.float64).sum(axis=1).mean()
    for h in (whole, fy):
        assert list(h.index) == list(workload.IDLE_REASONS) + ["idle"]
        assert (h >= -1e-9).all()
        assert h[list(workload.IDLE_REASONS)].sum() == pytest.approx(h["idle"], rel=1e-9, abs=1e-9)
    assert whole["idle"] == pytest.approx(idle) and whole["idle"] > 0
    assert 0 < fy["idle"] <= whole["idle"]


def test_report_shows_idle_reasons_per_scenario(oita_pair):
    html = analysis.build_html(list(oita_pair))
    assert "Why advisers are idle" in html or "idle adviser hours by reason" in html
    section = html[html.index("Idle adviser hours by reason over the whole run"):]
    section = section[:section.index("</table>")]
    for label in workload.IDLE_REASON_LABELS.values():
        assert label in section
    for run_path in oita_pair:
        with analysis.open_run(run_path) as run:
            label = scenario_label(run)
            shares = analysis.idle_reason_table([run])
        assert f"<td translate=\"no\">{label}</td>" in section  # the scenario, shown as data
        # the row's shares, as the table prints them
        for r in workload.IDLE_REASONS:
            assert f"{shares[r].iloc[0]:.0%}" in section
    with analysis.open_run(oita_pair[0]) as a, analysis.open_run(oita_pair[1]) as b:
        t = analysis.idle_reason_table([a, b])
    assert len(t) == 2
    assert np.allclose(t[list(workload.IDLE_REASONS)].sum(axis=1), 1.0)
    # on request leaves hours unbooked that outreach books (docs/model.md §3.4)
    assert t["not_booked"].iloc[1] > t["not_booked"].iloc[0]


def test_report_without_idle_reasons(oita_pair, tmp_path):
    old = tmp_path / "old.h5"
    shutil.copy(oita_pair[0], old)
    with h5py.File(old, "r+") as f:
        for r in workload.IDLE_REASONS:
            del f["series"][f"adviser_hours_idle_{r}"]
    with analysis.open_run(old) as run:
        assert not analysis.has_idle_reasons(run)
    html = analysis.build_html([old])
    assert "Where the advisers' time goes" in html
    assert "Idle adviser hours by reason" not in html
