"""Any tsunagi file as tidy pandas DataFrames, with its scenario and provenance attached.

    import analysis
    df = analysis.load("out/oita.h5", ["kikan_coverage", "adviser_hours_visit"], replicates=[0, 1])
    df.attrs["provenance"]      # tsunagi_version, git_commit, created, seed, ...
    df.attrs["scenario_toml"]   # the resolved scenario (one per variant for an experiment)

:func:`open_file` picks the reader from the root attribute ``file_type`` ("run",
"experiment", "sweep"; files written before it existed are runs). :func:`load` reads only
the series, replicates, variants or points asked for (h5py selections), so a national file
stays on disk.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from .experiment import ExperimentFile
from .runfile import RunFile, _decode
from .schema import FILE_TYPE_WHEN_ABSENT, SchemaError, open_checked
from .sweep import SweepFile

PROVENANCE = ("file_type", "tsunagi_version", "git_commit", "created", "seed", "replicates", "threads",
              "scenario_name", "experiment_name", "sweep_name", "design", "baseline")


def file_type(path) -> str:
    """The root attribute ``file_type`` of a tsunagi file ("run" when absent), after checking
    schema, file_type and schema_version (:func:`analysis.open_checked`). Raises SchemaError
    for a file that is not a tsunagi file this package reads, FileNotFoundError when it is
    missing."""
    with open_checked(path) as f:
        return _decode(f.attrs.get("file_type", FILE_TYPE_WHEN_ABSENT))


def open_file(path) -> RunFile | ExperimentFile | SweepFile:
    """Open a run, experiment or sweep file with the reader its ``file_type`` calls for."""
    kind = file_type(path)
    readers = {"run": RunFile, "experiment": ExperimentFile, "sweep": SweepFile}
    if kind not in readers:
        raise SchemaError(f"{os.fspath(path)}: file_type is {kind!r}; analysis.open_file reads run, experiment "
                          f"and sweep files (open a {kind} file with analysis.open_checked)")
    return readers[kind](path)


def provenance(f) -> dict:
    """What produced a file: the root attributes in :data:`PROVENANCE` that it has, plus the path."""
    out = {"path": f.path}
    out.update({k: f.attrs[k] for k in PROVENANCE if k in f.attrs})
    return out


def _attach(df: pd.DataFrame, f, units: dict) -> pd.DataFrame:
    df.attrs["file_type"] = f.attrs.get("file_type", "run")
    df.attrs["provenance"] = provenance(f)
    df.attrs["units"] = units
    if isinstance(f, ExperimentFile):
        df.attrs["scenario_toml"] = dict(zip(f.variant_names, f.scenario_tomls))
    elif isinstance(f, SweepFile):
        df.attrs["sweep_toml"] = f.attrs.get("sweep_toml", "")
    else:
        df.attrs["scenario_toml"] = f.attrs.get("scenario_toml", "")
    return df


def _tidy_run(run: RunFile, names, replicates, municipalities) -> tuple[pd.DataFrame, dict]:
    frames, units = [], {}
    for name in names:
        part = run.series(name, replicates=replicates)
        if municipalities is not None and "municipality" in part:
            part = part[part["municipality"].isin(set(municipalities))]
        part.insert(len(part.columns) - 1, "metric", name)
        units[name] = run.units(name)
        frames.append(part)
    return _ordered(pd.concat(frames, ignore_index=True)) if frames else pd.DataFrame(), units


def _ordered(df: pd.DataFrame) -> pd.DataFrame:
    """Label columns first (as they appear across the series), then metric and value."""
    return df[[c for c in df.columns if c not in ("metric", "value")] + ["metric", "value"]]


def load(path, series, replicates=None, variants=None, points=None, municipalities=None) -> pd.DataFrame:
    """Series of a run, experiment or sweep file as one tidy table, one row per value.

    Columns: [variant (experiments) | point (sweeps)], replicate, date, [municipality, for
    per-municipality series], [the category axis, e.g. agency, for 4-D series], metric (the
    series name), value. ``series`` is a name or a list of names. ``replicates``,
    ``variants`` (names) and ``points`` select what is read (None: all); ``municipalities``
    (codes) filters per-municipality series after reading the selected replicates.
    ``df.attrs`` holds file_type, provenance (dict), units (metric -> units) and the scenario
    (``scenario_toml``: text for a run, variant -> text for an experiment; ``sweep_toml``).
    """
    names = [series] if isinstance(series, str) else list(series)
    with open_file(path) as f:
        if isinstance(f, RunFile):
            df, units = _tidy_run(f, names, replicates, municipalities)
        elif isinstance(f, ExperimentFile):
            frames, units = [], {}
            for v in variants if variants is not None else f.variant_names:
                part, units = _tidy_run(f.variant(v), names, replicates, municipalities)
                part.insert(0, "variant", v)
                frames.append(part)
            df = pd.concat(frames, ignore_index=True)
        else:
            frames, units = [], {}
            for name in names:
                part = f.series(name, points=points)
                if replicates is not None:
                    part = part[part["replicate"].isin(np.atleast_1d(replicates))]
                part.insert(3, "metric", name)
                frames.append(part)
            df = pd.concat(frames, ignore_index=True)
        return _attach(df, f, units)
