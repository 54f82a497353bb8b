"""Calibration files (``tsunagi calibrate``, file_type "calibration", schema_version 2).

    fit = analysis.read_calibration("out/seed_targets.calibration.h5")
    fit.parameters      # one row per parameter: fitted, both 95 % intervals, at_bound, not_identified
    fit.targets         # one row per target: value, sd, simulated, scaled residual
    fit.reduced_cost, fit.brier_score

The file is opened with :func:`analysis.open_checked`, so a file of another type or of
another schema_version (a version-1 calibration file has no flags and an unscaled interval)
is refused with a SchemaError naming both. docs/output.md#calibration-files has the layout.
"""

from __future__ import annotations

from dataclasses import dataclass


import pandas as pd

from .runfile import _decode
from .schema import open_checked


@dataclass
class Calibration:
    path: str
    parameters: pd.DataFrame  # index: scenario key
    targets: pd.DataFrame  # index: target name
    covariance_log: pd.DataFrame  # misfit-scaled, log scale
    covariance_log_raw: pd.DataFrame  # (J'J)^-1
    cost: float
    degrees_of_freedom: int
    reduced_cost: float  # NaN without degrees of freedom
    covariance_scale: float
    brier_score: float  # NaN without per-municipality targets
    brier_targets: int


def _strings(ds) -> list[str]:
    return [_decode(v) for v in ds[()]]


def read_calibration(path) -> Calibration:
    """Reads a calibration file into tables, after checking its type and schema_version."""
    with open_checked(path, "calibration") as f:
        keys = _strings(f["parameters/key"])
        p = {name: f[f"parameters/{name}"][()] for name in (
            "initial", "fitted", "min", "max", "lower95", "upper95", "lower95_raw", "upper95_raw",
            "standard_error_log", "standard_error_log_raw", "jacobian_norm")}
        p["at_bound"] = f["parameters/at_bound"][()].astype(int)
        p["not_identified"] = f["parameters/not_identified"][()].astype(bool)
        parameters = pd.DataFrame(p, index=pd.Index(keys, name="key"))
        t = {name: f[f"targets/{name}"][()] for name in ("value", "sd", "simulated_initial", "simulated")}
        t["municipality"] = _strings(f["targets/municipality"])
        t["source"] = _strings(f["targets/source"])
        targets = pd.DataFrame(t, index=pd.Index(_strings(f["targets/name"]), name="target"))
        targets["scaled_residual"] = (targets["simulated"] - targets["value"]) / targets["sd"]
        fit = f["fit"].attrs
        return Calibration(
            path=str(path), parameters=parameters, targets=targets,
            covariance_log=pd.DataFrame(f["parameters/covariance_log"][()], index=keys, columns=keys),
            covariance_log_raw=pd.DataFrame(f["parameters/covariance_log_raw"][()], index=keys, columns=keys),
            cost=float(fit["cost"]), degrees_of_freedom=int(fit["degrees_of_freedom"]),
            reduced_cost=float(fit["reduced_cost"]), covariance_scale=float(fit["covariance_scale"]),
            brier_score=float(fit["brier_score"]), brier_targets=int(fit["brier_targets"]))


def flags(c: Calibration) -> list[str]:
    """One line per flagged parameter, as the command prints them."""
    out = []
    for key, row in c.parameters.iterrows():
        parts = []
        if row["at_bound"] != 0:
            bound = row["min"] if row["at_bound"] < 0 else row["max"]
            parts.append(f"at its {'lower' if row['at_bound'] < 0 else 'upper'} bound {bound:.4g}")
        if row["not_identified"]:
            parts.append("not identified")
        if parts:
            out.append(f"{key} {row['fitted']:.4g} " + ": ".join(parts))
    return out


__all__ = ["Calibration", "read_calibration", "flags"]

