"""The staff-turnover scenario family (scenarios/turnover/, docs/model.md §4) run by the
`tsunagi` binary: every file runs from the CLI, its workforce series keep their books
(hires − departures = change in posts filled), officers change only on 1 April, and each
scenario moves what it should against its baseline, paired by replicate (the scenarios
share the seed, so the differences are not noise)."""

import h5py
import numpy as np
import pytest

from support import assert_same_files, run_ok

REPLICATES = 10
SCENARIOS = ["baseline", "high_rotation", "low_rotation", "adviser_loss", "worker_exodus", "institutionalised",
             "okinawa_pipeline", "okinawa_no_pipeline"]
ROLES = ["officer", "worker", "adviser"]


@pytest.fixture(scope="module")
def turnover(run_tsunagi, scenarios_dir, tmp_path_factory):
    """{scenario: {series name: array}, plus "dates"} for every scenario of the family."""
    out = tmp_path_factory.mktemp("turnover")
    results = {}
    for name in SCENARIOS:
        path = out / f"{name}.h5"
        run_ok(run_tsunagi, "run", scenarios_dir / "turnover" / f"{name}.toml", "-o", path, "-q",
               "--replicates", str(REPLICATES))
        with h5py.File(path, "r") as f:
            series = {k: f["series"][k][()] for k in f["series"]}
            series["dates"] = [d.decode() for d in f["time/date"][()]]
        results[name] = series
    return results


def total(r, name):
    """Per replicate: the sum of a series over time (and municipalities, categories)."""
    v = r[name].astype(float)
    return np.nansum(v.reshape(v.shape[0], -1), axis=1)


def at(r, name, date):
    return r[name][:, r["dates"].index(date)].astype(float)


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_scenario_records_the_workforce(turnover, name):
    r = turnover[name]
    for role in ROLES:
        for what in ("filled", "vacant", "departures", "hires", "mean_tenure"):
            assert f"workforce_{role}_{what}" in r
    assert r["worker_posts_filled"].shape[2:] == (r["officer_rotations"].shape[2], 8)
    assert (r["workforce_officer_filled"] == r["officer_rotations"].shape[2]).all()  # officers are never missing
    assert r["workforce_worker_filled"].min() > 0 and r["adviser_headcount"].min() >= 0


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("role", ["officer", "worker"])
def test_headcount_changes_by_hires_minus_departures(turnover, name, role):
    r = turnover[name]
    filled = r[f"workforce_{role}_filled"].astype(int)
    flow = r[f"workforce_{role}_hires"].astype(int) - r[f"workforce_{role}_departures"].astype(int)
    assert np.array_equal(np.diff(filled, axis=1), flow[:, 1:])
    assert r[f"workforce_{role}_departures"].any(), "nobody left: the check would pass on a frozen workforce"


def test_adviser_headcount_changes_by_hires_minus_departures_in_oita(turnover):
    # Oita has one programme phase, so adviser posts are never rebuilt.
    for name in ("baseline", "adviser_loss"):
        r = turnover[name]
        filled = r["workforce_adviser_filled"].astype(int)
        flow = r["workforce_adviser_hires"].astype(int) - r["workforce_adviser_departures"].astype(int)
        assert np.array_equal(np.diff(filled, axis=1), flow[:, 1:])


@pytest.mark.parametrize("name", ["baseline", "high_rotation", "okinawa_pipeline"])
def test_officers_change_only_on_1_april(turnover, name):
    r = turnover[name]
    changed = r["officer_rotations"].sum(axis=(0, 2)) > 0
    days = {d for d, c in zip(r["dates"], changed) if c}
    assert days and all(d.endswith("-04-01") for d in days), days
    assert np.array_equal(r["officer_rotations"].sum(axis=2), r["workforce_officer_departures"])


def test_more_rotation_loses_more_readiness_and_more_cases(turnover):
    high, low, base = turnover["high_rotation"], turnover["low_rotation"], turnover["baseline"]
    assert (total(high, "workforce_officer_departures") > total(base, "workforce_officer_departures")).all()
    assert (total(low, "workforce_officer_departures") < total(base, "workforce_officer_departures")).all()
    assert (total(high, "readiness_lost_to_rotation") > total(low, "readiness_lost_to_rotation")).all()
    lost = total(high, "case_lost_total") - total(low, "case_lost_total")
    assert lost.mean() > 0 and (lost > 0).sum() >= 0.8 * REPLICATES, lost


def test_institutionalised_municipalities_lose_less_to_rotation(turnover):
    inst, base = turnover["institutionalised"], turnover["baseline"]
    # The same officers change (same draws), each change costing less.
    assert np.array_equal(inst["officer_rotations"], base["officer_rotations"])
    assert (total(inst, "readiness_lost_to_rotation") < total(base, "readiness_lost_to_rotation")).all()


def test_losing_two_advisers_in_october_2025(turnover):
    loss, base = turnover["adviser_loss"], turnover["baseline"]
    before, after = "2025-10-01", "2025-11-01"
    assert np.array_equal(at(loss, "adviser_headcount", "2025-09-01"), at(base, "adviser_headcount", "2025-09-01"))
    assert (at(loss, "workforce_adviser_departures", before) - at(base, "workforce_adviser_departures", before) >= 1).all()
    # A month later the two posts are still empty in most replicates: each refills within
    # a month with probability 1 - exp(-31 / 180) = 0.16 (vacancies of 180 days on average),
    # both with 0.025, so a replicate now and then has both back already.
    for name in ("adviser_headcount", "adviser_hours_available"):
        lower = at(loss, name, after) < at(base, name, after)
        assert lower.sum() >= 0.8 * len(lower), (name, lower)
        assert at(loss, name, after).mean() < at(base, name, after).mean(), name


def test_a_worker_exodus_empties_posts_and_loses_cases(turnover):
    exodus, base = turnover["worker_exodus"], turnover["baseline"]
    fy = [i for i, d in enumerate(base["dates"]) if "2025-05-01" <= d <= "2027-04-01"]
    gone = exodus["workforce_worker_departures"][:, fy].sum(axis=1) - base["workforce_worker_departures"][:, fy].sum(axis=1)
    assert (gone > 0).all()
    assert (exodus["workforce_worker_vacant"][:, fy].mean(axis=1) > base["workforce_worker_vacant"][:, fy].mean(axis=1)).all()
    lost = total(exodus, "case_lost_total") - total(base, "case_lost_total")
    assert lost.mean() > 0 and (lost > 0).sum() >= 0.8 * REPLICATES, lost
    # Before the exodus both are the same run.
    first = base["dates"].index("2025-04-01")
    assert np.array_equal(exodus["workforce_worker_departures"][:, :first], base["workforce_worker_departures"][:, :first])


def test_the_trainee_pipeline_keeps_more_advisers_at_work(turnover):
    on, off = turnover["okinawa_pipeline"], turnover["okinawa_no_pipeline"]
    assert (on["adviser_headcount"].mean(axis=1) > off["adviser_headcount"].mean(axis=1)).all()


def test_a_new_kikan_takes_the_commissioned_providers_workers(turnover):
    # Worker posts of the 基幹 filled where it opened during the run: they came from the
    # commissioned provider (transfers), so the provider's vacancies rise when 基幹 open.
    r = turnover["baseline"]
    kikan, commissioned = 2, 1
    opened = (r["kikan_stage"][:, -1] >= 4) & (r["kikan_stage"][:, 0] < 4)
    assert opened.any()
    filled_kikan = r["worker_posts_filled"][:, -1, :, kikan]
    assert (filled_kikan[opened] > 0).mean() > 0.9
    vacant = r["worker_posts_vacant"][:, :, :, commissioned].sum(axis=(0, 2))
    assert vacant.max() > vacant[0]


def test_same_file_for_one_and_two_threads(run_tsunagi, scenarios_dir, tmp_path):
    for threads in ("1", "2"):
        run_ok(run_tsunagi, "run", scenarios_dir / "turnover" / "worker_exodus.toml", "-o", tmp_path / f"t{threads}.h5",
               "-q", "--replicates", "3", "--threads", threads)
    assert_same_files(tmp_path / "t1.h5", tmp_path / "t2.h5")


def test_rotation_probability_is_refused_beside_a_workforce_table(run_tsunagi, scenarios_dir, tmp_path):
    proc = run_tsunagi("run", scenarios_dir / "turnover" / "baseline.toml", "-o", tmp_path / "x.h5", "-q",
                       "--set", "development.rotation.probability=0.5")
    assert proc.returncode == 2, proc.stderr
    assert "development.rotation.probability" in proc.stderr and "tenure_years" in proc.stderr, proc.stderr
    assert not (tmp_path / "x.h5").exists()


def test_summarize_reads_a_turnover_file(run_tsunagi, scenarios_dir, tmp_path):
    run_ok(run_tsunagi, "run", scenarios_dir / "turnover" / "baseline.toml", "-o", tmp_path / "b.h5", "-q",
           "--replicates", "2")
    proc = run_ok(run_tsunagi, "summarize", tmp_path / "b.h5")
    assert "kikan" in proc.stdout


def test_the_turnover_experiment_gives_paired_differences(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "e.h5"
    run_ok(run_tsunagi, "experiment", scenarios_dir / "experiments" / "oita_turnover.toml", "-o", out, "-q",
           "--replicates", "6")
    with h5py.File(out, "r") as f:
        variants = [v.decode() for v in f["variants/name"][()]]
        lost = f["differences/case_lost_total"][()]
    assert variants[0] == "turnover_baseline" and "worker_exodus" in variants
    assert lost.shape[:2] == (6, 6)
    assert (lost[0] == 0).all()  # the baseline against itself
    assert lost[variants.index("worker_exodus")].sum() > 0
    proc = run_ok(run_tsunagi, "summarize", out, "--metric", "case_lost_total")
    assert "worker_exodus" in proc.stdout and "high_rotation" in proc.stdout
