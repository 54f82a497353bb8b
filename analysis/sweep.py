"""Reading a sweep file of ``tsunagi sweep`` (file_type "sweep", schema v1).

A sweep runs a scenario at N design points (parameter values), each with R replicates, and
keeps named scalar outputs (e.g. kikan coverage on 2027-03-31) for every point and
replicate. Layout (P parameters):

* root attrs: sweep_name, sweep_toml, design ("grid", "latin_hypercube", "sobol", "morris"),
  and the provenance attributes of a run file
* ``/design/parameter`` (P,) scenario keys; ``/design/lower``, ``/design/upper`` (P,)
* ``/design/values`` (N, P); ``/design/seed`` (N,); ``/design/status`` (N,) 0 done, 1 failed;
  ``/design/error`` (N,) ("" when done); sobol: ``block``, ``base_row``; morris:
  ``trajectory``, ``changed``
* ``/time/date`` (T,)
* ``/outputs/<name>/values`` (N, R), NaN for failed points; ``mean``, ``var``, ``p05``,
  ``p50``, ``p95`` (N,); group attrs series, date, description
* optional ``/series/<name>`` (N, R, T)

Sensitivity indices from these files: analysis/sensitivity.py.
"""

from __future__ import annotations

import os
from functools import cached_property

import h5py
import numpy as np
import pandas as pd

from .runfile import _decode
from .schema import SchemaError, open_checked

SUMMARIES = ("mean", "var", "p05", "p50", "p95")


class SweepFile:
    """An open sweep file; a context manager. Opening checks schema and file_type."""

    def __init__(self, path):
        self.path = os.fspath(path)
        self._file = open_checked(self.path, "sweep")
        try:
            for required in ("design/parameter", "design/values", "outputs"):
                if required not in self._file:
                    raise SchemaError(f"{self.path}: sweep file without /{required}")
        except BaseException:
            self._file.close()
            raise

    def close(self) -> None:
        """Close the file (idempotent)."""
        self._file.close()

    def __enter__(self) -> "SweepFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<SweepFile {self.path!r}>"

    @cached_property
    def attrs(self) -> dict:
        """Root attributes (sweep_name, design, seed, tsunagi_version...), decoded."""
        return {k: _decode(v) for k, v in self._file.attrs.items()}

    @cached_property
    def parameters(self) -> pd.DataFrame:
        """One row per swept parameter (index: scenario key) with its lower and upper bound."""
        g = self._file["design"]
        names = [str(v) for v in g["parameter"].asstr()[()]]
        return pd.DataFrame({"lower": g["lower"][()], "upper": g["upper"][()]}, index=pd.Index(names, name="parameter"))

    @cached_property
    def design(self) -> pd.DataFrame:
        """One row per design point (index "point"): a column per parameter with its value, then
        seed, status (0 done, 1 failed), error, and for sobol designs block and base_row, for
        morris designs trajectory and changed."""
        g = self._file["design"]
        out = pd.DataFrame(g["values"][()], columns=list(self.parameters.index))
        out.index.name = "point"
        for name in ("seed", "status", "block", "base_row", "trajectory", "changed"):
            if name in g:
                out[name] = g[name][()]
        if "error" in g:
            out["error"] = g["error"].asstr()[()]
        return out

    @cached_property
    def dates(self) -> pd.DatetimeIndex:
        """Record dates of the kept series (/time/date)."""
        text = self._file["time/date"].asstr()[()] if "time/date" in self._file else []
        return pd.DatetimeIndex(pd.to_datetime(list(text), format="%Y-%m-%d"), name="date")

    def output_names(self) -> list[str]:
        """Names of the outputs under /outputs."""
        return sorted(self._file["outputs"].keys())

    def _output(self, name: str) -> h5py.Group:
        if name not in self._file["outputs"]:
            raise KeyError(f"{self.path}: no output {name!r}; outputs: {', '.join(self.output_names())}")
        return self._file["outputs"][name]

    def output_info(self, name: str) -> dict:
        """Attributes of output ``name``: series, date, description."""
        return {k: _decode(v) for k, v in self._output(name).attrs.items()}

    def output(self, name: str, points=None) -> pd.DataFrame:
        """Per point and replicate values of output ``name``: a DataFrame indexed by point with
        one column per replicate (NaN for failed points). ``points``: None (all) or a sequence
        of point numbers; only those rows are read."""
        ds = self._output(name)["values"]
        idx = np.arange(ds.shape[0]) if points is None else np.sort(np.atleast_1d(points))
        data = ds[()] if points is None else ds[idx.tolist()]
        return pd.DataFrame(data, index=pd.Index(idx, name="point"),
                            columns=pd.Index(np.arange(ds.shape[1]), name="replicate"))

    def output_summary(self, name: str) -> pd.DataFrame:
        """Per point: mean, var, p05, p50, p95 over replicates, as written by the sweep."""
        g = self._output(name)
        cols = {s: g[s][()] for s in SUMMARIES if s in g}
        return pd.DataFrame(cols, index=pd.Index(np.arange(len(next(iter(cols.values())))), name="point"))

    def series_names(self) -> list[str]:
        """Series kept per point (/series), often none."""
        return sorted(self._file["series"].keys()) if "series" in self._file else []

    def series(self, name: str, points=None) -> pd.DataFrame:
        """A kept (N, R, T) series as a tidy table: point, replicate, date, value. Only the
        requested points are read."""
        if name not in self.series_names():
            raise KeyError(f"{self.path}: no kept series {name!r}; kept: {', '.join(self.series_names()) or 'none'}")
        ds = self._file["series"][name]
        idx = np.arange(ds.shape[0]) if points is None else np.sort(np.atleast_1d(points))
        data = ds[()] if points is None else ds[idx.tolist()]
        n_p, n_r, n_t = data.shape
        return pd.DataFrame(
            {
                "point": np.repeat(idx, n_r * n_t),
                "replicate": np.tile(np.repeat(np.arange(n_r), n_t), n_p),
                "date": np.tile(self.dates.values, n_p * n_r),
                "value": data.reshape(-1),
            }
        )


def open_sweep(path) -> SweepFile:
    """Open a sweep file of ``tsunagi sweep`` (checks schema and file_type)."""
    return SweepFile(path)
