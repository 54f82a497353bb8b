"""Sensitivity indices from sweep files: Sobol first-order and total indices, Morris mu*/sigma.

    from analysis import sensitivity
    s = sensitivity.sobol("out/sweep_sobol.h5", "kikan_coverage_final")    # one row per parameter
    m = sensitivity.morris("out/sweep_morris.h5", "kikan_coverage_final")
    sensitivity.plot_sobol(s).savefig("sobol.png")
    sensitivity.plot_morris(m).savefig("morris.png")

The estimators work on plain arrays (:func:`sobol_indices`, :func:`morris_indices`), so they
can be checked against functions with known indices; :func:`sobol` and :func:`morris` read a
file of ``tsunagi sweep`` and call them. See docs/sensitivity.md.

Sweep file layout read here (HDF5 schema v1, root attribute ``file_type`` = "sweep"; N points,
P parameters, R replicates per point):

* root attributes  ``design`` ("grid", "latin_hypercube", "sobol", "morris"), ``sweep_name``,
                   ``seed``, ``replicates``
* ``/design/parameter``  (P,)   parameter names (scenario keys)
* ``/design/lower``, ``/design/upper``  (P,)  the range of each parameter, in its own units
* ``/design/values``     (N, P) the parameter values of each point
* ``/design/status``     (N,)   0 done, 1 failed
* sobol:  ``/design/block`` (N,) 0 = matrix A, 1 = matrix B, 2 + i = AB_i (A with column i
          taken from B); ``/design/base_row`` (N,) the row of the base samples; attribute
          ``base_samples`` on /design. Points may be in any order.
* morris: ``/design/trajectory`` (N,); ``/design/changed`` (N,) the parameter changed from the
          previous point of the trajectory (-1 at its first point); attributes ``levels`` and
          ``trajectories`` on /design. The points of a trajectory are consecutive.
* ``/outputs/<name>/values`` (N, R) per replicate (NaN for failed points),
  ``/outputs/<name>/mean`` (N,) the mean over replicates.
"""

from __future__ import annotations

import os
import sys

import h5py
import numpy as np
import pandas as pd

from .schema import SchemaError, _text, open_checked
from .i18n import tr

FILE_TYPE = "sweep"
SOBOL_COLUMNS = ["parameter", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"]
MORRIS_COLUMNS = ["parameter", "mu", "mu_star", "sigma", "mu_star_low", "mu_star_high"]
_STATISTICS = ("mean", "median", "var", "std")

# Bootstrap samples are drawn in batches of at most this many values, to bound memory.
_BATCH_VALUES = 2_000_000


# -- estimators on arrays ---------------------------------------------------------------------


def _check_bootstrap(bootstrap: int, confidence: float) -> None:
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, (int, np.integer)) or bootstrap < 0:
        raise ValueError(f"bootstrap must be a non-negative integer (0: no intervals), got {bootstrap!r}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1 (e.g. 0.95), got {confidence!r}")


def _sobol_estimates(y_a: np.ndarray, y_b: np.ndarray, y_ab: np.ndarray):
    """(S1, ST) of arrays with shapes (..., n), (..., n), (..., n, P); indices (..., P)."""
    both = np.concatenate([y_a, y_b], axis=-1)
    variance = both.var(axis=-1)[..., None]
    # Centred first: the first-order estimator's error grows with the output's mean
    # otherwise (its terms cancel only in expectation), as SALib also does.
    centre = both.mean(axis=-1)[..., None]
    y_a, y_b, y_ab = y_a - centre, y_b - centre, y_ab - centre[..., None]
    a, b = y_a[..., None], y_b[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        first = (b * (y_ab - a)).mean(axis=-2) / variance  # Saltelli et al. (2010), table 2 (b)
        total = ((a - y_ab) ** 2).mean(axis=-2) / (2.0 * variance)  # Jansen (1999), table 2 (f)
    return first, total


def sobol_indices(y_a, y_b, y_ab, parameters, *, bootstrap: int = 1000, confidence: float = 0.95,
                  seed: int = 0) -> pd.DataFrame:
    """Sobol first-order and total indices from the outputs of a Saltelli design.

    ``y_a`` and ``y_b`` (N,) are the outputs at the N rows of the base matrices A and B;
    ``y_ab`` (N, P) holds in column i the outputs at A with its column i taken from B.
    ``parameters`` names the P columns. With V the variance of ``y_a`` and ``y_b`` together:

    * first order  S1_i = mean(y_b * (y_ab_i - y_a)) / V        (Saltelli et al. 2010)
    * total        ST_i = mean((y_a - y_ab_i) ** 2) / (2 V)     (Jansen 1999)

    Intervals: percentiles of ``bootstrap`` resamplings of the N base rows (with replacement,
    a row keeping its A, B and AB values together), at the ``confidence`` level; with
    ``bootstrap=0`` the low/high columns are NaN. ``seed`` seeds the resampling.

    Returns one row per parameter: parameter, S1, S1_low, S1_high, ST, ST_low, ST_high.
    Raises ValueError on shapes that do not match, non-finite outputs (drop failed rows
    first) or an output with zero variance (the indices are undefined).
    """
    _check_bootstrap(bootstrap, confidence)
    y_a = np.asarray(y_a, dtype=np.float64)
    y_b = np.asarray(y_b, dtype=np.float64)
    y_ab = np.asarray(y_ab, dtype=np.float64)
    names = [str(p) for p in parameters]
    if y_a.ndim != 1 or y_b.shape != y_a.shape:
        raise ValueError(f"y_a and y_b must both have shape (N,), got {y_a.shape} and {y_b.shape}")
    if y_ab.shape != (y_a.size, len(names)):
        raise ValueError(
            f"y_ab must have shape (N, P) = ({y_a.size}, {len(names)}) for {len(names)} parameters, got {y_ab.shape}"
        )
    n = y_a.size
    if n < 2:
        raise ValueError(f"Sobol indices need at least 2 base rows, got {n}")
    if not (np.isfinite(y_a).all() and np.isfinite(y_b).all() and np.isfinite(y_ab).all()):
        raise ValueError("the outputs contain NaN or infinite values: drop the base rows of failed points first")
    both = np.concatenate([y_a, y_b])
    if np.ptp(both) <= 1e-12 * np.abs(both).max():  # constant up to rounding
        raise ValueError("the output has zero variance over the design: Sobol indices are undefined")

    first, total = _sobol_estimates(y_a, y_b, y_ab)
    table = {"parameter": names, "S1": first, "S1_low": np.nan, "S1_high": np.nan,
             "ST": total, "ST_low": np.nan, "ST_high": np.nan}
    if bootstrap:
        rng = np.random.default_rng(seed)
        batch = max(1, _BATCH_VALUES // (n * (len(names) + 2)))
        firsts, totals = [], []
        for start in range(0, bootstrap, batch):
            rows = rng.integers(0, n, size=(min(batch, bootstrap - start), n))
            f, t = _sobol_estimates(y_a[rows], y_b[rows], y_ab[rows])
            firsts.append(f)
            totals.append(t)
        q = [(1.0 - confidence) / 2.0, (1.0 + confidence) / 2.0]
        # A resample whose output is constant gives NaN; it is left out of the percentiles.
        table["S1_low"], table["S1_high"] = np.nanquantile(np.concatenate(firsts), q, axis=0)
        table["ST_low"], table["ST_high"] = np.nanquantile(np.concatenate(totals), q, axis=0)
    df = pd.DataFrame(table, columns=SOBOL_COLUMNS)
    df.attrs.update(base_rows=n, variance=float(both.var()), bootstrap=int(bootstrap),
                    confidence=float(confidence), bootstrap_seed=seed)
    return df


def morris_indices(values, y, trajectory, changed, lower, upper, parameters, *, bootstrap: int = 1000,
                   confidence: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Morris elementary-effect statistics from points along one-at-a-time trajectories.

    ``values`` (N, P) are the points in trajectory order, ``y`` (N,) the output at each,
    ``trajectory`` (N,) the trajectory of each point (a trajectory's points consecutive),
    ``changed`` (N,) the parameter changed from the previous point (-1 at a trajectory's
    first point), ``lower``/``upper`` (P,) the parameter ranges, ``parameters`` their names.

    Each step k gives the elementary effect of parameter i = changed[k] per unit of i,
    ``(y[k] - y[k-1]) / (values[k, i] - values[k-1, i])`` (the step may go either way);
    multiplied by ``upper[i] - lower[i]`` it is the effect of moving i over its whole range,
    which makes parameters of different units comparable. Per parameter, over its effects:

    * mu, mu_star, sigma -- mean, mean of absolute values (Campolongo et al. 2007) and
      standard deviation (n - 1 in the denominator; NaN with one effect) of the range-scaled
      effects (Morris 1991);
    * mu_star_low, mu_star_high -- percentile interval of mu_star over ``bootstrap``
      resamplings of whole trajectories, at the ``confidence`` level (NaN with bootstrap=0);
    * mu_per_unit, mu_star_per_unit, sigma_per_unit -- the same per unit of the parameter;
    * effects -- the number of elementary effects of the parameter.

    Raises ValueError when the arrays do not describe trajectories: shapes, a trajectory
    split in two, ``changed`` not -1 exactly at first points, a step that leaves its
    parameter unchanged or changes another one, or non-finite outputs (drop failed
    trajectories first).
    """
    _check_bootstrap(bootstrap, confidence)
    values = np.asarray(values, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    trajectory = np.asarray(trajectory)
    changed = np.asarray(changed)
    lower = np.asarray(lower, dtype=np.float64)
    upper = np.asarray(upper, dtype=np.float64)
    names = [str(p) for p in parameters]
    p = len(names)
    if values.ndim != 2 or values.shape[1] != p:
        raise ValueError(f"values must have shape (N, P) with P = {p} parameters, got {values.shape}")
    n = values.shape[0]
    for label, array in (("y", y), ("trajectory", trajectory), ("changed", changed)):
        if array.shape != (n,):
            raise ValueError(f"{label} must have shape ({n},), one entry per point, got {array.shape}")
    for label, array in (("lower", lower), ("upper", upper)):
        if array.shape != (p,):
            raise ValueError(f"{label} must have shape ({p},), one entry per parameter, got {array.shape}")
    if n == 0:
        raise ValueError("no points: Morris statistics need at least one trajectory")
    width = upper - lower
    if not (np.isfinite(width).all() and (width > 0).all()):
        bad = [names[i] for i in np.flatnonzero(~(width > 0))]
        raise ValueError(f"every parameter needs upper > lower; not so for {', '.join(bad)}")
    if not np.isfinite(y).all():
        raise ValueError("the outputs contain NaN or infinite values: drop the trajectories of failed points first")

    first = np.r_[True, trajectory[1:] != trajectory[:-1]]
    ids = trajectory[first]
    unique, counts = np.unique(ids, return_counts=True)
    if (counts > 1).any():
        raise ValueError(f"the points of trajectory {unique[counts > 1][0]} are not consecutive")
    if (changed[first] != -1).any():
        k = int(np.flatnonzero(first & (changed != -1))[0])
        raise ValueError(f"point {k} starts trajectory {trajectory[k]} but has changed = {changed[k]}, expected -1")
    steps = np.flatnonzero(~first)
    which = changed[steps].astype(np.int64)
    if ((which < 0) | (which >= p)).any():
        k = int(steps[(which < 0) | (which >= p)][0])
        raise ValueError(f"point {k}: changed = {changed[k]} is not a parameter index 0..{p - 1}")
    step = values[steps] - values[steps - 1]
    delta = step[np.arange(steps.size), which]
    if (delta == 0).any():
        k = int(steps[delta == 0][0])
        raise ValueError(f"point {k}: parameter {names[changed[k]]!r} (changed) has the same value as at point {k - 1}")
    others = step.copy()
    others[np.arange(steps.size), which] = 0.0
    moved = np.abs(others) > 1e-9 * width
    if moved.any():
        k, j = (int(v) for v in np.argwhere(moved)[0])
        raise ValueError(
            f"point {steps[k]}: parameter {names[j]!r} differs from point {steps[k] - 1} although "
            f"changed = {which[k]} ({names[which[k]]!r}); a Morris step changes one parameter"
        )

    scaled = (y[steps] - y[steps - 1]) / delta * width[which]  # effect over the parameter's range
    n_traj = unique.size
    traj = (np.cumsum(first) - 1)[steps]  # trajectory position 0..n_traj-1 of each effect
    sums = np.zeros((n_traj, p))
    abs_sums = np.zeros((n_traj, p))
    counts = np.zeros((n_traj, p))
    np.add.at(sums, (traj, which), scaled)
    np.add.at(abs_sums, (traj, which), np.abs(scaled))
    np.add.at(counts, (traj, which), 1.0)

    effects = counts.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mu = sums.sum(axis=0) / effects
        mu_star = abs_sums.sum(axis=0) / effects
        squares = np.zeros(p)
        np.add.at(squares, which, (scaled - mu[which]) ** 2)
        sigma = np.sqrt(squares / (effects - 1.0))
    sigma[effects < 2] = np.nan

    low = np.full(p, np.nan)
    high = np.full(p, np.nan)
    if bootstrap:
        rng = np.random.default_rng(seed)
        weights = rng.multinomial(n_traj, np.full(n_traj, 1.0 / n_traj), size=bootstrap).astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            resampled = (weights @ abs_sums) / (weights @ counts)  # (bootstrap, P); NaN: no effect drawn
        q = [(1.0 - confidence) / 2.0, (1.0 + confidence) / 2.0]
        with np.errstate(invalid="ignore"):
            for i in np.flatnonzero(effects > 0):
                low[i], high[i] = np.nanquantile(resampled[:, i], q)

    df = pd.DataFrame(
        {
            "parameter": names, "mu": mu, "mu_star": mu_star, "sigma": sigma,
            "mu_star_low": low, "mu_star_high": high,
            "mu_per_unit": mu / width, "mu_star_per_unit": mu_star / width, "sigma_per_unit": sigma / width,
            "effects": effects.astype(np.int64),
        }
    )
    df.attrs.update(trajectories=int(n_traj), bootstrap=int(bootstrap), confidence=float(confidence),
                    bootstrap_seed=seed)
    return df


# -- sweep files ------------------------------------------------------------------------------


class _Sweep:
    """An open sweep file, schema and file type checked; reads datasets on request only."""

    def __init__(self, path):
        self.path = os.fspath(path)
        self.file = open_checked(self.path, FILE_TYPE)  # sensitivity indices come from files of `tsunagi sweep`

    def __enter__(self) -> "_Sweep":
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()

    def dataset(self, name: str) -> h5py.Dataset:
        if name not in self.file:
            raise SchemaError(f"{self.path}: no dataset {name}; a sweep file of design {self.design!r} has one")
        return self.file[name]

    @property
    def design(self) -> str:
        if "design" not in self.file.attrs:
            raise SchemaError(
                f"{self.path}: no root attribute 'design'; expected one of grid, latin_hypercube, sobol, morris"
            )
        return _text(self.file.attrs["design"])

    def require_design(self, wanted: str, caller: str) -> None:
        design = self.design
        if design != wanted:
            other = {"sobol": "sobol()", "morris": "morris()"}.get(design)
            hint = f"; use {other} for it" if other else "; sensitivity indices need a 'sobol' or 'morris' design"
            raise ValueError(f"{self.path}: the sweep's design is {design!r}, {caller} needs design = {wanted!r}{hint}")

    def attrs(self) -> dict:
        out = {}
        for key in ("design", "sweep_name", "seed", "replicates"):
            if key in self.file.attrs:
                value = self.file.attrs[key]
                out[key] = _text(value) if isinstance(value, (bytes, str)) else np.asarray(value).item()
        return out

    def int_array(self, name: str, n: int) -> np.ndarray:
        ds = self.dataset(name)
        if ds.shape != (n,):
            raise SchemaError(f"{self.path}: {name} has shape {ds.shape}, expected ({n},), one entry per point")
        return ds[()].astype(np.int64)

    def parameters(self) -> list[str]:
        return [str(v) for v in self.dataset("design/parameter").asstr()[()]]

    def points(self) -> int:
        return self.dataset("design/status").shape[0]

    def outputs(self) -> list[str]:
        return sorted(self.file["outputs"].keys()) if "outputs" in self.file else []

    def output(self, name: str, statistic) -> np.ndarray:
        """The output ``name`` at each point (N,) as float64. ``statistic``: the name of a
        per-point summary stored beside the replicate values (/outputs/<name>/<statistic>,
        e.g. "mean", "var", "p50"), else "median", "var" or "std" over the replicate values;
        a replicate number; or a callable taking the (N, R) replicate values, returning (N,)."""
        group = self.file.get("outputs")
        if group is None or name not in group:
            raise KeyError(f"{self.path}: no output named {name!r}; available: {', '.join(self.outputs()) or 'none'}")
        n = self.points()
        stored = isinstance(statistic, str) and statistic != "values" and statistic in group[name]
        if stored or statistic == "mean":
            y = self.dataset(f"outputs/{name}/{statistic}")[()]
        else:
            ds = self.dataset(f"outputs/{name}/values")
            if ds.ndim != 2 or ds.shape[0] != n:
                raise SchemaError(f"{self.path}: {ds.name} has shape {ds.shape}, expected ({n}, R)")
            replicates = ds.shape[1]
            if isinstance(statistic, (int, np.integer)) and not isinstance(statistic, bool):
                if not 0 <= statistic < replicates:
                    raise IndexError(f"{self.path}: no replicate {statistic}; the sweep has replicates "
                                     f"0..{replicates - 1}")
                y = ds[:, int(statistic)]  # one column read from disk
            elif callable(statistic):
                y = statistic(ds[()].astype(np.float64))
            elif isinstance(statistic, str) and statistic in _STATISTICS:
                # Not NaN-aware on purpose: a point with a missing replicate counts as failed.
                y = getattr(np, statistic)(ds[()].astype(np.float64), axis=1)
            else:
                raise ValueError(
                    f"{self.path}: statistic must be a summary stored with output {name!r} "
                    f"({', '.join(k for k in group[name] if k != 'values')}), one of {', '.join(_STATISTICS)}, "
                    f"a replicate number or a callable; got {statistic!r}"
                )
        y = np.asarray(y, dtype=np.float64)
        if y.shape != (n,):
            raise SchemaError(f"{self.path}: output {name!r} ({statistic}) has shape {y.shape}, expected ({n},)")
        return y


def _bad_points(sweep: _Sweep, y: np.ndarray) -> np.ndarray:
    """Points that failed (status 1) or whose output is not a finite number."""
    status = sweep.int_array("design/status", y.size)
    return (status != 0) | ~np.isfinite(y)


def sobol(path, output: str, *, statistic="mean", bootstrap: int = 1000, confidence: float = 0.95,
          seed: int = 0) -> pd.DataFrame:
    """Sobol first-order and total indices of ``output`` from a sweep file of design "sobol".

    ``statistic`` chooses the number taken at each point: a per-point summary stored in the
    file (/outputs/<output>/<statistic>: "mean" over replicates, the default, and whatever
    else the sweep wrote, e.g. "var", "p50"), else "median", "var" or "std" computed over the
    replicate values, a replicate number, or a callable mapping the (N, R) replicate values
    to (N,). Only the datasets needed are read. The points
    are grouped by (base_row, block), whatever their order in the file. A base row with a
    failed point (status 1, or a non-finite output) is dropped whole; ``df.attrs`` says how
    many (``dropped_base_rows``, ``failed_points``) and holds the file, output, statistic,
    base rows used and the sweep's attributes. Other arguments and the columns as in
    :func:`sobol_indices`.

    Raises SchemaError (not a sweep file, or missing/ill-shaped design datasets), ValueError
    (design not "sobol", or no complete base row left) and KeyError (unknown output), each
    naming the file.
    """
    with _Sweep(path) as sweep:
        sweep.require_design("sobol", "sobol()")
        parameters = sweep.parameters()
        p = len(parameters)
        y = sweep.output(output, statistic)
        n = y.size
        block = sweep.int_array("design/block", n)
        base_row = sweep.int_array("design/base_row", n)
        bad = _bad_points(sweep, y)
        base_attr = sweep.dataset("design").attrs.get("base_samples")
        attrs = sweep.attrs()
    base = int(base_attr) if base_attr is not None else (int(base_row.max()) + 1 if n else 0)
    path = os.fspath(path)

    if ((block < 0) | (block >= p + 2)).any():
        k = int(np.flatnonzero((block < 0) | (block >= p + 2))[0])
        raise SchemaError(f"{path}: point {k} has block {block[k]}, expected 0..{p + 1} (A, B, AB_0..AB_{p - 1})")
    if ((base_row < 0) | (base_row >= base)).any():
        k = int(np.flatnonzero((base_row < 0) | (base_row >= base))[0])
        raise SchemaError(
            f"{path}: point {k} has base_row {base_row[k]}, expected 0..{base - 1} (base_samples = {base})"
        )
    table = np.full((base, p + 2), np.nan)
    seen = np.zeros((base, p + 2), dtype=np.int64)
    np.add.at(seen, (base_row, block), 1)
    if (seen > 1).any():
        j, b = (int(v) for v in np.argwhere(seen > 1)[0])
        raise SchemaError(f"{path}: base row {j} has {seen[j, b]} points in block {b}, expected one")
    if (seen == 0).any():
        j, b = (int(v) for v in np.argwhere(seen == 0)[0])
        raise SchemaError(
            f"{path}: base row {j} has no point in block {b}; a Saltelli design has {p + 2} points per base row"
        )
    table[base_row, block] = y
    drop = np.zeros(base, dtype=bool)
    drop[base_row[bad]] = True
    keep = table[~drop]
    if keep.shape[0] < 2:
        raise ValueError(
            f"{path}: output {output!r}: {int(drop.sum())} of {base} base rows have a failed point; "
            f"{keep.shape[0]} complete base rows left, Sobol indices need at least 2"
        )
    try:
        df = sobol_indices(keep[:, 0], keep[:, 1], keep[:, 2:], parameters, bootstrap=bootstrap,
                           confidence=confidence, seed=seed)
    except ValueError as e:
        raise ValueError(f"{path}: output {output!r}: {e}") from None
    df.attrs.update(attrs)
    df.attrs.update(file=path, output=output, statistic=str(statistic), base_samples=base,
                    dropped_base_rows=int(drop.sum()), failed_points=int(bad.sum()))
    return df


def morris(path, output: str, *, statistic="mean", bootstrap: int = 1000, confidence: float = 0.95,
           seed: int = 0) -> pd.DataFrame:
    """Morris mu, mu*, sigma (scaled to each parameter's range) of ``output`` from a sweep
    file of design "morris", with a bootstrap interval of mu* over trajectories.

    ``statistic`` as in :func:`sobol`. A trajectory with a failed point (status 1, or a
    non-finite output) is dropped whole; ``df.attrs`` says how many (``dropped_trajectories``,
    ``failed_points``) and holds the file, output, statistic and the sweep's attributes.
    Other arguments and the columns as in :func:`morris_indices`.

    Raises SchemaError (not a sweep file, missing/ill-shaped design datasets, or trajectories
    that are not one-at-a-time steps), ValueError (design not "morris", or no trajectory left)
    and KeyError (unknown output), each naming the file.
    """
    with _Sweep(path) as sweep:
        sweep.require_design("morris", "morris()")
        parameters = sweep.parameters()
        p = len(parameters)
        y = sweep.output(output, statistic)
        n = y.size
        values = sweep.dataset("design/values")
        if values.shape != (n, p):
            raise SchemaError(f"{sweep.path}: design/values has shape {values.shape}, expected ({n}, {p})")
        values = values[()]
        lower = sweep.dataset("design/lower")[()]
        upper = sweep.dataset("design/upper")[()]
        trajectory = sweep.int_array("design/trajectory", n)
        changed = sweep.int_array("design/changed", n)
        bad = _bad_points(sweep, y)
        attrs = sweep.attrs()
    path = os.fspath(path)

    failed_traj = np.unique(trajectory[bad])
    keep = ~np.isin(trajectory, failed_traj)
    total = np.unique(trajectory).size
    if not keep.any():
        raise ValueError(
            f"{path}: output {output!r}: all {total} trajectories have a failed point; no elementary effect left"
        )
    try:
        df = morris_indices(values[keep], y[keep], trajectory[keep], changed[keep], lower, upper, parameters,
                            bootstrap=bootstrap, confidence=confidence, seed=seed)
    except ValueError as e:
        raise SchemaError(f"{path}: output {output!r}: {e}") from None
    df.attrs.update(attrs)
    df.attrs.update(file=path, output=output, statistic=str(statistic), dropped_trajectories=int(failed_traj.size),
                    failed_points=int(bad.sum()))
    return df


# -- charts -----------------------------------------------------------------------------------


def _pyplot():
    """matplotlib.pyplot, on the Agg backend unless a backend was already chosen (by
    MPLBACKEND, a matplotlibrc, or a notebook that imported pyplot)."""
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules and not os.environ.get("MPLBACKEND"):
        get = getattr(matplotlib.rcParams, "_get_backend_or_none", None)
        if get is not None and get() is None:
            matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _title(df: pd.DataFrame, what: str) -> str:
    output = df.attrs.get("output")
    return f"{what}: {output}" if output else what


def plot_sobol(df: pd.DataFrame, ax=None):
    """Horizontal bars of the first-order (S1, upper bar) and total (ST, lower bar) Sobol
    index of each parameter, parameters top to bottom in table order with their names
    written level on the left (long names such as ``development.kikan.work_rate`` never
    overlap: each has a row of its own), and the bootstrap interval as whiskers (none when
    the interval columns are NaN). Draws on ``ax`` (a new figure, tall enough for one row
    per parameter, when None) and returns the Figure."""
    plt = _pyplot()
    n = len(df)
    if ax is None:
        longest = max((len(str(p)) for p in df["parameter"]), default=0)
        _, ax = plt.subplots(figsize=(6.0 + 0.07 * longest, 1.6 + 0.45 * max(n, 1)))
    y = np.arange(n)[::-1].astype(np.float64)  # first parameter on top, without inverting the axis
    height = 0.38
    for offset, name, label in ((height / 2, "S1", "first order S1 (alone)"),
                                (-height / 2, "ST", "total ST (with interactions)")):
        est = df[name].to_numpy(dtype=np.float64)
        low = df[f"{name}_low"].to_numpy(dtype=np.float64)
        high = df[f"{name}_high"].to_numpy(dtype=np.float64)
        err = None
        if np.isfinite(low).any():
            err = np.vstack([np.clip(est - low, 0, None), np.clip(high - est, 0, None)])
            err = np.nan_to_num(err)
        ax.barh(y + offset, est, height, xerr=err, capsize=3, label=tr(label), gid=name)
    ax.axvline(0.0, color="black", linewidth=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels([str(p) for p in df["parameter"]], fontsize="small" if n > 8 else None)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlabel(tr("share of output variance"))
    conf = df.attrs.get("confidence")
    ax.set_title(_title(df, tr("Sobol indices")) + (tr(" (whiskers: {conf:.0%} bootstrap interval)", conf=conf) if conf else ""),
                 fontsize="medium")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="best", fontsize="small")
    ax.figure.tight_layout()
    return ax.figure


def plot_morris(df: pd.DataFrame, ax=None):
    """Morris mu* (x, importance) against sigma (y, interactions or non-linearity), one
    labelled point per parameter, with the bootstrap interval of mu* as horizontal whiskers
    and the line sigma = mu* for reference. Draws on ``ax`` (a new figure when None) and
    returns the Figure."""
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 4.5))
    mu_star = df["mu_star"].to_numpy(dtype=np.float64)
    sigma = np.nan_to_num(df["sigma"].to_numpy(dtype=np.float64))
    low = df["mu_star_low"].to_numpy(dtype=np.float64)
    high = df["mu_star_high"].to_numpy(dtype=np.float64)
    err = None
    if np.isfinite(low).any():
        err = np.nan_to_num(np.vstack([np.clip(mu_star - low, 0, None), np.clip(high - mu_star, 0, None)]))
    ax.errorbar(mu_star, sigma, xerr=err, fmt="o", capsize=3, label=tr("parameter (whiskers: interval of mu*)"))
    for name, xv, yv in zip(df["parameter"], mu_star, sigma):
        ax.annotate(str(name), (xv, yv), xytext=(4, 4), textcoords="offset points", fontsize="small")
    top = float(np.nanmax(np.r_[mu_star, sigma, high[np.isfinite(high)], 0.0])) or 1.0
    ax.plot([0, top * 1.05], [0, top * 1.05], linestyle="--", color="grey", linewidth=0.8, label=tr("sigma = mu*"))
    ax.set_xlim(0, top * 1.1)
    ax.set_ylim(0, top * 1.1)
    ax.set_xlabel(tr("mu*: mean |effect| of moving the parameter over its range"))
    ax.set_ylabel(tr("sigma: spread of the effects"))
    ax.set_title(_title(df, tr("Morris screening")), fontsize="medium")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize="small")
    ax.figure.tight_layout()
    return ax.figure
