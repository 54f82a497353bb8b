"""Known answer: `tsunagi calibrate` recovers the parameter values that made its targets.

Targets are made by running Niigata (30 municipalities, FY2020-FY2024, 16 replicates) at
known values of two development parameters, with the seed and replicates the fit uses
(common random numbers, so the truth has zero residual): the 基幹 and 重層 counts each April.
The fit starts far from the truth (a factor of 2.5 and 0.4), so a fitter that ignored
either parameter would fail. (Oita does not do: its counts saturate within two years, so
the targets do not move the parameters there; calibrate then flags both as not identified.)
"""

import h5py
import numpy as np

TRUTH = {"development.kikan.work_rate": 0.0004, "development.multi_layered.work_rate": 0.0003}
START = {"development.kikan.work_rate": 0.001, "development.multi_layered.work_rate": 0.00012}
BOUNDS = {"development.kikan.work_rate": (0.00005, 0.01), "development.multi_layered.work_rate": (0.00001, 0.01)}
SERIES = ("kikan_municipalities", "multi_layered_municipalities")
DATES = ("2022-04-01", "2023-04-01", "2024-04-01", "2025-04-01")
COMMON = ["--set", "scenario.end=2025-03-31", "--set", "scenario.seed=11"]
SCENARIO = "niigata.toml"


def _targets(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "truth.h5"
    sets = [a for k, v in TRUTH.items() for a in ("--set", f"{k}={v!r}")]
    p = run_tsunagi("run", scenarios_dir / SCENARIO, "-o", out, "-q", "--replicates", "16", *COMMON, *sets)
    assert p.returncode == 0, p.stderr
    with h5py.File(out) as f:
        dates = [d.decode() for d in f["time/date"][:]]
        return {(s, d): float(f[f"series/{s}"][:, dates.index(d)].mean()) for s in SERIES for d in DATES}


def test_the_fit_recovers_the_values_that_made_the_targets(run_tsunagi, scenarios_dir, tmp_path):
    targets = _targets(run_tsunagi, scenarios_dir, tmp_path)
    spec = ["[calibration]", 'name = "known_answer"', "replicates = 16", "max_iterations = 25", ""]
    for key, start in START.items():
        lo, hi = BOUNDS[key]
        spec += ["[[parameter]]", f'key = "{key}"', f"initial = {start!r}", f"min = {lo!r}", f"max = {hi!r}", ""]
    for (series, date), value in targets.items():
        spec += ["[[target]]", f'scenario = "{scenarios_dir / SCENARIO}"', f'series = "{series}"',
                 f"date = {date}", f"value = {value!r}", "sd = 0.5", 'source = "synthetic: a run at known values"',
                 'set = ["scenario.end=2025-03-31", "scenario.seed=11"]', ""]
    (tmp_path / "ka.toml").write_text("\n".join(spec))
    out = tmp_path / "ka.h5"
    p = run_tsunagi("calibrate", tmp_path / "ka.toml", "-o", out, "-q", timeout=600)
    assert p.returncode == 0, p.stderr
    with h5py.File(out) as f:
        keys = [k.decode() for k in f["parameters/key"][:]]
        fitted = dict(zip(keys, f["parameters/fitted"][:]))
        lo = dict(zip(keys, f["parameters/lower95"][:]))
        hi = dict(zip(keys, f["parameters/upper95"][:]))
        assert not f["parameters/not_identified"][:].any(), p.stdout
    for key, truth in TRUTH.items():
        # The start is outside the tolerance: a fitter that left this parameter alone fails here.
        assert abs(np.log(START[key] / truth)) > 0.4
        assert abs(np.log(fitted[key] / truth)) < 0.2, (key, fitted[key], truth, p.stdout)
        assert lo[key] <= truth <= hi[key], (key, lo[key], hi[key], truth, p.stdout)
