"""Sobol and Morris sensitivity indices (analysis.sensitivity) against functions whose indices
are known, and through synthetic sweep files written here with h5py (the layout of
`tsunagi sweep`, see analysis/sensitivity.py). Needs no tsunagi binary."""

import h5py
import matplotlib.figure
import numpy as np
import pandas as pd
import pytest
from scipy.stats import qmc

import analysis
from analysis import sensitivity

# -- Ishigami function: known indices ------------------------------------------------------------

A, B = 7.0, 0.1
NAMES = ["x1", "x2", "x3"]


def ishigami(x):
    """Ishigami & Homma (1990): sin x1 + a sin^2 x2 + b x3^4 sin x1, inputs uniform on [-pi, pi]."""
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_truth():
    """Exact (S1, ST) from the variance decomposition (Saltelli et al. 2008, section 4.7)."""
    pi = np.pi
    v = A**2 / 8 + B * pi**4 / 5 + B**2 * pi**8 / 18 + 0.5
    v1 = (1 + B * pi**4 / 5) ** 2 / 2
    v2 = A**2 / 8
    v13 = B**2 * pi**8 * (1 / 18 - 1 / 50)
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def saltelli(n_log2, seed):
    """Saltelli design on [-pi, pi]^3 from a scrambled Sobol sequence in 6 dimensions:
    A (n, 3), B (n, 3) and the outputs y_a, y_b, y_ab (n, 3)."""
    u = qmc.Sobol(d=6, scramble=True, seed=seed).random_base2(n_log2)
    x = -np.pi + 2 * np.pi * u
    a, b = x[:, :3], x[:, 3:]
    ab = np.stack([np.where(np.arange(3) == i, b, a) for i in range(3)])  # (3, n, 3): AB_i
    y_ab = np.column_stack([ishigami(ab[i]) for i in range(3)])
    return a, b, ab, ishigami(a), ishigami(b), y_ab


def test_ishigami_truth_matches_published_values():
    s1, st = ishigami_truth()
    np.testing.assert_allclose(s1, [0.3139, 0.4424, 0.0], atol=1e-4)
    np.testing.assert_allclose(st, [0.5576, 0.4424, 0.2437], atol=1e-4)


def test_sobol_indices_of_ishigami():
    _, _, _, y_a, y_b, y_ab = saltelli(12, seed=2024)  # N = 4096 base rows
    df = sensitivity.sobol_indices(y_a, y_b, y_ab, NAMES, bootstrap=1000, seed=1)
    s1, st = ishigami_truth()
    assert list(df.columns) == sensitivity.SOBOL_COLUMNS
    assert list(df["parameter"]) == NAMES
    np.testing.assert_allclose(df["S1"], s1, atol=0.02)
    np.testing.assert_allclose(df["ST"], st, atol=0.02)
    # The intervals cover the truth and are informative (narrower than +-0.06).
    for name, truth in (("S1", s1), ("ST", st)):
        assert (df[f"{name}_low"] <= truth).all() and (truth <= df[f"{name}_high"]).all(), df
        assert (df[f"{name}_high"] - df[f"{name}_low"] < 0.12).all(), df
        assert (df[f"{name}_low"] <= df[name]).all() and (df[name] <= df[f"{name}_high"]).all()


def test_sobol_indices_do_not_depend_on_the_outputs_mean():
    # A constant added to the output changes no index (the estimator centres the outputs;
    # uncentred, Saltelli's first-order estimator is off by 0.16 for x3 here at N = 512).
    _, _, _, y_a, y_b, y_ab = saltelli(9, seed=7)
    plain = sensitivity.sobol_indices(y_a, y_b, y_ab, NAMES, bootstrap=0)
    shifted = sensitivity.sobol_indices(y_a + 1000.0, y_b + 1000.0, y_ab + 1000.0, NAMES, bootstrap=0)
    np.testing.assert_allclose(shifted["S1"], plain["S1"], atol=1e-9)
    np.testing.assert_allclose(shifted["ST"], plain["ST"], atol=1e-9)
    s1, _ = ishigami_truth()
    np.testing.assert_allclose(shifted["S1"], s1, atol=0.1)


def test_sobol_bootstrap_intervals_have_their_coverage():
    """Plain Monte Carlo samples, 20 independent designs: the 90% intervals cover the truth
    about 90% of the time, and their width matches the spread of the estimates."""
    s1, st = ishigami_truth()
    truth = np.r_[s1, st]
    rng = np.random.default_rng(7)
    n, reps = 400, 20
    covered, estimates, widths = [], [], []
    for _ in range(reps):
        a = rng.uniform(-np.pi, np.pi, (n, 3))
        b = rng.uniform(-np.pi, np.pi, (n, 3))
        y_ab = np.column_stack([ishigami(np.where(np.arange(3) == i, b, a)) for i in range(3)])
        df = sensitivity.sobol_indices(ishigami(a), ishigami(b), y_ab, NAMES, bootstrap=400, confidence=0.9,
                                       seed=int(rng.integers(1 << 30)))
        low = df[["S1_low", "ST_low"]].to_numpy().T.ravel()
        high = df[["S1_high", "ST_high"]].to_numpy().T.ravel()
        covered.append((low <= truth) & (truth <= high))
        estimates.append(df[["S1", "ST"]].to_numpy().T.ravel())
        widths.append(high - low)
    assert np.mean(covered) >= 0.8, np.mean(covered, axis=0)
    # A 90% interval of a normal estimate spans 2 * 1.645 standard deviations.
    ratio = np.mean(widths, axis=0) / (2 * 1.645 * np.std(estimates, axis=0, ddof=1))
    assert ((ratio > 0.6) & (ratio < 1.6)).all(), ratio


def test_sobol_indices_without_bootstrap_and_checks():
    _, _, _, y_a, y_b, y_ab = saltelli(6, seed=3)
    df = sensitivity.sobol_indices(y_a, y_b, y_ab, NAMES, bootstrap=0)
    assert df[["S1_low", "S1_high", "ST_low", "ST_high"]].isna().all().all()
    assert df[["S1", "ST"]].notna().all().all()
    with pytest.raises(ValueError, match="shape"):
        sensitivity.sobol_indices(y_a, y_b, y_ab[:, :2], NAMES)
    bad = y_a.copy()
    bad[3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        sensitivity.sobol_indices(bad, y_b, y_ab, NAMES)
    with pytest.raises(ValueError, match="zero variance"):
        sensitivity.sobol_indices(np.ones(8), np.ones(8), np.ones((8, 3)), NAMES)
    with pytest.raises(ValueError, match="confidence"):
        sensitivity.sobol_indices(y_a, y_b, y_ab, NAMES, confidence=95)


# -- synthetic sweep files -----------------------------------------------------------------------


def write_sweep(path, design, parameters, lower, upper, values, outputs, status, design_data=(),
                design_attrs=(), **root):
    """A sweep file as `tsunagi sweep` writes it: outputs maps name -> (N, R) replicate values."""
    with h5py.File(path, "w") as f:
        attrs = {"schema": "tsunagi", "schema_version": 1, "file_type": "sweep", "design": design,
                 "sweep_name": "test", "seed": 42, "replicates": next(iter(outputs.values())).shape[1]}
        attrs.update(root)
        for key, value in attrs.items():
            if value is not None:
                f.attrs[key] = value
        g = f.create_group("design")
        g.create_dataset("parameter", data=np.array(parameters, dtype=object), dtype=h5py.string_dtype("utf-8"))
        g.create_dataset("lower", data=np.asarray(lower, dtype=np.float64))
        g.create_dataset("upper", data=np.asarray(upper, dtype=np.float64))
        g.create_dataset("values", data=np.asarray(values, dtype=np.float64))
        g.create_dataset("status", data=np.asarray(status, dtype=np.int8))
        for name, data in dict(design_data).items():
            g.create_dataset(name, data=np.asarray(data, dtype=np.int32))
        for key, value in dict(design_attrs).items():
            g.attrs[key] = value
        for name, reps in outputs.items():
            o = f.create_group(f"outputs/{name}")
            o.create_dataset("values", data=reps, chunks=(min(256, reps.shape[0]), 1))
            o.create_dataset("mean", data=reps.mean(axis=1))
    return path


def sobol_file(path, n_log2, failed=(), seed=11):
    """An Ishigami sweep of design "sobol" (2 replicates: y +- 0.5, so the mean is y), points
    shuffled; ``failed`` lists (base_row, block) points marked failed. Returns the path and
    the (y_a, y_b, y_ab) arrays by base row."""
    a, b, ab, y_a, y_b, y_ab = saltelli(n_log2, seed)
    n = a.shape[0]
    values = np.concatenate([a, b, *ab])  # block-major: A, B, AB_0, AB_1, AB_2
    y = np.concatenate([y_a, y_b, *y_ab.T])
    block = np.repeat(np.arange(5), n)
    base_row = np.tile(np.arange(n), 5)
    status = np.zeros(y.size, dtype=np.int8)
    for row, blk in failed:
        status[(base_row == row) & (block == blk)] = 1
    reps = np.column_stack([y + 0.5, y - 0.5])
    reps[status == 1] = np.nan
    order = np.random.default_rng(seed).permutation(y.size)
    other = np.column_stack([values[:, 0], values[:, 0]])  # a second output, never needed here
    write_sweep(path, "sobol", NAMES, [-np.pi] * 3, [np.pi] * 3, values[order],
                {"y": reps[order], "z": other[order]}, status[order],
                design_data={"block": block[order], "base_row": base_row[order]},
                design_attrs={"base_samples": n})
    return path, (y_a, y_b, y_ab)


def test_sobol_from_file_with_shuffled_points_and_a_failed_point(tmp_path, h5_reads):
    path, (y_a, y_b, y_ab) = sobol_file(tmp_path / "sobol.h5", n_log2=10, failed=[(17, 3)])
    h5_reads.clear()
    df = sensitivity.sobol(path, "y", bootstrap=200, seed=5)
    keep = np.arange(y_a.size) != 17
    expected = sensitivity.sobol_indices(y_a[keep], y_b[keep], y_ab[keep], NAMES, bootstrap=200, seed=5)
    pd.testing.assert_frame_equal(df, expected, check_exact=False, rtol=1e-12)
    assert df.attrs["dropped_base_rows"] == 1
    assert df.attrs["failed_points"] == 1
    assert df.attrs["base_rows"] == y_a.size - 1
    assert df.attrs["file"] == str(path) and df.attrs["output"] == "y" and df.attrs["design"] == "sobol"
    assert df.attrs["seed"] == 42 and df.attrs["bootstrap_seed"] == 5  # the sweep's seed, the resampling's
    s1, st = ishigami_truth()
    np.testing.assert_allclose(df["S1"], s1, atol=0.05)
    np.testing.assert_allclose(df["ST"], st, atol=0.05)
    # (Jansen's ST of x1 is the noisiest: about +-0.09 at 512 base rows, +-0.03 at 1024.)
    # Only what is needed is read: not the parameter values, not the other output, not the replicates.
    read = {name for name, _ in h5_reads.selections}
    assert "/outputs/y/mean" in read
    assert not read & {"/design/values", "/outputs/y/values", "/outputs/z/mean", "/outputs/z/values"}, read


def test_sobol_from_file_of_one_replicate_reads_one_column(tmp_path, h5_reads):
    path, (y_a, y_b, y_ab) = sobol_file(tmp_path / "sobol.h5", n_log2=6)
    h5_reads.clear()
    df = sensitivity.sobol(path, "y", statistic=1, bootstrap=0)  # replicate 1 is y - 0.5
    h5_reads.assert_selective("/outputs/y/values")
    expected = sensitivity.sobol_indices(y_a - 0.5, y_b - 0.5, y_ab - 0.5, NAMES, bootstrap=0)
    np.testing.assert_allclose(df["S1"], expected["S1"], rtol=1e-12)
    np.testing.assert_allclose(df["ST"], expected["ST"], rtol=1e-12)
    assert df.attrs["dropped_base_rows"] == 0
    with pytest.raises(IndexError, match="replicate 2"):
        sensitivity.sobol(path, "y", statistic=2)


def test_sobol_from_file_of_other_statistics(tmp_path, h5_reads):
    path, (y_a, y_b, y_ab) = sobol_file(tmp_path / "sobol.h5", n_log2=6)
    with h5py.File(path, "r+") as f:  # a stored per-point summary, as `tsunagi sweep` may write
        f["outputs/z/p50"] = 2.0 * f["outputs/y/mean"][()]
    h5_reads.clear()
    df = sensitivity.sobol(path, "z", statistic="p50", bootstrap=0)
    assert {name for name, _ in h5_reads.selections} & {"/outputs/z/values", "/outputs/y/mean"} == set()
    expected = sensitivity.sobol_indices(y_a, y_b, y_ab, NAMES, bootstrap=0)  # indices do not change with scale
    np.testing.assert_allclose(df[["S1", "ST"]], expected[["S1", "ST"]], rtol=1e-12)
    # The spread over replicates is 0.5 * sqrt(2) everywhere: a constant output has no indices.
    with pytest.raises(ValueError, match="zero variance") as info:
        sensitivity.sobol(path, "y", statistic="std")
    assert str(path) in str(info.value)
    with pytest.raises(ValueError, match="statistic") as info:
        sensitivity.sobol(path, "y", statistic="p99")
    assert str(path) in str(info.value)


def test_sobol_from_file_with_every_base_row_failed(tmp_path):
    path, _ = sobol_file(tmp_path / "sobol.h5", n_log2=1, failed=[(0, 0), (1, 4)])
    with pytest.raises(ValueError) as info:
        sensitivity.sobol(path, "y")
    assert str(path) in str(info.value) and "2 of 2 base rows" in str(info.value)


def test_sobol_file_with_a_duplicated_point(tmp_path):
    path, _ = sobol_file(tmp_path / "sobol.h5", n_log2=2)
    with h5py.File(path, "r+") as f:
        block = f["design/block"][()]
        row = f["design/base_row"][()]
        k = int(np.flatnonzero(block == 2)[0])
        j = int(np.flatnonzero((block == 3) & (row == row[k]))[0])
        block[j] = 2
        f["design/block"][...] = block
    with pytest.raises(analysis.SchemaError) as info:
        sensitivity.sobol(path, "y")
    assert str(path) in str(info.value) and f"base row {row[k]}" in str(info.value)


# -- Morris --------------------------------------------------------------------------------------

LOWER = np.array([0.0, -1.0, 10.0, 0.5])
UPPER = np.array([1.0, 1.0, 30.0, 0.75])
M_NAMES = ["a", "b", "c", "d"]


def morris_design(r, seed, levels=4):
    """r Morris trajectories (Morris 1991) on a grid of ``levels`` levels, step
    delta = levels / (2 (levels - 1)) of the range, each parameter moved once per trajectory
    (up when it stays in range, else down), in a random order. Returns values, trajectory,
    changed in file order."""
    rng = np.random.default_rng(seed)
    p = LOWER.size
    delta = levels / (2 * (levels - 1))
    grid = np.arange(levels) / (levels - 1)
    rows, traj, changed = [], [], []
    for t in range(r):
        x = rng.choice(grid, size=p)
        rows.append(x.copy())
        traj.append(t)
        changed.append(-1)
        for i in rng.permutation(p):
            x[i] = x[i] + delta if x[i] + delta <= 1 + 1e-12 else x[i] - delta
            rows.append(x.copy())
            traj.append(t)
            changed.append(i)
    return LOWER + np.array(rows) * (UPPER - LOWER), np.array(traj), np.array(changed)


def test_morris_linear_model_is_exact():
    values, traj, changed = morris_design(12, seed=1)
    c = np.array([3.0, -2.0, 0.25, 0.0])
    y = values @ c + 1.0
    df = sensitivity.morris_indices(values, y, traj, changed, LOWER, UPPER, M_NAMES, bootstrap=300)
    assert list(df.columns[:6]) == sensitivity.MORRIS_COLUMNS
    width = UPPER - LOWER
    np.testing.assert_allclose(df["mu_star"], np.abs(c) * width, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(df["mu"], c * width, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(df["sigma"], 0.0, atol=1e-9)
    np.testing.assert_allclose(df["mu_star_per_unit"], np.abs(c), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(df["mu_star_low"], df["mu_star"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(df["mu_star_high"], df["mu_star"], rtol=1e-9, atol=1e-12)
    assert (df["effects"] == 12).all()


def test_morris_interaction_gives_sigma_to_the_interacting_parameters_only():
    values, traj, changed = morris_design(30, seed=2)
    a, b, c, d = values.T
    y = 2 * a + b + 0.3 * b * c - 4 * d
    df = sensitivity.morris_indices(values, y, traj, changed, LOWER, UPPER, M_NAMES, bootstrap=500).set_index(
        "parameter")
    assert df.loc["b", "sigma"] > 0.5 and df.loc["c", "sigma"] > 0.5, df
    np.testing.assert_allclose(df.loc[["a", "d"], "sigma"], 0.0, atol=1e-9)
    # The effect of b over its range is (1 + 0.3 c) * 2 with c in 10..30: between 8 and 20.
    assert 8 - 1e-9 <= df.loc["b", "mu_star"] <= 20 + 1e-9
    assert df.loc["b", "mu_star_low"] < df.loc["b", "mu_star"] < df.loc["b", "mu_star_high"]


def test_morris_rejects_arrays_that_are_not_trajectories():
    values, traj, changed = morris_design(3, seed=3)
    y = values.sum(axis=1)
    bad = changed.copy()
    bad[0] = 2
    with pytest.raises(ValueError, match="expected -1"):
        sensitivity.morris_indices(values, y, traj, bad, LOWER, UPPER, M_NAMES)
    bad = changed.copy()
    bad[1] = (changed[1] + 1) % 4  # names a parameter that did not move
    with pytest.raises(ValueError, match="same value|one parameter"):
        sensitivity.morris_indices(values, y, traj, bad, LOWER, UPPER, M_NAMES)
    split = traj.copy()
    split[-1] = 0  # trajectory 0 again at the end
    with pytest.raises(ValueError, match="not consecutive"):
        sensitivity.morris_indices(values, y, split, changed, LOWER, UPPER, M_NAMES)


def morris_file(path, r=10, failed_point=None):
    values, traj, changed = morris_design(r, seed=4)
    y = values @ np.array([1.0, 2.0, -0.5, 8.0]) + values[:, 0] * values[:, 3]
    status = np.zeros(y.size, dtype=np.int8)
    reps = np.column_stack([y, y])
    if failed_point is not None:
        status[failed_point] = 1
        reps[failed_point] = np.nan
    write_sweep(path, "morris", M_NAMES, LOWER, UPPER, values, {"y": reps}, status,
                design_data={"trajectory": traj, "changed": changed},
                design_attrs={"levels": 4, "trajectories": r})
    return path, (values, traj, changed, y)


def test_morris_from_file_drops_a_failed_trajectory(tmp_path):
    path, (values, traj, changed, y) = morris_file(tmp_path / "morris.h5", failed_point=12)
    df = sensitivity.morris(path, "y", bootstrap=200, seed=9)
    keep = traj != traj[12]
    expected = sensitivity.morris_indices(values[keep], y[keep], traj[keep], changed[keep], LOWER, UPPER, M_NAMES,
                                          bootstrap=200, seed=9)
    pd.testing.assert_frame_equal(df, expected, check_exact=False, rtol=1e-12)
    assert df.attrs["dropped_trajectories"] == 1 and df.attrs["failed_points"] == 1
    assert (df["effects"] == 9).all()
    assert df.attrs["file"] == str(path) and df.attrs["design"] == "morris"


# -- bad files -----------------------------------------------------------------------------------


def test_wrong_file_type(tmp_path):
    path, _ = sobol_file(tmp_path / "run.h5", n_log2=2)
    with h5py.File(path, "r+") as f:
        f.attrs["file_type"] = "run"
    with pytest.raises(analysis.SchemaError) as info:
        sensitivity.sobol(path, "y")
    message = str(info.value)
    assert str(path) in message and "'run'" in message and "'sweep'" in message
    with h5py.File(path, "r+") as f:
        del f.attrs["file_type"]
    with pytest.raises(analysis.SchemaError, match="no root attribute 'file_type'") as info:
        sensitivity.morris(path, "y")
    assert str(path) in str(info.value)


def test_wrong_schema_and_not_hdf5(tmp_path):
    path, _ = sobol_file(tmp_path / "v2.h5", n_log2=2)
    with h5py.File(path, "r+") as f:
        f.attrs["schema_version"] = 2
    with pytest.raises(analysis.SchemaError, match="schema_version is 2") as info:
        sensitivity.sobol(path, "y")
    assert str(path) in str(info.value)
    text = tmp_path / "notes.h5"
    text.write_text("not hdf5")
    with pytest.raises(analysis.SchemaError, match="not an HDF5 file") as info:
        sensitivity.sobol(text, "y")
    assert str(text) in str(info.value)


def test_design_that_does_not_fit_the_method(tmp_path):
    morris_path, _ = morris_file(tmp_path / "morris.h5")
    with pytest.raises(ValueError) as info:
        sensitivity.sobol(morris_path, "y")
    message = str(info.value)
    assert str(morris_path) in message and "'morris'" in message and "'sobol'" in message and "morris()" in message
    grid = tmp_path / "grid.h5"
    write_sweep(grid, "grid", ["a"], [0.0], [1.0], np.linspace(0, 1, 5)[:, None], {"y": np.ones((5, 1))},
                np.zeros(5))
    for function in (sensitivity.sobol, sensitivity.morris):
        with pytest.raises(ValueError) as info:
            function(grid, "y")
        assert str(grid) in str(info.value) and "'grid'" in str(info.value)


def test_unknown_output(tmp_path):
    path, _ = sobol_file(tmp_path / "sobol.h5", n_log2=2)
    with pytest.raises(KeyError) as info:
        sensitivity.sobol(path, "coverage")
    message = str(info.value)
    assert str(path) in message and "'coverage'" in message and "available: y, z" in message


# -- charts --------------------------------------------------------------------------------------


def test_plot_sobol(tmp_path):
    path, _ = sobol_file(tmp_path / "sobol.h5", n_log2=8)
    df = sensitivity.sobol(path, "y", bootstrap=100)
    fig = sensitivity.plot_sobol(df)
    assert isinstance(fig, matplotlib.figure.Figure)
    ax = fig.axes[0]
    widths = {name: [p.get_width() for p in ax.patches if p.get_gid() == name] for name in ("S1", "ST")}
    np.testing.assert_allclose(widths["S1"], df["S1"])
    np.testing.assert_allclose(widths["ST"], df["ST"])
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == NAMES
    assert [t.get_position()[1] for t in labels] == [2, 1, 0]  # table order, top to bottom
    assert len(ax.containers) == 4  # two bar containers and two error bars
    fig.savefig(tmp_path / "sobol.png")
    sensitivity._pyplot().close(fig)


def _sobol_table(names):
    """A Sobol table (the columns sensitivity.sobol returns) with made-up indices."""
    k = np.arange(len(names), dtype=np.float64)
    s1 = 0.5 / (1.0 + k)
    st = s1 + 0.1
    return pd.DataFrame({"parameter": names, "S1": s1, "S1_low": s1 - 0.05, "S1_high": s1 + 0.05,
                         "ST": st, "ST_low": st - 0.05, "ST_high": st + 0.05})


def _overlapping_labels(fig, ax):
    """Pairs of tick labels (both axes) whose rendered bounding boxes overlap, and labels that
    leave the figure, measured with the Agg renderer."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    drawn = [t for t in ax.get_xticklabels() if x0 <= t.get_position()[0] <= x1]  # ticks in view only
    drawn += [t for t in ax.get_yticklabels() if y0 <= t.get_position()[1] <= y1]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn if t.get_visible() and t.get_text()]
    overlaps = [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:] if box_a.overlaps(box_b)]
    page = fig.bbox
    outside = [a for a, box in boxes if box.x0 < page.x0 - 0.5 or box.x1 > page.x1 + 0.5
               or box.y0 < page.y0 - 0.5 or box.y1 > page.y1 + 0.5]
    return overlaps, outside


@pytest.mark.parametrize("names", [
    NAMES,
    ["development.kikan.work_rate", "advisers.hours_per_month", "development.kikan.readiness_threshold",
     "advisers.count", "development.kyoten.work_rate", "peers.influence", "rotation.probability_per_year",
     "budget.approval_probability", "development.council.activation_rate", "shocks.covid_freeze_share",
     "advisers.travel_hours_per_visit", "development.multi_layered.work_rate"],
])
def test_plot_sobol_labels_do_not_overlap(names, tmp_path):
    """Long parameter names, a dozen of them: no two tick labels overlap and none leaves the
    figure, on a figure of its own and on one of two axes sharing y (notebook 02)."""
    plt = sensitivity._pyplot()
    df = _sobol_table(names)
    fig = sensitivity.plot_sobol(df)
    assert _overlapping_labels(fig, fig.axes[0]) == ([], [])
    plt.close(fig)
    fig, axes = plt.subplots(1, 2, figsize=(14, 4.5), sharey=True)
    for ax in axes:
        sensitivity.plot_sobol(df, ax=ax)
    fig.tight_layout()
    for ax in axes:
        assert _overlapping_labels(fig, ax) == ([], [])
        assert [t.get_text() for t in axes[0].get_yticklabels()] == names
    plt.close(fig)


def test_plot_morris_on_given_axes(tmp_path):
    path, _ = morris_file(tmp_path / "morris.h5")
    df = sensitivity.morris(path, "y", bootstrap=100)
    fig0, ax = sensitivity._pyplot().subplots()  # pyplot on the backend the module chose
    fig = sensitivity.plot_morris(df, ax=ax)
    assert fig is fig0
    labels = {t.get_text() for t in ax.texts}
    assert labels == set(M_NAMES)
    xy = ax.lines[0].get_xydata()  # the points of the error-bar plot
    np.testing.assert_allclose(xy[:, 0], df["mu_star"])
    np.testing.assert_allclose(xy[:, 1], df["sigma"].fillna(0.0))
    fig.savefig(tmp_path / "morris.png")
    sensitivity._pyplot().close(fig)
