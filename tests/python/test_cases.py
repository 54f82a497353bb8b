"""Case-flow outputs (4-D series with category axes) through the analysis package and h5py:
scenarios/oita.toml with an empty [cases] table (every case default), 3 replicates."""

import h5py
import numpy as np
import pandas as pd
import pytest

import analysis

R, M = 3, 18
AGENCIES = ["plan_provider", "commissioned", "kikan", "houkatsu", "jiritsu", "child_family", "hub", "conference"]
EXITS = ["resolved", "handed_over", "moved_away", "died", "unresolved", "dropped_out", "gave_up"]
CHANNELS = ["self_referral", "community", "agency_referral", "outreach", "administrative"]
NEEDS = ["disability", "elderly", "child_family", "hardship", "mental_health", "withdrawal", "8050", "double_care",
         "multi_problem"]
ESTABLISHED = 4  # kikan_stage code of an established 基幹; 5 (functioning) has one too
DEVELOPMENT_AXES = {"readiness_stock": ["assessment", "community", "internal", "ties", "coordinator"],
                    "municipal_activity": ["visit", "council", "online", "travel"]}  # in every file


@pytest.fixture(scope="module")
def run_path(cases_run):
    return cases_run


@pytest.fixture(scope="module")
def s(raw):
    """Every series as a numpy array (the file is small)."""
    return {name: ds[()] for name, ds in raw["series"].items()}


# -- axes ---------------------------------------------------------------------------------------


def test_axes_datasets_and_labels(raw):
    assert sorted(raw["axes"].keys()) == sorted(["agency", "channel", "exit", "need", *DEVELOPMENT_AXES])
    assert list(raw["axes/agency"].asstr()[()]) == AGENCIES
    assert list(raw["axes/exit"].asstr()[()]) == EXITS
    assert list(raw["axes/channel"].asstr()[()]) == CHANNELS
    assert list(raw["axes/need"].asstr()[()]) == NEEDS
    for name in ("agency", "exit", "channel", "need"):
        assert h5py.h5ds.is_scale(raw[f"axes/{name}"].id), name


def test_runfile_axes(run):
    assert run.axes == {"agency": AGENCIES, "exit": EXITS, "channel": CHANNELS, "need": NEEDS, **DEVELOPMENT_AXES}


def test_runfile_axes_without_cases(oita_run):
    """Without [cases] only the development axes are there: no case axis, no case series."""
    with analysis.open_run(oita_run) as r:
        assert r.axes == DEVELOPMENT_AXES
        assert not [name for name in r.series_names() if name.startswith("case_")]


@pytest.mark.parametrize(
    "name, axis",
    [("case_entered", "agency"), ("case_waiting", "agency"), ("case_in_service", "agency"),
     ("case_caseload_per_worker", "agency"), ("case_wait_mean", "agency"), ("case_wait_p90", "agency"),
     ("case_exits", "exit"), ("case_new_by_channel", "channel"), ("case_new_by_need", "need")],
)
def test_four_d_shapes_and_scales(raw, run, name, axis):
    T = len(run.dates)
    ds = raw[f"series/{name}"]
    assert ds.shape == (R, T, M, len(run.axes[axis]))
    scales = ds.dims[3].values()
    assert len(scales) == 1 and scales[0].name == f"/axes/{axis}"
    assert ds.dims[3].label == axis
    assert [d.label for d in ds.dims][:3] == ["replicate", "time", "municipality"]


def test_case_entered_shape_and_agency_scale(raw, run):
    ds = raw["series/case_entered"]
    assert ds.shape == (R, len(run.dates), M, 8)
    assert ds.dims[3].values()[0] == raw["axes/agency"]


def test_other_case_series_shapes(raw, run):
    T = len(run.dates)
    for name in ("case_new", "case_reentries", "case_time_to_closure_mean", "case_unresolved_complex"):
        assert raw[f"series/{name}"].shape == (R, T, M), name
    for name in ("case_new_total", "case_waiting_total", "case_lost_total"):
        assert raw[f"series/{name}"].shape == (R, T), name


# -- RunFile.series on 4-D series ---------------------------------------------------------------


def test_series_4d_tidy(run, raw):
    T = len(run.dates)
    df = run.series("case_entered")
    assert list(df.columns) == ["replicate", "date", "municipality", "agency", "value"]
    assert len(df) == R * T * M * 8
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    full = raw["series/case_entered"][()]
    np.testing.assert_array_equal(df["value"].to_numpy().reshape(R, T, M, 8), full)
    # A row picked by its labels holds the value at those positions.
    j = list(run.municipalities.index).index("44211")
    row = df[(df.replicate == 2) & (df.date == run.dates[30]) & (df.municipality == "44211") & (df.agency == "jiritsu")]
    assert row["value"].item() == full[2, 30, j, AGENCIES.index("jiritsu")]
    # Every (replicate, date, municipality) holds each agency once, in axis order.
    assert list(df["agency"].iloc[:8]) == AGENCIES
    assert (df.groupby(["replicate", "date", "municipality"]).size() == 8).all()
    assert list(df["municipality"].iloc[:16]) == [run.municipalities.index[0]] * 8 + [run.municipalities.index[1]] * 8


def test_series_4d_other_axes(run, raw):
    T = len(run.dates)
    exits = run.series("case_exits", replicates=1)
    assert list(exits.columns) == ["replicate", "date", "municipality", "exit", "value"]
    assert len(exits) == T * M * 7
    np.testing.assert_array_equal(exits["value"].to_numpy(), raw["series/case_exits"][1].reshape(-1))
    need = run.series("case_new_by_need", replicates=[0])
    assert list(need.columns)[3] == "need" and set(need["need"]) == set(NEEDS)


def test_series_4d_selected_replicates(run, raw):
    T = len(run.dates)
    df = run.series("case_in_service", replicates=[2, 0])
    assert len(df) == 2 * T * M * 8
    assert list(pd.unique(df["replicate"])) == [2, 0]
    np.testing.assert_array_equal(df["value"].to_numpy().reshape(2, T, M, 8), raw["series/case_in_service"][()][[2, 0]])


def test_series_4d_reads_only_requested_replicates(cases_run, h5_reads):
    with analysis.open_run(cases_run) as r:
        r.dates, r.municipalities, r.replicates, r.axes  # axes may be read whole
        h5_reads.clear()
        r.series("case_entered", replicates=[1])
        r.category_total("case_in_service", "plan_provider", replicates=[0, 2])
    for series in ("/series/case_entered", "/series/case_in_service"):
        h5_reads.assert_selective(series)


def test_series_4d_axis_from_dimension_label(cases_run, tmp_path):
    """Without a dimension scale on the 4th axis, the DIMENSION_LABELS name the /axes dataset."""
    import shutil

    copy = tmp_path / "copy.h5"
    shutil.copy(cases_run, copy)
    with h5py.File(copy, "a") as f:
        ds = f["series/case_exits"]
        ds.dims[3].detach_scale(f["axes/exit"])
        assert len(ds.dims[3].values()) == 0 and ds.dims[3].label == "exit"
    with analysis.open_run(copy) as r:
        df = r.series("case_exits", replicates=0)
        assert list(df.columns)[3] == "exit"
        assert list(df["exit"].iloc[:7]) == EXITS
    with h5py.File(copy, "a") as f:
        f["series/case_exits"].dims[3].label = ""
    with analysis.open_run(copy) as r, pytest.raises(analysis.SchemaError, match="case_exits"):
        r.series("case_exits")


def test_band_rejects_4d(run):
    with pytest.raises(ValueError, match="category_total"):
        run.band("case_entered")


# -- RunFile.category_total ---------------------------------------------------------------------


def test_category_total_all(run, s):
    df = run.category_total("case_in_service")
    assert df.index.equals(run.dates)
    assert list(df.columns) == AGENCIES and df.columns.name == "agency"
    np.testing.assert_allclose(df.to_numpy(), s["case_in_service"].astype(np.float64).sum(axis=2).mean(axis=0),
                               rtol=1e-12)
    assert df["plan_provider"].iloc[-1] > 1000  # plans last two years: they pile up
    # Every council in Oita is active: complex cases go to the conference (docs/model.md §5.14);
    # no 重層 is implementing at the start, so no hub then.
    assert df["conference"].iloc[-1] > 0
    assert df["hub"].iloc[0] == 0


def test_category_total_one(run, s):
    df = run.category_total("case_exits", "resolved")
    assert df.index.name == "replicate" and list(df.index) == [0, 1, 2]
    assert list(df.columns) == list(run.dates)
    k = EXITS.index("resolved")
    np.testing.assert_allclose(df.to_numpy(), s["case_exits"][..., k].astype(np.float64).sum(axis=2), rtol=1e-12)
    some = run.category_total("case_exits", "resolved", replicates=[2, 1])
    assert list(some.index) == [2, 1]
    np.testing.assert_array_equal(some.to_numpy(), df.loc[[2, 1]].to_numpy())
    # The per-category frames are what the all-category mean is made of.
    np.testing.assert_allclose(run.category_total("case_exits")["resolved"].to_numpy(), df.mean(axis=0).to_numpy())


def test_category_total_nan_only_where_no_municipality_has_the_agency(run, s):
    hub = run.category_total("case_caseload_per_worker", "hub")
    # A hub exists where 重層 is implementing (stage 3, docs/model.md §5.14).
    some_hub = (s["multi_layered_stage"] >= 3).any(axis=2)
    np.testing.assert_array_equal(hub.isna().to_numpy(), ~some_hub)
    assert some_hub[:, 0].sum() == 0 and some_hub[:, -1].any()  # none at the start, some by the end
    kikan = run.category_total("case_caseload_per_worker", "kikan")
    assert kikan.notna().all().all()  # five 基幹 from the start: some municipality always has one
    x = s["case_caseload_per_worker"][..., AGENCIES.index("kikan")].astype(np.float64)
    np.testing.assert_allclose(kikan.to_numpy(), np.nansum(x, axis=2), rtol=1e-12)


def test_category_total_errors(run):
    with pytest.raises(KeyError, match="plan_provider"):  # lists the labels
        run.category_total("case_entered", "no_such_agency")
    with pytest.raises(ValueError, match="category"):
        run.category_total("case_new")
    with pytest.raises(KeyError):
        run.category_total("no_such_series")


# -- model invariants visible in the output -----------------------------------------------------


def test_case_conservation(s):
    """Every case that came in (new, or decided to come back) either left or is still there:
    new + re-entries - exits = cases present (in an agency, or due to come back), so >= 0,
    and >= the cases waiting or in service at the agencies at the last record."""
    came = s["case_new"].astype(np.float64).sum(axis=1) + s["case_reentries"].astype(np.float64).sum(axis=1)  # (R, M)
    left = s["case_exits"].astype(np.float64).sum(axis=(1, 3))
    present = came - left
    assert (present >= 0).all()
    in_agencies = (s["case_waiting"][:, -1] + s["case_in_service"][:, -1]).astype(np.float64).sum(axis=2)
    assert (present >= in_agencies).all()
    assert s["case_reentries"].sum() > 0  # re-entry is on by default
    # Most cases are short (intake of a week or two, support of months); only plans run
    # for two years: by the end of seven years the great majority have left.
    share = left.sum(axis=1) / came.sum(axis=1)
    assert (share > 0.9).all() and (share < 1).all(), share


def test_new_cases_add_up_by_channel_and_need(s):
    new = s["case_new"]
    assert new.sum() > 0
    np.testing.assert_array_equal(s["case_new_by_channel"].sum(axis=3), new)
    np.testing.assert_array_equal(s["case_new_by_need"].sum(axis=3), new)


def test_new_total_is_sum_over_municipalities(s):
    np.testing.assert_array_equal(s["case_new_total"], s["case_new"].astype(np.float64).sum(axis=2))


def test_flows_are_counts_and_first_record_is_empty(s):
    for name in ("case_entered", "case_exits", "case_new_by_channel", "case_new_by_need", "case_new", "case_reentries"):
        x = s[name]
        assert (x >= 0).all() and (x == np.round(x)).all(), name
        assert (x[:, 0] == 0).all(), name  # the first record is taken before the first day


def test_caseload_nan_exactly_where_the_agency_does_not_exist(s):
    caseload = s["case_caseload_per_worker"]
    stage = s["kikan_stage"]  # recorded at the same moment as the institutions the caseload uses
    absent = np.zeros(caseload.shape, dtype=bool)
    absent[..., AGENCIES.index("hub")] = s["multi_layered_stage"] < 3  # a hub where 重層 is implementing
    absent[..., AGENCIES.index("conference")] = True  # a meeting: it has no workers
    absent[..., AGENCIES.index("kikan")] = stage < ESTABLISHED
    np.testing.assert_array_equal(np.isnan(caseload), absent)
    assert (caseload[~absent] >= 0).all()
    # Both cases occur for the 基幹: some municipalities establish one during the run.
    kikan_absent = absent[..., AGENCIES.index("kikan")]
    assert kikan_absent.any() and (~kikan_absent).any()
    assert (kikan_absent[:, 0] != kikan_absent[:, -1]).any()


def test_caseload_is_cases_in_service_per_worker(s):
    """in_service / caseload is the agency's staff: a whole number >= 1, the same at every
    record of every replicate."""
    caseload = s["case_caseload_per_worker"].astype(np.float64)
    busy = s["case_in_service"].astype(np.float64)
    ok = np.isfinite(caseload) & (caseload > 0)
    staff = np.full(caseload.shape, np.nan)
    staff[ok] = busy[ok] / caseload[ok]
    assert ok.sum() > 1000
    np.testing.assert_allclose(staff[ok], np.round(staff[ok]), rtol=1e-5)
    assert (staff[ok] >= 1 - 1e-6).all()
    seen = ok.any(axis=(0, 1))  # (M, A): agencies ever busy
    high = np.where(ok, staff, -np.inf).max(axis=(0, 1))
    low = np.where(ok, staff, np.inf).min(axis=(0, 1))
    np.testing.assert_allclose(high[seen], low[seen], rtol=1e-5)
    # where the agency exists and is idle, the caseload is 0 with no cases in service
    idle = np.isfinite(caseload) & (caseload == 0)
    assert (busy[idle] == 0).all()


def test_waits_are_nonnegative_or_nan(s):
    for name in ("case_wait_mean", "case_wait_p90"):
        x = s[name]
        assert (x[np.isfinite(x)] >= 0).all(), name
        assert not np.isinf(x).any(), name
    # no cases start at an absent agency, so no wait is recorded there
    assert np.isnan(s["case_wait_mean"][..., AGENCIES.index("hub")][s["multi_layered_stage"] < 3]).all()
