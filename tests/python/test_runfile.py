"""The analysis package against a real result file (scenarios/oita.toml, 6 replicates)."""

import h5py
import numpy as np
import pandas as pd
import pytest

import analysis

R, M = 6, 18


@pytest.fixture(scope="module")
def run_path(oita_run):
    return oita_run


# -- schema check -----------------------------------------------------------------------------


def test_schema_constants_come_from_the_generated_module():
    # analysis/_schema.py is generated from sim/output/schema.cpp (the ctest
    # schema_generated_files checks it is current); the package copies nothing by hand.
    from analysis import _schema

    assert analysis.SCHEMA_NAME == _schema.SCHEMA_NAME == "tsunagi"
    assert analysis.SCHEMA_VERSION == _schema.FILE_TYPES["run"]["version"] == 1
    assert analysis.FILE_TYPES == {name: t["version"] for name, t in _schema.FILE_TYPES.items()}


def test_schema_accepts_real_file(oita_run):
    with h5py.File(oita_run, "r") as f:
        analysis.schema.check_file(f, str(oita_run))  # must not raise
    with analysis.open_run(oita_run) as r:
        assert r.attrs["schema"] == "tsunagi"
        assert r.attrs["schema_version"] == 1


def _small_file(path, **attrs):
    with h5py.File(path, "w") as f:
        for k, v in attrs.items():
            f.attrs[k] = v
        f.create_dataset("x", data=np.arange(3))
    return path


@pytest.mark.parametrize(
    "attrs, found, expected",
    [
        ({"schema": "other", "schema_version": 1}, "'other'", "'tsunagi'"),
        ({"schema": "tsunagi", "schema_version": 2}, "2", "expected 1"),
        ({"schema": "tsunagi"}, "no root attribute 'schema_version'", "'run' (schema_version 1)"),
        ({}, "no root attribute 'schema'", "'tsunagi'"),
    ],
    ids=["schema-other", "version-2", "no-version", "plain-hdf5"],
)
def test_schema_rejects(tmp_path, attrs, found, expected):
    path = _small_file(tmp_path / "bad.h5", **attrs)
    with pytest.raises(analysis.SchemaError) as info:
        analysis.open_run(path)
    message = str(info.value)
    assert str(path) in message
    assert found in message
    assert expected in message
    assert isinstance(info.value, ValueError)
    with h5py.File(path, "r") as f, pytest.raises(analysis.SchemaError):
        analysis.schema.check_file(f, str(path))
    # The rejected file was closed again: it can be reopened for writing.
    with h5py.File(path, "a"):
        pass


def test_open_rejects_non_hdf5(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a result file\n")
    with pytest.raises(analysis.SchemaError, match="notes.txt"):
        analysis.open_run(text)


def test_context_manager_closes(oita_run):
    with analysis.open_run(oita_run) as r:
        assert isinstance(r, analysis.RunFile)
        assert len(r.dates) > 0
    assert "closed" in repr(r)
    with pytest.raises(Exception):
        r.series("kikan_coverage")


# -- axes and metadata ------------------------------------------------------------------------


def test_attrs_decoded(run):
    attrs = run.attrs
    assert attrs["scenario_name"] == "oita"
    assert attrs["replicates"] == R
    assert attrs["seed"] == 20240401
    assert attrs["file_type"] == "run"
    assert all(not isinstance(v, bytes) for v in attrs.values())
    assert isinstance(run.scenario_toml, str)
    assert "[scenario]" in run.scenario_toml and "大分市" in run.scenario_toml


def test_dates(run):
    d = run.dates
    assert isinstance(d, pd.DatetimeIndex)
    assert d[0] == pd.Timestamp("2024-04-01")
    assert d[-1] == pd.Timestamp("2031-04-01")
    # day 1 of every month, and the target date (output.target_date, the end of FY2026)
    assert list(d[d.day != 1]) == [pd.Timestamp("2027-03-31")]
    assert d.is_monotonic_increasing and d.is_unique
    # one record per month, none skipped: 7 fiscal years of 12 months, the target, the closing record
    monthly = d[d.day == 1]
    assert len(monthly) == 7 * 12 + 1 and len(d) == len(monthly) + 1
    assert (pd.Series(monthly).diff().dropna().dt.days.between(28, 31)).all()


def test_municipalities(run):
    m = run.municipalities
    assert len(m) == M
    assert m.index.name == "code"
    assert list(m.columns) == ["name", "prefecture_code", "region", "population", "island", "travel_hours"]
    assert m.index.is_unique
    assert all(len(c) == 5 and c.startswith("44") for c in m.index)
    assert m.loc["44201", "name"] == "大分市"
    assert m.loc["44201", "population"] == 475852
    assert bool(m.loc["44322", "island"]) is True
    assert m.loc["44322", "travel_hours"] == 2.5
    assert (m["prefecture_code"] == "44").all()
    assert m["island"].sum() == 1


def test_shapes(run, raw):
    T = len(run.dates)
    assert raw["series/kikan_stage"].shape == (R, T, M)
    assert raw["series/kikan_coverage"].shape == (R, T)
    assert list(run.replicates) == list(range(R))


def test_series_names_units_descriptions(run, raw):
    names = run.series_names()
    assert names == sorted(raw["series"].keys())
    assert {"kikan_stage", "kikan_coverage", "kikan_municipalities", "adviser_hours_available"} <= set(names)
    for name in names:
        assert isinstance(run.units(name), str) and run.units(name).strip(), name
        assert isinstance(run.description(name), str) and run.description(name).strip(), name
    assert run.units("kikan_coverage") == "fraction"
    assert run.units("adviser_hours_support") == "hours"
    with pytest.raises(KeyError, match="kikan_coverage"):  # lists what is available
        run.units("no_such_series")


def test_stage_labels(run):
    assert run.stage_labels == ["none", "exploring", "designing", "budgeted", "established", "functioning"]
    assert run.labels("kikan_stage") == run.stage_labels
    assert run.labels("kyoten_stage") == ["none", "exploring", "designing", "budgeted", "established"]
    assert run.labels("council_stage") == ["dormant", "active"]
    assert run.labels("multi_layered_stage") == ["none", "model_project", "transition_prep", "implementing"]
    assert run.labels("kikan_mode") == ["none", "direct", "commissioned", "joint"]
    with pytest.raises(KeyError, match="kikan_coverage"):
        run.labels("kikan_coverage")  # not a coded series


# -- series and band --------------------------------------------------------------------------


def test_series_2d_tidy(run, raw):
    T = len(run.dates)
    df = run.series("kikan_coverage")
    assert list(df.columns) == ["replicate", "date", "value"]
    assert len(df) == R * T
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    wide = df.pivot(index="replicate", columns="date", values="value")
    np.testing.assert_array_equal(wide.to_numpy(), raw["series/kikan_coverage"][()])
    assert list(wide.columns) == list(run.dates)


def test_series_3d_tidy(run, raw):
    T = len(run.dates)
    df = run.series("kikan_stage")
    assert list(df.columns) == ["replicate", "date", "municipality", "value"]
    assert len(df) == R * T * M
    np.testing.assert_array_equal(df["value"].to_numpy().reshape(R, T, M), raw["series/kikan_stage"][()])
    row = df[(df.replicate == 3) & (df.date == run.dates[10]) & (df.municipality == "44211")]
    j = list(run.municipalities.index).index("44211")
    assert row["value"].item() == raw["series/kikan_stage"][3, 10, j]


def test_series_selected_replicates(run, raw):
    T = len(run.dates)
    df = run.series("kikan_progress", replicates=[4, 1])
    assert len(df) == 2 * T * M
    assert list(pd.unique(df["replicate"])) == [4, 1]  # in the order asked for
    full = raw["series/kikan_progress"][()]
    assert not np.array_equal(full[4], full[1])  # else the order would not be checked
    np.testing.assert_array_equal(df["value"].to_numpy().reshape(2, T, M), full[[4, 1]])
    one = run.series("kikan_coverage", replicates=2)
    assert len(one) == T and (one["replicate"] == 2).all()
    np.testing.assert_array_equal(one["value"].to_numpy(), raw["series/kikan_coverage"][2])
    with pytest.raises(IndexError):
        run.series("kikan_coverage", replicates=[R])


def test_array_matches_h5py(run, raw):
    for name in ("kikan_coverage", "kikan_stage", "readiness_stocks"):
        full = raw[f"series/{name}"][()]
        a = run.array(name)
        assert a.dtype == full.dtype and a.shape == full.shape, name
        np.testing.assert_array_equal(a, full)
        np.testing.assert_array_equal(run.array(name, replicates=[5, 0, 5]), full[[5, 0, 5]])
    with pytest.raises(KeyError, match="no series named"):
        run.array("kikan_readiness")  # renamed kikan_progress


def test_series_reads_only_requested_replicates(oita_run, h5_reads):
    """series(name, replicates) must select on disk, not read the whole dataset."""
    with analysis.open_run(oita_run) as r:
        r.dates, r.municipalities, r.replicates  # axes may be read whole
        h5_reads.clear()
        r.series("kikan_stage", replicates=[1, 3])
    h5_reads.assert_selective("/series/kikan_stage")


def test_band_matches_numpy(run, raw):
    x = raw["series/kikan_coverage"][()]
    b = run.band("kikan_coverage")
    assert list(b.columns) == ["mean", "low", "high"]
    assert b.index.equals(run.dates)
    np.testing.assert_allclose(b["mean"].to_numpy(), x.sum(axis=0) / R, rtol=0, atol=1e-15)
    np.testing.assert_allclose(b["low"].to_numpy(), np.quantile(x, 0.05, axis=0), rtol=0, atol=0)
    np.testing.assert_allclose(b["high"].to_numpy(), np.quantile(x, 0.95, axis=0), rtol=0, atol=0)
    # Type 7 by hand at one date: h = q (n - 1), interpolate between order statistics.
    t = list(run.dates).index(pd.Timestamp("2025-04-01"))
    v = np.sort(x[:, t])
    h = 0.05 * (R - 1)
    lo = int(np.floor(h))
    assert b["low"].iloc[t] == pytest.approx(v[lo] + (h - lo) * (v[lo + 1] - v[lo]), abs=1e-12)
    assert (b["low"] <= b["mean"] + 1e-12).all() and (b["mean"] <= b["high"] + 1e-12).all()
    wide = run.band("kikan_coverage", low=0.0, high=1.0)
    np.testing.assert_array_equal(wide["low"].to_numpy(), x.min(axis=0))
    np.testing.assert_array_equal(wide["high"].to_numpy(), x.max(axis=0))


def test_band_rejects_3d(run):
    with pytest.raises(ValueError, match="[Aa]ggregate"):
        run.band("kikan_stage")


def test_band_rejects_bad_quantiles(run):
    with pytest.raises(ValueError):
        run.band("kikan_coverage", low=0.9, high=0.1)


# -- model invariants visible in the output ---------------------------------------------------


def test_coverage_is_established_count_over_municipalities(raw):
    count = raw["series/kikan_municipalities"][()]
    coverage = raw["series/kikan_coverage"][()]
    assert np.array_equal(coverage, count / M)
    stage = raw["series/kikan_stage"][()]
    # a 基幹 exists from "established" (4) on: established or functioning (5)
    assert np.array_equal(count, (stage >= 4).sum(axis=2))
    assert (stage == 5).any() and (stage == 4).any()  # both count, so the comparison is not == 4


# Stage code from which a municipality has the institution (sim/model/institution.hpp kCoveredFrom).
COVERED_FROM = {"kikan": 4, "kyoten": 4, "council": 1, "multi_layered": 3}


@pytest.mark.parametrize("inst", list(COVERED_FROM))
def test_institution_counts_and_coverage(run, raw, inst):
    stage = raw[f"series/{inst}_stage"][()]
    has = stage >= COVERED_FROM[inst]
    count = raw[f"series/{inst}_municipalities"][()]
    np.testing.assert_array_equal(count, has.sum(axis=2))
    np.testing.assert_array_equal(raw[f"series/{inst}_coverage"][()], count / M)
    population = run.municipalities["population"].to_numpy(dtype=np.float64)
    np.testing.assert_allclose(raw[f"series/{inst}_population_coverage"][()],
                               (has * population).sum(axis=2) / population.sum(), rtol=1e-12)
    assert (f"{inst}_progress" in raw["series"]) == (inst != "council")  # the council has no project


def test_stages_in_range_and_monotone(run, raw):
    for inst in ("kikan", "kyoten", "council", "multi_layered"):
        stage = raw[f"series/{inst}_stage"][()]
        assert stage.min() >= 0 and stage.max() < len(run.labels(f"{inst}_stage")), inst
        if inst != "council":  # ladders never go down; a council may go back to dormant
            assert (np.diff(stage.astype(np.int16), axis=1) >= 0).all(), f"a municipality's {inst} stage went down"
    stage = raw["series/kikan_stage"][()]
    # the scenario's initial state: 5 with a 基幹, 7 designing at the first record
    first = stage[:, 0, :]
    assert ((first >= 4).sum(axis=1) == 5).all()
    assert ((first == 2).sum(axis=1) == 7).all()


ACTIVITIES = ["visit", "council", "online", "group_event", "liaison", "travel", "idle"]


def test_adviser_hours_add_up(raw):
    s = raw["series"]
    available = s["adviser_hours_available"][()]
    parts = {a: s[f"adviser_hours_{a}"][()] for a in ACTIVITIES}
    np.testing.assert_allclose(sum(parts.values()), available, rtol=1e-6, atol=0)
    np.testing.assert_allclose(s["adviser_hours_support"][()], parts["visit"] + parts["council"] + parts["online"],
                               rtol=1e-12, atol=0)
    assert available.shape == (R, s["kikan_coverage"].shape[1])
    assert all((p >= 0).all() for p in parts.values())
    assert available[:, 1:].min() > 0  # advisers have hours every month after the first record
    assert parts["visit"].sum() > 0 and parts["idle"].sum() > 0


def test_adviser_hours_by_municipality_add_up(run, raw):
    s = raw["series"]
    assert run.axes["municipal_activity"] == ["visit", "council", "online", "travel"]
    by_m = s["adviser_hours_by_municipality"][()].astype(np.float64)  # (R, T, M, activity)
    assert by_m.shape == (R, len(run.dates), M, 4) and (by_m >= 0).all()
    for k, a in enumerate(run.axes["municipal_activity"]):  # float32 per municipality
        np.testing.assert_allclose(by_m[..., k].sum(axis=2), s[f"adviser_hours_{a}"][()], rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(s["adviser_support_hours"][()], by_m[..., :3].sum(axis=3), rtol=1e-6, atol=1e-6)
    visits = s["municipality_visits"][()].astype(np.float64)
    assert (visits >= 0).all()
    np.testing.assert_allclose(s["adviser_visits"][()], visits.sum(axis=2), rtol=1e-5, atol=1e-4)
    # travel hours only where someone went in person, and every visit costs travel
    np.testing.assert_array_equal(by_m[..., 3] > 0, visits > 0)
