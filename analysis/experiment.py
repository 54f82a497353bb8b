"""Reading an experiment file of ``tsunagi experiment`` (file_type "experiment", schema v1).

An experiment runs several variants of one scenario (the baseline first) with the same seed
and replicate numbers, so each variant's replicate r shares its random numbers with the
baseline's replicate r (common random numbers) and differences are mostly the variant's
effect, not noise. Layout (V variants, R replicates, T dates, M municipalities):

* root attrs: experiment_name, experiment_title, experiment_toml, baseline, and the
  provenance attributes of a run file (tsunagi_version, git_commit, created, seed, ...)
* ``/time/date``, ``/time/fiscal_year``, ``/replicate``, ``/municipalities/*`` as in run files
* ``/variants/name``, ``/variants/overrides``, ``/variants/scenario_toml`` (V,), index 0 the baseline
* ``/series/<name>``                  (V, R, T) float64, attrs units, description, kind
* ``/differences/<name>``             (V, R, T) variant minus baseline, per replicate
* ``/differences/<name>_mean|_lower|_upper`` (V, T): mean paired difference and its 95 % t
  interval (NaN bounds when R = 1)
* ``/municipal_series/kikan_stage``   (V, R, T, M) int8, attrs labels, units, description

:meth:`ExperimentFile.variant` gives one variant as a :class:`Variant`, which reads like a
:class:`~analysis.runfile.RunFile` (band, array, series, labels...), so every function that
takes a run (charts, :func:`~analysis.targets.probability_all_covered`) takes a variant too.
Only the requested variant (and replicates) is read from disk.
"""

from __future__ import annotations

import os
import tomllib
from functools import cached_property

import h5py
import numpy as np
import pandas as pd

from .runfile import RunFile, _decode
from .schema import SchemaError, open_checked


class _VariantDataset:
    """One variant's slice of a (V, ...) dataset, looking like an h5py dataset to RunFile:
    indexing prepends the variant position, so h5py still reads only the selection."""

    def __init__(self, ds: h5py.Dataset, position: int):
        self._ds, self._v = ds, position
        self.name, self.attrs, self.dtype = ds.name, ds.attrs, ds.dtype
        self.shape, self.ndim = ds.shape[1:], ds.ndim - 1

    def __getitem__(self, key):
        if key == () or key is Ellipsis:
            return self._ds[self._v]
        key = key if isinstance(key, tuple) else (key,)
        return self._ds[(self._v,) + key]


class Variant(RunFile):
    """One variant of an experiment, read through the experiment's open file. Behaves as a
    RunFile whose ``/series`` are the experiment's (R, T) series plus the municipal series
    (kikan_stage); ``attrs["scenario_name"]`` is the variant name and ``scenario_toml`` its
    resolved scenario."""

    def __init__(self, experiment: "ExperimentFile", position: int):  # noqa: D107 (no file of its own)
        self.path = experiment.path
        self._file = experiment._file
        self._experiment = experiment
        self.position = position
        self.name = experiment.variant_names[position]

    def close(self) -> None:
        """Closing a variant leaves the experiment file open (the experiment owns it)."""

    @cached_property
    def attrs(self) -> dict:
        """The experiment's root attributes with this variant's scenario_name, scenario_title,
        scenario_toml and overrides."""
        e = self._experiment
        out = dict(e.attrs)
        out.update(scenario_name=self.name, scenario_title=e.variant_titles[self.position],
                   scenario_toml=e.scenario_tomls[self.position], overrides=e.overrides[self.position])
        return out

    def series_names(self) -> list[str]:
        names = set(self._file["series"].keys())
        if "municipal_series" in self._file:
            names |= set(self._file["municipal_series"].keys())
        return sorted(names)

    def _dataset(self, name: str):
        for group in ("series", "municipal_series"):
            if group in self._file and name in self._file[group]:
                return _VariantDataset(self._file[group][name], self.position)
        raise KeyError(f"{self.path}: no series named {name!r}; available: {', '.join(self.series_names())}")

    def __repr__(self) -> str:
        return f"<Variant {self.name!r} of {self.path!r}>"


class ExperimentFile:
    """An open experiment file; a context manager like :class:`~analysis.runfile.RunFile`.

    Opening checks the schema and that ``file_type`` is "experiment" (SchemaError otherwise).
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        self._file = open_checked(self.path, "experiment")
        try:
            for required in ("variants/name", "series", "time/date", "replicate"):
                if required not in self._file:
                    raise SchemaError(f"{self.path}: experiment file without /{required}")
        except BaseException:
            self._file.close()
            raise

    def close(self) -> None:
        """Close the file (idempotent)."""
        self._file.close()

    def __enter__(self) -> "ExperimentFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<ExperimentFile {self.path!r}>"

    @cached_property
    def attrs(self) -> dict:
        """Root attributes (experiment_name, baseline, seed, tsunagi_version...), decoded."""
        return {k: _decode(v) for k, v in self._file.attrs.items()}

    @cached_property
    def variant_names(self) -> list[str]:
        """Variant names in file order; the first is the baseline."""
        return [str(v) for v in self._file["variants/name"].asstr()[()]]

    @cached_property
    def variant_titles(self) -> list[str]:
        """Each variant's title from the experiment file (its name where it has none); the
        baseline's is the experiment's own title."""
        names = self.variant_names
        if "title" not in self._file["variants"]:
            return names
        titles = [str(t) for t in self._file["variants/title"].asstr()[()]]
        out = [t if t and not t.startswith("baseline:") else n for n, t in zip(names, titles)]
        if titles[0].startswith("baseline:"):  # the baseline is the scenario as it is: its own title
            try:
                out[0] = str(tomllib.loads(self.scenario_tomls[0]).get("scenario", {}).get("title") or names[0])
            except tomllib.TOMLDecodeError:
                out[0] = names[0]
        return out

    @cached_property
    def overrides(self) -> list[str]:
        """Each variant's overrides, one ``key=value`` per line ("" for the baseline)."""
        if "variants/overrides" not in self._file:
            return [""] * len(self.variant_names)
        return [str(v) for v in self._file["variants/overrides"].asstr()[()]]

    @cached_property
    def scenario_tomls(self) -> list[str]:
        """Each variant's resolved scenario (TOML text)."""
        if "variants/scenario_toml" not in self._file:
            return [""] * len(self.variant_names)
        return [str(v) for v in self._file["variants/scenario_toml"].asstr()[()]]

    @property
    def baseline(self) -> str:
        """Name of the baseline variant (the root attribute, else the first variant)."""
        return self.attrs.get("baseline") or self.variant_names[0]

    def variant(self, name) -> Variant:
        """The variant called ``name`` (or at position ``name`` when an int) as a RunFile-like view."""
        if isinstance(name, (int, np.integer)):
            if not 0 <= int(name) < len(self.variant_names):
                raise IndexError(f"{self.path}: no variant {name}; the file has {len(self.variant_names)}")
            return Variant(self, int(name))
        if name not in self.variant_names:
            raise KeyError(f"{self.path}: no variant {name!r}; variants: {', '.join(self.variant_names)}")
        return Variant(self, self.variant_names.index(name))

    def variants(self) -> list[Variant]:
        """Every variant, baseline first."""
        return [Variant(self, i) for i in range(len(self.variant_names))]

    @property
    def dates(self) -> pd.DatetimeIndex:
        return self.variant(0).dates

    @property
    def replicates(self) -> np.ndarray:
        return self.variant(0).replicates

    @property
    def municipalities(self) -> pd.DataFrame:
        return self.variant(0).municipalities

    def series_names(self) -> list[str]:
        """Names under /series (the (V, R, T) series)."""
        return sorted(self._file["series"].keys())

    def difference_names(self) -> list[str]:
        """Series with paired differences under /differences."""
        if "differences" not in self._file:
            return []
        g = self._file["differences"]
        return sorted(n for n in g if n in self._file["series"] or not n.endswith(("_mean", "_lower", "_upper")))

    def differences(self, name: str) -> pd.DataFrame:
        """Paired difference (variant minus baseline) of series ``name`` as stored by the writer:
        a tidy table with columns variant, date, mean, lower, upper (95 % interval of the mean,
        NaN with one replicate). The baseline's rows are zero."""
        g = self._file.get("differences")
        if g is None or f"{name}_mean" not in g:
            have = ", ".join(self.difference_names()) or "none"
            raise KeyError(f"{self.path}: no differences for {name!r}; differences stored for: {have}")
        n_v, n_t = len(self.variant_names), len(self.dates)
        return pd.DataFrame(
            {
                "variant": np.repeat(self.variant_names, n_t),
                "date": np.tile(self.dates.values, n_v),
                "mean": g[f"{name}_mean"][()].reshape(-1),
                "lower": g[f"{name}_lower"][()].reshape(-1),
                "upper": g[f"{name}_upper"][()].reshape(-1),
            }
        )

    def difference_replicates(self, name: str, variant) -> np.ndarray:
        """(R, T) per-replicate differences of one variant (only that variant is read)."""
        v = self.variant(variant).position
        return self._file["differences"][name][v]


def open_experiment(path) -> ExperimentFile:
    """Open an experiment file of ``tsunagi experiment`` (checks schema and file_type)."""
    return ExperimentFile(path)
