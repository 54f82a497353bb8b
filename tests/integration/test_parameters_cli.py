"""Parameter uncertainty: `tsunagi run/experiment --parameters FILE` and what calibrate
writes for it (flags, per-municipality targets)."""

import h5py
import numpy as np
import pytest

import analysis
from support import calibration_toml, oita_target

KEYS = ("development.kikan.work_rate", "development.multi_layered.work_rate")


def _write(path, text):
    path.write_text(text)
    return path


def _calibration(scenarios_dir, tmp_path, extra_parameter="", targets="", iterations=2, replicates=4,
                 work_rate=("0.0004", "0.00005", "0.01"), first=(12, None)):
    spec = calibration_toml("p", replicates, iterations, [("development.kikan.work_rate", *work_rate)],
                            [extra_parameter,
                             oita_target(scenarios_dir, value=first[0], sd=first[1], source="seed 000, Oita case"),
                             oita_target(scenarios_dir, date="2026-04-01", value=15, sd=2,
                                         source="assumed, for the test"),
                             targets])
    return _write(tmp_path / "p.toml", spec)


@pytest.fixture(scope="module")
def fitted(run_tsunagi, scenarios_dir, tmp_path_factory):
    """A calibration file with two parameters, one of which (重層) the 基幹 targets do not move."""
    tmp = tmp_path_factory.mktemp("fit")
    extra = """
[[parameter]]
key = "development.multi_layered.work_rate"
initial = 0.0003
min = 0.00001
max = 0.01
"""
    spec = _calibration(scenarios_dir, tmp, extra)
    out = tmp / "p.h5"
    p = run_tsunagi("calibrate", spec, "-o", out, "-q", timeout=600)
    assert p.returncode == 0, p.stderr
    return out, p.stdout


def test_a_parameter_the_targets_do_not_move_is_flagged(fitted):
    out, stdout = fitted
    assert "development.multi_layered.work_rate 0.0003 not identified (the targets do not move it; still at its start)" \
        in stdout
    with h5py.File(out) as f:
        assert f.attrs["schema_version"] == 2
        assert f["parameters/not_identified"][1] == 1
        assert np.isinf(f["parameters/covariance_log"][1, 1])
        assert f["parameters/covariance_log"].shape == (2, 2)
        assert f["fit"].attrs["degrees_of_freedom"] == 0
        assert np.isnan(f["fit"].attrs["reduced_cost"])
    c = analysis.read_calibration(out)
    assert bool(c.parameters.loc["development.multi_layered.work_rate", "not_identified"])


def test_a_parameter_pushed_against_its_bound_is_flagged(run_tsunagi, scenarios_dir, tmp_path):
    # Every municipality by 2025-04 asks for more work than the upper bound allows.
    spec = _calibration(scenarios_dir, tmp_path, work_rate=("0.0002", "0.00005", "0.0002"), first=(18, 0.3))
    p = run_tsunagi("calibrate", spec, "-o", tmp_path / "b.h5", "-q", timeout=600)
    assert p.returncode == 0, p.stderr
    assert "development.kikan.work_rate 0.0002 at its upper bound 0.0002" in p.stdout
    with h5py.File(tmp_path / "b.h5") as f:
        assert f["parameters/at_bound"][0] == 1
        assert f["fit"].attrs["reduced_cost"] > 1
        se, raw = f["parameters/standard_error_log"][0], f["parameters/standard_error_log_raw"][0]
        assert se == pytest.approx(raw * np.sqrt(f["fit"].attrs["reduced_cost"]))


def _municipality_target(scenarios_dir, code, source):
    """A target on Oita's scenario: municipality `code` has a 基幹 by 2025-04-01."""
    return oita_target(scenarios_dir, value=1, sd=0.3, series="kikan_established", municipality=code, source=source)


def test_a_municipality_target_is_the_share_of_replicates_that_have_one(run_tsunagi, scenarios_dir, tmp_path):
    target = _municipality_target(scenarios_dir, "44211", "seed 000, Oita case: Usa opened 2025-03")
    spec = _calibration(scenarios_dir, tmp_path, targets=target, iterations=0, replicates=5)
    p = run_tsunagi("calibrate", spec, "-o", tmp_path / "m.h5", "-q", timeout=600)
    assert p.returncode == 0, p.stderr
    assert "Brier score over the 1 per-municipality targets" in p.stdout
    run = tmp_path / "run.h5"
    q = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", run, "-q", "--replicates", "5",
                    "--set", "development.kikan.work_rate=0.0004")
    assert q.returncode == 0, q.stderr
    with h5py.File(run) as f:
        dates = [d.decode() for d in f["time/date"][:]]
        codes = [c.decode() for c in f["municipalities/code"][:]]
        stage = f["series/kikan_stage"][:, dates.index("2025-04-01"), codes.index("44211")]
        share = float(np.mean(stage >= 4))  # established or functioning
    with h5py.File(tmp_path / "m.h5") as f:
        assert f["targets/municipality"][2].decode() == "44211"
        assert f["targets/simulated"][2] == pytest.approx(share)
        assert f["fit"].attrs["brier_score"] == pytest.approx((share - 1.0) ** 2)
        assert f["fit"].attrs["brier_targets"] == 1


def test_a_municipality_not_in_the_scenario_is_refused_at_its_key(run_tsunagi, scenarios_dir, tmp_path):
    target = _municipality_target(scenarios_dir, "15227", "seed 000")  # a Niigata code
    spec = _calibration(scenarios_dir, tmp_path, targets=target)
    p = run_tsunagi("calibrate", spec, "-o", tmp_path / "x.h5")
    assert p.returncode == 2
    assert "target[2].municipality" in p.stderr and "15227" in p.stderr
    assert not (tmp_path / "x.h5").exists()
    _write(spec, spec.read_text().replace('municipality = "15227"\n', ""))
    p = run_tsunagi("calibrate", spec, "-o", tmp_path / "x.h5")
    assert p.returncode == 2 and "target[2].municipality" in p.stderr and "missing" in p.stderr


def _run(run_tsunagi, scenarios_dir, out, *args):
    return run_tsunagi("run", scenarios_dir / "oita.toml", "-o", out, "-q", "--replicates", "6", *args)


def test_run_with_parameters_draws_per_replicate_within_bounds_for_any_thread_count(
        run_tsunagi, scenarios_dir, tmp_path, fitted):
    fit, _ = fitted
    one, two = tmp_path / "one.h5", tmp_path / "two.h5"
    for out, threads in ((one, "1"), (two, "2")):
        p = _run(run_tsunagi, scenarios_dir, out, "--parameters", fit, "--threads", threads)
        assert p.returncode == 0, p.stderr
        assert "bands cover chance and parameters" in p.stdout
    with h5py.File(one) as a, h5py.File(two) as b, h5py.File(fit) as c:
        assert a.attrs["bands_cover"] == "chance and parameters"
        drawn = a["parameters/drawn"][:]
        assert drawn.shape == (6, 2)
        assert [k.decode() for k in a["parameters/key"][:]] == list(KEYS)
        assert np.all(drawn >= c["parameters/min"][:]) and np.all(drawn <= c["parameters/max"][:])
        assert len(np.unique(drawn[:, 0])) == 6  # each replicate its own values
        assert np.array_equal(drawn, b["parameters/drawn"][:])
        for name in a["series"]:
            assert np.array_equal(a["series"][name][()], b["series"][name][()]), name
    # Replicate 0 ran with exactly its drawn values: the same run with them --set.
    with h5py.File(one) as a:
        values = a["parameters/drawn"][0]
        sets = [x for k, v in zip(KEYS, values) for x in ("--set", f"{k}={float(v)!r}")]
    single = tmp_path / "single.h5"
    p = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", single, "-q", "--replicates", "1", *sets)
    assert p.returncode == 0, p.stderr
    # summarize says what the bands cover, for either file.
    assert "bands cover chance and parameters (each replicate drew" in run_tsunagi("summarize", one).stdout
    assert "bands cover chance (the fitted parameters fixed" in run_tsunagi("summarize", single).stdout
    with h5py.File(one) as a, h5py.File(single) as s:
        assert s.attrs["bands_cover"] == "chance"
        for name in a["series"]:
            assert np.array_equal(a["series"][name][0], s["series"][name][0]), name
    with analysis.open_run(one) as run:
        assert run.bands_cover == "chance and parameters"
        assert list(run.drawn_parameters().columns) == list(KEYS)
        from analysis.plots import band_chart
        ax = band_chart(run, "kikan_coverage")
        assert any("chance and parameters" in t.get_text() for t in ax.get_legend().get_texts())


def test_drawn_keys_cannot_also_be_set_and_checkpoints_are_refused(run_tsunagi, scenarios_dir, tmp_path, fitted):
    fit, _ = fitted
    out = tmp_path / "r.h5"
    p = _run(run_tsunagi, scenarios_dir, out, "--parameters", fit, "--set", "development.kikan.work_rate=0.001")
    assert p.returncode == 2
    assert "development.kikan.work_rate is drawn per replicate" in p.stderr
    p = _run(run_tsunagi, scenarios_dir, out, "--parameters", fit, "--checkpoint-at", "2025-04-01",
             "--checkpoint", tmp_path / "c.h5")
    assert p.returncode == 2 and "--restart or --checkpoint-at" in p.stderr
    assert not out.exists()


def test_experiment_variants_draw_the_same_parameters_per_replicate(run_tsunagi, scenarios_dir, tmp_path, fitted):
    fit, _ = fitted
    exp = _write(tmp_path / "e.toml", f"""
[experiment]
name = "e"
scenario = "{scenarios_dir / 'oita.toml'}"
baseline = "outreach"
replicates = 6

[[variant]]
name = "same_again"
set = ["advisers.strategy=outreach"]

[[variant]]
name = "on_request"
set = ["advisers.strategy=on_request"]
""")
    out = tmp_path / "e.h5"
    p = run_tsunagi("experiment", exp, "-o", out, "-q", "--parameters", fit, "--threads", "2")
    assert p.returncode == 0, p.stderr
    run = tmp_path / "r.h5"
    assert _run(run_tsunagi, scenarios_dir, run, "--parameters", fit).returncode == 0
    assert "bands cover chance and parameters" in run_tsunagi("summarize", out).stdout
    with h5py.File(out) as e, h5py.File(run) as r:
        assert e.attrs["bands_cover"] == "chance and parameters"
        assert np.array_equal(e["parameters/drawn"][:], r["parameters/drawn"][:])
        k = e["series/kikan_municipalities"][()]
        # A variant that changes nothing ran every replicate with the baseline's parameters
        # and random numbers: identical, replicate by replicate; both equal the plain run.
        assert np.array_equal(k[0], k[1])
        assert np.array_equal(k[0], r["series/kikan_municipalities"][()])
    bad = _write(tmp_path / "bad.toml", exp.read_text() + '\n[[variant]]\nname = "x"\n'
                 'set = ["development.kikan.work_rate=0.001"]\n')
    p = run_tsunagi("experiment", bad, "-o", tmp_path / "bad.h5", "-q", "--parameters", fit)
    assert p.returncode == 2 and "variant.set: development.kikan.work_rate" in p.stderr
