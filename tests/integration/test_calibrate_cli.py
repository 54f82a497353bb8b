"""`tsunagi calibrate`: a small fit to the Oita target, its HDF5 file, and located errors."""

import h5py
import numpy as np

from support import calibration_toml, oita_target


def _spec(scenarios_dir, extra_target=""):
    return calibration_toml("tiny", 3, 3, [("development.adviser_hour_value", 0.5, 0.05, 20.0)],
                            [oita_target(scenarios_dir, series="kikan_municipalities", sd=1.0), extra_target + "\n"])


def test_calibrate_fits_and_writes_its_file(run_tsunagi, scenarios_dir, tmp_path):
    spec = tmp_path / "tiny.toml"
    spec.write_text(_spec(scenarios_dir, 'source = "seed 000, Oita case"'))
    out = tmp_path / "tiny.h5"
    p = run_tsunagi("calibrate", spec, "-o", out, "--quiet", timeout=600)
    assert p.returncode == 0, p.stderr
    assert "development.adviser_hour_value" in p.stdout
    with h5py.File(out) as f:
        assert f.attrs["file_type"] == "calibration"
        assert f.attrs["schema"] == "tsunagi"
        fitted = f["parameters/fitted"][0]
        assert 0.05 <= fitted <= 20.0
        lo, hi = f["parameters/lower95"][0], f["parameters/upper95"][0]
        assert lo <= fitted <= hi
        value, sd = f["targets/value"][0], f["targets/sd"][0]
        before = ((f["targets/simulated_initial"][0] - value) / sd) ** 2
        after = ((f["targets/simulated"][0] - value) / sd) ** 2
        # The fit never ends worse than it started, and the history never goes up.
        assert after <= before + 1e-12
        assert np.all(np.diff(f["cost_history"][:]) <= 1e-12)
        assert f.attrs["calibration_toml"].startswith("\n[calibration]")
    # An existing result is not replaced without --overwrite.
    again = run_tsunagi("calibrate", spec, "-o", out, "--quiet")
    assert again.returncode == 2


def test_calibrate_reports_missing_keys_with_location(run_tsunagi, scenarios_dir, tmp_path):
    spec = tmp_path / "bad.toml"
    spec.write_text(_spec(scenarios_dir))  # the target has no source
    out = tmp_path / "bad.h5"
    p = run_tsunagi("calibrate", spec, "-o", out)
    assert p.returncode == 2
    assert "target[0].source" in p.stderr and "missing" in p.stderr
    assert not out.exists()


def _prefecture_spec(scenarios_dir, series="kikan_municipalities", prefecture="44"):
    return calibration_toml("prefecture", 2, 1, [("development.adviser_hour_value", 3.0, 0.05, 20.0)],
                            [oita_target(scenarios_dir, source="seed 000, Oita case"),
                             oita_target(scenarios_dir, series=series, prefecture=prefecture,
                                         source="seed 000, Oita case, counted within the prefecture")])


def test_prefecture_target_counts_that_prefectures_municipalities(run_tsunagi, scenarios_dir, tmp_path):
    # Every municipality of oita.toml is in prefecture 44, so the count within it is the
    # kikan_municipalities series itself, evaluation by evaluation.
    spec = tmp_path / "pref.toml"
    spec.write_text(_prefecture_spec(scenarios_dir))
    out = tmp_path / "pref.h5"
    p = run_tsunagi("calibrate", spec, "-o", out, "--quiet", timeout=600)
    assert p.returncode == 0, p.stderr
    with h5py.File(out) as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f["targets/name"][:]]
        assert names[1] == "oita:kikan_municipalities[44]@2025-04-01"
        assert f["targets/simulated"][0] == f["targets/simulated"][1]
        assert f["targets/simulated_initial"][0] == f["targets/simulated_initial"][1]
        assert 5 <= f["targets/simulated"][1] <= 18


def test_prefecture_target_needs_a_count_series_and_a_present_prefecture(run_tsunagi, scenarios_dir, tmp_path):
    spec = tmp_path / "bad_series.toml"
    spec.write_text(_prefecture_spec(scenarios_dir, series="adviser_hours_idle"))
    p = run_tsunagi("calibrate", spec, "-o", tmp_path / "a.h5")
    assert p.returncode == 2
    assert "target[1].series" in p.stderr and "_municipalities" in p.stderr
    spec.write_text(_prefecture_spec(scenarios_dir, prefecture="4"))
    p = run_tsunagi("calibrate", spec, "-o", tmp_path / "b.h5")
    assert p.returncode == 2 and "2-digit prefecture code" in p.stderr
    spec.write_text(_prefecture_spec(scenarios_dir, prefecture="39"))
    p = run_tsunagi("calibrate", spec, "-o", tmp_path / "c.h5", timeout=600)
    assert p.returncode == 2 and "prefecture 39" in p.stderr and "no municipality" in p.stderr
    assert not (tmp_path / "c.h5").exists()
