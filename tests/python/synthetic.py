"""Small experiment and sweep files written with h5py to the contract of the C++ writers
(issue 7: `tsunagi experiment` and `tsunagi sweep`), for testing the readers before (and
independently of) the writers.

The experiment is made from real run files of the same seed and replicates (one per
variant), so its numbers are the model's; the sweep is made from a known function of its
parameters, so sensitivity answers are known."""

from __future__ import annotations

import h5py
import numpy as np
from scipy import stats

STR = h5py.string_dtype("utf-8")


def _root(f, file_type: str, seed: int, replicates: int) -> None:
    f.attrs["schema"] = "tsunagi"
    f.attrs["schema_version"] = np.int32(1)
    f.attrs["file_type"] = file_type
    f.attrs["tsunagi_version"] = "0.1.0-test"
    f.attrs["git_commit"] = "synthetic"
    f.attrs["created"] = "2026-11-23T00:00:00Z"
    f.attrs["seed"] = np.uint64(seed)
    f.attrs["replicates"] = np.int32(replicates)
    f.attrs["threads"] = np.int32(1)


def write_experiment(path, run_paths, names, overrides) -> None:
    """An experiment file of the variants ``names`` (baseline first), each taken from the run
    file at the same position of ``run_paths`` (same seed and replicate numbers)."""
    runs = [h5py.File(p, "r") for p in run_paths]
    try:
        base = runs[0]
        series = [n for n, ds in base["series"].items() if ds.ndim == 2]
        r = base["replicate"].shape[0]
        with h5py.File(path, "w") as f:
            _root(f, "experiment", int(base.attrs["seed"]), r)
            f.attrs["experiment_name"] = "oita_strategies"
            f.attrs["experiment_title"] = "Oita: outreach against on request"
            f.attrs["experiment_toml"] = "[experiment]\nname = \"oita_strategies\"\n"
            f.attrs["baseline"] = names[0]
            for name in ("time/date", "time/fiscal_year", "replicate"):
                f.create_dataset(name, data=base[name][()], dtype=base[name].dtype)
            for name, ds in base["municipalities"].items():
                f.create_dataset(f"municipalities/{name}", data=ds[()], dtype=ds.dtype)
            f.create_dataset("variants/name", data=names, dtype=STR)
            f.create_dataset("variants/overrides", data=overrides, dtype=STR)
            f.create_dataset("variants/scenario_toml", data=[g.attrs["scenario_toml"] for g in runs], dtype=STR)
            for name in series:
                x = np.stack([g["series"][name][()].astype(np.float64) for g in runs])  # (V, R, T)
                ds = f.create_dataset(f"series/{name}", data=x)
                for k in ("units", "description", "kind"):
                    ds.attrs[k] = base["series"][name].attrs[k]
                d = x - x[:1]
                f.create_dataset(f"differences/{name}", data=d)
                mean = d.mean(axis=1)
                if r > 1:
                    half = stats.t.ppf(0.975, r - 1) * d.std(axis=1, ddof=1) / np.sqrt(r)
                else:
                    half = np.full_like(mean, np.nan)
                f.create_dataset(f"differences/{name}_mean", data=mean)
                f.create_dataset(f"differences/{name}_lower", data=mean - half)
                f.create_dataset(f"differences/{name}_upper", data=mean + half)
            stage = np.stack([g["series/kikan_stage"][()] for g in runs]).astype(np.int8)
            ds = f.create_dataset("municipal_series/kikan_stage", data=stage)
            for k in ("labels", "units", "description"):
                ds.attrs[k] = base["series/kikan_stage"].attrs[k]
    finally:
        for g in runs:
            g.close()


def sweep_function(values: np.ndarray) -> np.ndarray:
    """The sweep's output at each point: depends strongly on the first parameter, weakly on the
    second, not on the third."""
    return 0.5 + 0.4 * values[:, 0] + 0.05 * values[:, 1]


def write_sweep(path, design: str = "sobol", base_samples: int = 16, replicates: int = 3, failed=(3,)) -> None:
    """A sweep over three parameters in [0, 1] with one output (kikan coverage on 2027-03-31)
    and one kept series; points in ``failed`` are marked failed (NaN values)."""
    params = ["development.kikan.work_rate", "advisers.hours_per_month", "development.rotation.rate"]
    p = len(params)
    rng = np.random.default_rng(7)
    a, b = rng.random((base_samples, p)), rng.random((base_samples, p))
    if design == "sobol":
        blocks = [a, b] + [np.where(np.arange(p) == i, b, a) for i in range(p)]
        values = np.vstack(blocks)
        block = np.repeat(np.arange(p + 2), base_samples).astype(np.int32)
        base_row = np.tile(np.arange(base_samples), p + 2).astype(np.int32)
    else:
        values, block, base_row = a, None, None
    n = values.shape[0]
    y = sweep_function(values)[:, None] + rng.normal(0, 0.01, (n, replicates))
    status = np.zeros(n, np.int8)
    status[list(failed)] = 1
    y[status == 1] = np.nan
    dates = np.array(["2024-04-01", "2025-04-01", "2026-04-01", "2027-04-01"], dtype=object)
    with h5py.File(path, "w") as f:
        _root(f, "sweep", 11, replicates)
        f.attrs["sweep_name"] = "oita_sweep"
        f.attrs["sweep_toml"] = "[sweep]\nname = \"oita_sweep\"\n"
        f.attrs["design"] = design
        g = f.create_group("design")
        g.create_dataset("parameter", data=params, dtype=STR)
        g.create_dataset("lower", data=np.zeros(p))
        g.create_dataset("upper", data=np.ones(p))
        g.create_dataset("values", data=values)
        g.create_dataset("seed", data=np.arange(n, dtype=np.uint64) + 100)
        g.create_dataset("status", data=status)
        g.create_dataset("error", data=["failed: synthetic" if s else "" for s in status], dtype=STR)
        if block is not None:
            g.create_dataset("block", data=block)
            g.create_dataset("base_row", data=base_row)
            g.attrs["base_samples"] = np.int32(base_samples)
        f.create_dataset("time/date", data=dates, dtype=STR)
        o = f.create_group("outputs/kikan_coverage_2027")
        o.attrs["series"] = "kikan_coverage"
        o.attrs["date"] = "2027-03-31"
        o.attrs["description"] = "Share of municipalities with a 基幹 on 2027-03-31"
        o.create_dataset("values", data=y)
        with np.errstate(invalid="ignore"):
            o.create_dataset("mean", data=y.mean(axis=1))
            o.create_dataset("var", data=y.var(axis=1, ddof=1))
            for q, name in ((5, "p05"), (50, "p50"), (95, "p95")):
                o.create_dataset(name, data=np.percentile(y, q, axis=1))
        series = y[:, :, None] * np.linspace(0.3, 1.0, len(dates))[None, None, :]
        f.create_dataset("series/kikan_coverage", data=series)
