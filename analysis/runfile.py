"""Reading one result file of ``tsunagi run`` (HDF5 schema v1, see docs/output.md).

Layout read here (R replicates, T record dates, M municipalities):

* ``/time/date``              (T,)  ISO dates, the time axis (a dimension scale)
* ``/replicate``              (R,)  replicate numbers 0..R-1
* ``/municipalities/*``       (M,)  code (the axis), name, prefecture_code, region,
                                    population [persons], island [flag], travel_hours [hours]
* ``/axes/<name>``            (C,)  category labels, each a dimension scale: readiness_stock and
                                    municipal_activity always; agency, exit, channel and need
                                    only when the scenario has [cases]
* ``/series/<name>``          (R, T), (R, T, M) or (R, T, M, C), numeric, with string attributes
                                    ``units`` and ``description`` (and ``labels`` for coded values);
                                    the 4th axis of an (R, T, M, C) series is one of /axes, attached
                                    as its dimension scale (and named by its dimension label)
* ``/statistics/<name>/*``    (T, M) or (T, M, C): with ``store == "statistics"``, the per-
                                    municipality and per-category series as statistics over
                                    replicates (count, mean, sd, min, p05, p50, p95, max); read
                                    with :meth:`RunFile.statistics`

Record dates: the first simulated day, then the first of every month up to and including
the day after the last simulated day. Stocks (stages, coverage) are as they stand on the
date; flows (adviser hours, visits) cover the days since the previous record.
"""

from __future__ import annotations

import os
from functools import cached_property

import h5py
import numpy as np
import pandas as pd

from .schema import SchemaError, open_checked

FILE_TYPE = "run"


def _decode(value):
    """An HDF5 attribute value as plain Python: str for strings, list of str for string
    arrays, int/float for numeric scalars, numpy arrays otherwise."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        if value.dtype.kind in ("S", "O", "U"):
            return [_decode(v) for v in value.tolist()]
        return value
    if isinstance(value, np.generic):
        return value.item()
    return value


class RunFile:
    """An open result file. Use as a context manager::

        with analysis.open_run("out/oita.h5") as run:
            run.band("kikan_coverage")

    Opening checks the schema, that ``file_type`` is "run" and its ``schema_version``
    (:func:`analysis.open_checked`) and raises :class:`analysis.SchemaError` otherwise. Data are read from disk on request only.
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        self._file = open_checked(self.path, FILE_TYPE)

    # -- lifetime ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the file (idempotent)."""
        self._file.close()

    def __enter__(self) -> "RunFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "open" if self._file else "closed"
        return f"<RunFile {self.path!r} ({state})>"

    # -- metadata ---------------------------------------------------------------------------

    @cached_property
    def attrs(self) -> dict:
        """Root attributes (schema, seed, replicates, scenario_name, ...), strings decoded."""
        return {k: _decode(v) for k, v in self._file.attrs.items()}

    @property
    def bands_cover(self) -> str:
        """What the spread over replicates holds: ``"chance"`` (every replicate runs the same
        parameters) or ``"chance and parameters"`` (``--parameters``: each replicate drew the
        fitted parameters of a calibration). Files written before the attribute existed: chance."""
        return self.attrs.get("bands_cover", "chance")

    def drawn_parameters(self) -> pd.DataFrame | None:
        """The parameter values each replicate ran with (``/parameters/drawn``), one row per
        replicate and one column per scenario key; None when the replicates did not draw any."""
        if "parameters/drawn" not in self._file:
            return None
        ds = self._file["parameters/drawn"]
        keys = [_decode(k) for k in self._file["parameters/key"][()]]
        return pd.DataFrame(ds[()], index=pd.Index(self.replicates, name="replicate"), columns=keys)

    @property
    def scenario_toml(self) -> str:
        """The resolved scenario (TOML text, every default filled in, municipalities inline);
        saved to a file it runs again to the same results."""
        return self.attrs["scenario_toml"]

    @cached_property
    def dates(self) -> pd.DatetimeIndex:
        """Record dates, the time axis (length T), named "date"."""
        text = self._file["time/date"].asstr()[()]
        return pd.DatetimeIndex(pd.to_datetime(text, format="%Y-%m-%d"), name="date")

    @cached_property
    def replicates(self) -> np.ndarray:
        """Replicate numbers (length R), the first axis of every series."""
        return self._file["replicate"][()]

    @cached_property
    def municipalities(self) -> pd.DataFrame:
        """One row per municipality (M rows, in axis order), indexed by 5-digit code:
        name, prefecture_code, region, population [persons], island [bool],
        travel_hours [hours, one way from the adviser base]."""
        g = self._file["municipalities"]
        codes = g["code"].asstr()[()]
        return pd.DataFrame(
            {
                "name": g["name"].asstr()[()],
                "prefecture_code": g["prefecture_code"].asstr()[()],
                "region": g["region"].asstr()[()],
                "population": g["population"][()].astype(np.int64),
                "island": g["island"][()].astype(bool),
                "travel_hours": g["travel_hours"][()].astype(np.float64),
            },
            index=pd.Index(codes, name="code"),
        )

    @cached_property
    def axes(self) -> dict[str, list[str]]:
        """Category axes, the 4th axis of (replicate, time, municipality, category) series:
        axis name (e.g. "readiness_stock", "municipal_activity", and with [cases] "agency",
        "exit", "channel", "need") -> its labels in axis order. Empty for a file without such
        series."""
        if "axes" not in self._file:
            return {}
        group = self._file["axes"]
        return {name: [str(v) for v in group[name].asstr()[()]] for name in group}

    # -- series -----------------------------------------------------------------------------

    def series_names(self) -> list[str]:
        """Names of the datasets under /series, sorted."""
        return sorted(self._file["series"].keys())

    @property
    def output_level(self) -> str:
        """Which series the file holds (docs/output.md, "Output levels"): ``"totals"`` (the
        (replicate, time) series), ``"municipalities"`` (and the per-municipality ones) or
        ``"full"`` (every series). Files written before levels existed: full."""
        return self.attrs.get("output_level", "full")

    def omitted_series(self) -> dict[str, str]:
        """The series the run computed but its output level left out of the file, each with
        the level that writes it (``"municipalities"`` or ``"full"``)."""
        attrs = self._file["series"].attrs
        if "omitted" not in attrs:
            return {}
        return {_decode(n): _decode(l) for n, l in zip(attrs["omitted"], attrs["omitted_needs"])}

    @property
    def store(self) -> str:
        """How the per-municipality and per-category series are stored (docs/output.md,
        "Statistics instead of replicates"): ``"replicates"`` (every replicate's values) or
        ``"statistics"`` (statistics over replicates, read with :meth:`statistics`; the
        (replicate, time) totals stay per replicate). Files written before: replicates."""
        return self.attrs.get("store", "replicates")

    def statistics_names(self) -> list[str]:
        """Names of the series stored as statistics over replicates, sorted (empty unless
        :attr:`store` is "statistics")."""
        return sorted(self._file["statistics"].keys()) if "statistics" in self._file else []

    def statistics(self, name: str) -> pd.DataFrame:
        """The statistics over replicates of a series stored as statistics, as a tidy table.

        Columns: date, municipality (code), [<axis> (category label), for per-category
        series], count (replicates whose value was not NaN), mean, sd (sample standard
        deviation), min, p05, p50, p95, max, in ``units(name)``. Rows are ordered by date,
        municipality, then category. The percentiles are exact for a cell whose values took at
        most nine distinct values (codes, small counts, any cell of at most nine replicates)
        and P² estimates beyond (docs/output.md). KeyError when ``name`` is not stored as
        statistics: read :meth:`series` or :meth:`array` instead.
        """
        if name not in self.statistics_names():
            where = "a series stored per replicate: read series() or array()" if name in self.series_names() else (
                "no such series")
            raise KeyError(f"{self.path}: {name!r} is not stored as statistics over replicates ({where}); "
                           f"statistics: {', '.join(self.statistics_names()) or 'none'}")
        g = self._file["statistics"][name]
        count = g["count"]
        columns = {}
        n_t, n_m = count.shape[0], count.shape[1]
        per_m = int(np.prod(count.shape[2:], dtype=np.int64))
        columns["date"] = np.repeat(self.dates.values, n_m * per_m)
        columns["municipality"] = np.tile(np.repeat(self.municipalities.index.values, per_m), n_t)
        if count.ndim == 3:
            axis = count.dims[2].label
            labels = self.axes[axis]
            columns[axis] = np.tile(np.asarray(labels, dtype=object), n_t * n_m)
        for stat in ("count", "mean", "sd", "min", "p05", "p50", "p95", "max"):
            columns[stat] = g[stat][()].reshape(-1)
        return pd.DataFrame(columns)

    def _dataset(self, name: str) -> h5py.Dataset:
        group = self._file["series"]
        if name not in group and name in self.statistics_names():
            raise KeyError(f"{self.path}: series {name!r} is stored as statistics over replicates (output.store = "
                           f"\"statistics\"), not per replicate: read RunFile.statistics({name!r}) for its mean, "
                           "sd and percentiles, or rerun with --store replicates")
        if name not in group:
            needs = self.omitted_series().get(name)
            if needs is not None:
                raise KeyError(f"{self.path}: series {name!r} was not written: the file was written at output level "
                               f"{self.output_level!r}; rerun with --output-level {needs}")
            raise KeyError(f"{self.path}: no series named {name!r}; available: {', '.join(self.series_names())}")
        return group[name]

    def _attrs_of(self, name: str):
        """The attributes of series ``name``, stored per replicate or as statistics."""
        if name not in self._file["series"] and name in self.statistics_names():
            return self._file["statistics"][name].attrs
        return self._dataset(name).attrs

    def units(self, name: str) -> str:
        """The ``units`` attribute of series ``name`` (e.g. "hours", "fraction")."""
        return _decode(self._attrs_of(name)["units"])

    def description(self, name: str) -> str:
        """The one-sentence ``description`` attribute of series ``name``."""
        return _decode(self._attrs_of(name)["description"])

    def labels(self, name: str) -> list[str]:
        """Names of the codes of a coded series (a stage or mode, e.g. "council_stage"):
        ``labels(name)[k]`` is the name of code k. KeyError when the series has no labels."""
        ds = self._dataset(name)
        if "labels" not in ds.attrs:
            raise KeyError(f"{self.path}: series {name!r} is not coded: it has no 'labels' attribute")
        return _decode(ds.attrs["labels"])

    @property
    def stage_labels(self) -> list[str]:
        """Names of the kikan_stage codes: stage_labels[k] is the name of stage k (0..5:
        none, exploring, designing, budgeted, established, functioning; a 基幹 exists from
        "established" on). Other institutions: :meth:`labels` of "<institution>_stage"."""
        return self.labels("kikan_stage")

    def _replicate_positions(self, replicates) -> np.ndarray | None:
        """Positions on the replicate axis of the requested replicate numbers (None: all)."""
        if replicates is None:
            return None
        wanted = np.atleast_1d(np.asarray(replicates))
        if wanted.ndim != 1 or (wanted.size and wanted.dtype.kind not in "iu"):
            raise TypeError(f"replicates must be None, an int or a sequence of ints, not {replicates!r}")
        where = {int(r): i for i, r in enumerate(self.replicates)}
        missing = [int(r) for r in wanted if int(r) not in where]
        if missing:
            raise IndexError(f"{self.path}: no replicate {missing}; the file has replicates 0..{len(where) - 1}")
        return np.array([where[int(r)] for r in wanted], dtype=np.int64)

    def _category_axis(self, ds: h5py.Dataset) -> tuple[str, list[str]]:
        """(axis name, labels) of the 4th axis of an (R, T, M, C) dataset: the dimension scale
        attached to dims[3] (a dataset /axes/<name>), else /axes/<label> for the dimension's
        label (the DIMENSION_LABELS attribute). Raises SchemaError when neither is there or
        the number of labels is not the length of the axis."""
        dim = ds.dims[3]
        scales = dim.values()
        if scales:
            scale = scales[0]
            axis = scale.name.rsplit("/", 1)[-1]
            labels = [str(v) for v in scale.asstr()[()]]
        else:
            axis = dim.label
            if not axis or axis not in self.axes:
                raise SchemaError(
                    f"{self.path}: series {ds.name!r} has no dimension scale on its 4th axis and its "
                    f"dimension label {axis!r} names no dataset under /axes (axes: {', '.join(self.axes) or 'none'})"
                )
            labels = self.axes[axis]
        if len(labels) != ds.shape[3]:
            raise SchemaError(
                f"{self.path}: series {ds.name!r} has {ds.shape[3]} categories on its 4th axis but its "
                f"axis {axis!r} has {len(labels)} labels"
            )
        return axis, labels

    def _read(self, ds: h5py.Dataset, replicates, category: int | None = None):
        """(data, replicate numbers) of dataset ``ds`` for the requested replicates (None: all),
        read with an h5py selection on the replicate axis (and on the category axis when
        ``category`` is a position on it): other replicates are not read from disk."""
        pos = self._replicate_positions(replicates)
        rest = (slice(None),) * (ds.ndim - 1) if category is None else (slice(None), slice(None), category)
        if pos is None:
            return (ds[()] if category is None else ds[(slice(None),) + rest]), self.replicates
        # h5py reads a point selection only in increasing order without repeats.
        uniq, inverse = np.unique(pos, return_inverse=True)
        if uniq.size:
            data = ds[(uniq.tolist(),) + rest][inverse]
        else:
            data = np.empty((0,) + ds.shape[1 : ds.ndim if category is None else 3], ds.dtype)
        return data, self.replicates[pos]

    def array(self, name: str, replicates=None) -> np.ndarray:
        """Series ``name`` as a numpy array of its stored dtype and shape, (R, T), (R, T, M)
        or (R, T, M, C), in the axis orders of :attr:`replicates` (or the replicates
        requested, in that order), :attr:`dates`, :attr:`municipalities` and :attr:`axes`.
        ``replicates`` as in :meth:`series`; only those are read from disk."""
        data, _ = self._read(self._dataset(name), replicates)
        return data

    def series(self, name: str, replicates=None) -> pd.DataFrame:
        """Series ``name`` as a tidy long table, one row per value.

        Columns: replicate, date, [municipality (code), for (R, T, M) and (R, T, M, C)
        series], [<axis> (category label, e.g. ``agency``), for (R, T, M, C) series], value
        (in ``units(name)``). Rows are ordered by replicate (in the order requested), date,
        municipality, then category (axis order, see :attr:`axes`). ``replicates`` is None
        (all), a replicate number or a sequence of them; only those are read from disk.
        """
        ds = self._dataset(name)
        axis = self._category_axis(ds) if ds.ndim == 4 else None
        data, reps = self._read(ds, replicates)
        n_rep, n_t = data.shape[0], data.shape[1]
        per_value = int(np.prod(data.shape[2:], dtype=np.int64))
        columns = {
            "replicate": np.repeat(reps, n_t * per_value),
            "date": np.tile(np.repeat(self.dates.values, per_value), n_rep),
        }
        if data.ndim >= 3:
            per_m = int(np.prod(data.shape[3:], dtype=np.int64))  # categories per municipality (1 for 3-D)
            columns["municipality"] = np.tile(np.repeat(self.municipalities.index.values, per_m), n_rep * n_t)
        if axis is not None:
            axis_name, labels = axis
            columns[axis_name] = np.tile(np.asarray(labels, dtype=object), n_rep * n_t * data.shape[2])
        columns["value"] = data.reshape(-1)
        return pd.DataFrame(columns)

    def category_total(self, name: str, category: str | None = None, replicates=None) -> pd.DataFrame:
        """A (replicate, time, municipality, category) series summed over municipalities.

        * ``category`` None: a DataFrame indexed by date (T rows) with one column per category
          (in axis order, the columns named by the axis), each the mean over replicates of the
          all-municipality total.
        * ``category`` a label (e.g. "plan_provider"): a DataFrame of the totals of that
          category, one row per replicate (index "replicate", in the order requested) and one
          column per date. Only that category is read from disk.

        NaN values (e.g. an agency that does not exist) are left out of the sum; a total is
        NaN only where every municipality is NaN. Meant for counts (cases entered, waiting,
        in service, exits, ...); summing ratios such as ``case_caseload_per_worker`` or
        ``case_wait_mean`` over municipalities gives no meaningful number. ``replicates`` as
        in :meth:`series`.
        """
        ds = self._dataset(name)
        if ds.ndim != 4:
            raise ValueError(
                f"series {name!r} has shape {ds.shape}; category_total() needs a (replicate, time, "
                "municipality, category) series"
            )
        axis_name, labels = self._category_axis(ds)
        if category is not None:
            if category not in labels:
                raise KeyError(f"series {name!r}: no {axis_name} {category!r}; its {axis_name} labels are {', '.join(labels)}")
            data, reps = self._read(ds, replicates, category=labels.index(category))  # (R, T, M)
        else:
            data, reps = self._read(ds, replicates)  # (R, T, M, C)
        x = data.astype(np.float64)
        total = np.nansum(x, axis=2)
        total[np.isnan(x).all(axis=2)] = np.nan
        if category is not None:
            return pd.DataFrame(total, index=pd.Index(reps, name="replicate"), columns=self.dates)
        return pd.DataFrame(
            total.mean(axis=0) if total.shape[0] else np.full(total.shape[1:], np.nan),
            index=self.dates,
            columns=pd.Index(labels, name=axis_name),
        )

    def band(self, name: str, low: float = 0.05, high: float = 0.95) -> pd.DataFrame:
        """Mean and quantile band over replicates of a (replicate, time) series.

        Returns a DataFrame indexed by date (T rows) with columns mean, low, high, in the
        series' units. Quantiles use numpy's default (linear, "type 7") definition, the same
        as ``tsunagi summarize``. A (replicate, time, municipality) series raises ValueError:
        aggregate over municipalities first.
        """
        if not (0.0 <= low <= high <= 1.0):
            raise ValueError(f"band needs 0 <= low <= high <= 1, got low={low}, high={high}")
        ds = self._dataset(name)
        if ds.ndim == 4:
            raise ValueError(
                f"series {name!r} has shape {ds.shape} = (replicate, time, municipality, category); band() "
                "needs a (replicate, time) series. Aggregate over municipalities first, e.g. "
                f"run.category_total({name!r}, category=...) gives (replicate x date) totals of one category, "
                "then take quantiles over replicates"
            )
        if ds.ndim != 2:
            raise ValueError(
                f"series {name!r} has shape {ds.shape} = (replicate, time, municipality); band() needs a "
                "(replicate, time) series. Aggregate over municipalities first, e.g. "
                f"run.series({name!r}).groupby(['replicate', 'date'])['value'].sum() (or .mean()), "
                "then take quantiles over replicates"
            )
        x = ds[()].astype(np.float64)
        return pd.DataFrame(
            {
                "mean": x.mean(axis=0),
                "low": np.quantile(x, low, axis=0),
                "high": np.quantile(x, high, axis=0),
            },
            index=self.dates,
        )


def open_run(path) -> RunFile:
    """Open a result file of ``tsunagi run`` for reading (checks the schema first)."""
    return RunFile(path)
