"""Planning targets (analysis/targets.py) and never-visited municipalities (analysis/visits.py).

Two kinds of check:

* hand-checked: tiny scenarios whose outcome is fixed by construction (initial stages, no
  advisers or one, approval probabilities of 0), so every expected value is written out;
* independent: the functions against a computation written here with h5py on /series of
  real runs (scenarios/oita.toml shortened with --set, the 6-replicate Oita fixture, Okinawa
  and Saitama), and against the count series and `tsunagi summarize`.
"""

import datetime as dt
import re

import h5py
import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import targets

# Four municipalities in three prefectures, FY2024-FY2025 from 1 May 2024 (records on the 1st
# of every month, the last on 2026-04-01):
#   A 44201: 基幹 functioning from the start; council active at the start only (see below)
#   B 44202: 基幹 established from the start; council never active
#   C 45201: 基幹 budgeted at the start: opens at the next opening date, 2024-10-01
#   D 46201: nothing; no 基幹 can be budgeted (approval 0); council active at the start only
# No 拠点 can be budgeted and no 重層 financed (probabilities 0): never set up.
# Councils: active needs the mean of the internal and ties stocks >= 1.0 and a council goes
# dormant below 1.0. Initially active councils start with those stocks at 1.0, which decay
# without support, so A's and D's councils are dormant from 2024-06-01 on, for good.
TINY = """\
[scenario]
name = "tiny"
start = 2024-05-01
end = 2026-03-31
seed = 1
replicates = 3

[prefecture]
code = "00"
name = "test"

[[municipalities.list]]
code = "44201"
name = "A"
population = 1000

[[municipalities.list]]
code = "44202"
name = "B"
population = 2000

[[municipalities.list]]
code = "45201"
name = "C"
population = 3000

[[municipalities.list]]
code = "46201"
name = "D"
population = 4000

[initial.kikan]
functioning = ["44201"]
established = ["44202"]
budgeted = ["45201"]

[initial.council]
active = ["44201", "46201"]

[development]
council_active_at = 1.0
council_dormant_below = 1.0
finance_probability = 0.0

[development.kikan]
approval_probability = 0.0

[development.kyoten]
approval_probability = 0.0

[advisers]
count = 0
strategy = "outreach"
"""

# Two municipalities, one adviser reaching out to whoever lacks an institution: P has all of
# them (a 基幹, a 拠点 and an active council) and is never visited; Q has none and gets the
# adviser's visits, two a month (30 hours; a visit costs 3 hours plus 1 hour travel each way).
VISITS = """\
[scenario]
name = "visits"
start = 2024-04-01
end = 2024-06-30
seed = 1
replicates = 3

[prefecture]
code = "44"
name = "test"

[[municipalities.list]]
code = "44201"
name = "P"
population = 1000

[[municipalities.list]]
code = "44202"
name = "Q"
population = 2000

[initial.kikan]
functioning = ["44201"]

[initial.kyoten]
established = ["44201"]

[initial.council]
active = ["44201"]

[advisers]
count = 1
strategy = "outreach"
"""

INSTITUTIONS = ["kikan", "kyoten", "council", "multi_layered"]
# Stage code from which a municipality has the institution: sim/model/institution.hpp kCoveredFrom.
COVERED_FROM = {"kikan": 4, "kyoten": 4, "council": 1, "multi_layered": 3}
NAT = pd.NaT


def _write(directory, name, text):
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny(run_scenario, tmp_path_factory):
    d = tmp_path_factory.mktemp("tiny")
    return run_scenario(_write(d, "tiny.toml", TINY), d / "tiny.h5", 3)


@pytest.fixture(scope="module")
def tiny_half(run_scenario, tmp_path_factory):
    """The tiny scenario stopped half-way through FY2025 (last record 2025-10-01)."""
    d = tmp_path_factory.mktemp("tiny_half")
    return run_scenario(_write(d, "tiny.toml", TINY), d / "tiny_half.h5", 3, "--set", "scenario.end=2025-09-30")


@pytest.fixture(scope="module")
def visits_run(run_scenario, tmp_path_factory):
    d = tmp_path_factory.mktemp("visits")
    return run_scenario(_write(d, "visits.toml", VISITS), d / "visits.h5", 3)


@pytest.fixture(scope="module")
def visits_one_day(run_scenario, tmp_path_factory):
    """The visits scenario run for its first day only: a visit planned for April counts 1/30."""
    d = tmp_path_factory.mktemp("visits_one_day")
    return run_scenario(_write(d, "visits.toml", VISITS), d / "one_day.h5", 2, "--set", "scenario.end=2024-04-01")


@pytest.fixture(scope="module")
def oita_short(run_scenario, scenarios_dir, tmp_path_factory):
    """scenarios/oita.toml for FY2024 only, 3 replicates: the closing record (2025-04-01)
    holds that day's openings, which are after 2025-03-31."""
    out = tmp_path_factory.mktemp("oita_short") / "oita_short.h5"
    return run_scenario(scenarios_dir / "oita.toml", out, 3, "--set", "scenario.end=2025-03-31")


@pytest.fixture(scope="module")
def okinawa_run(run_scenario, scenarios_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("okinawa") / "okinawa.h5"
    return run_scenario(scenarios_dir / "okinawa.toml", out, 6)


@pytest.fixture(scope="module")
def saitama_run(run_scenario, scenarios_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("saitama") / "saitama.h5"
    return run_scenario(scenarios_dir / "saitama.toml", out, 6)


@pytest.fixture(scope="module", params=["oita_short", "oita_run", "okinawa_run", "saitama_run"])
def real_run(request):
    """The path of one of the real runs (parametrised)."""
    return request.getfixturevalue(request.param)


def _open(path):
    return analysis.open_run(path)


# -- hand-checked: the tiny scenario ----------------------------------------------------------


def test_tiny_records(tiny):
    """What the hand-checked expectations below rest on."""
    with _open(tiny) as run:
        assert run.dates[0] == pd.Timestamp("2024-05-01") and run.dates[-1] == pd.Timestamp("2026-04-01")
        assert list(run.municipalities.index) == ["44201", "44202", "45201", "46201"]
        assert list(run.replicates) == [0, 1, 2]
        stage = run.array("kikan_stage")
        assert (stage[:, :, 0] == 5).all()  # A functioning throughout: has a 基幹 though not "established"


def test_tiny_establishment_dates(tiny):
    with _open(tiny) as run:
        df = analysis.establishment_dates(run)
        council = analysis.establishment_dates(run, "council")
        kyoten = analysis.establishment_dates(run, "kyoten")
        multi = analysis.establishment_dates(run, institution="multi_layered")
    assert list(df.columns) == ["replicate", "municipality", "name", "date"]
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert df["replicate"].tolist() == [0] * 4 + [1] * 4 + [2] * 4
    assert df["municipality"].tolist() == ["44201", "44202", "45201", "46201"] * 3
    assert df["name"].tolist() == ["A", "B", "C", "D"] * 3
    kikan_dates = [pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-01"), pd.Timestamp("2024-10-01"), NAT]
    pd.testing.assert_series_equal(df["date"], pd.Series(kikan_dates * 3, name="date", dtype="datetime64[ns]"))
    # the council: the first activation counts, although both go dormant a month later
    council_dates = [pd.Timestamp("2024-05-01"), NAT, NAT, pd.Timestamp("2024-05-01")]
    pd.testing.assert_series_equal(council["date"], pd.Series(council_dates * 3, name="date", dtype="datetime64[ns]"))
    assert kyoten["date"].isna().all() and multi["date"].isna().all()
    assert len(kyoten) == len(multi) == 12


def test_tiny_probability_all_covered(tiny):
    p = analysis.probability_all_covered
    with _open(tiny) as run:
        # D never gets a 基幹: never all of them
        for by in ("2024-05-01", "2024-10-01", "2025-03-31", "2026-04-01"):
            assert p(run, by=by) == 0.0
        # prefecture 44: A (functioning) and B (established) from the start
        assert p(run, "kikan", by="2024-05-01", prefecture="44") == 1.0
        assert p(run, by=dt.date(2024, 5, 1), prefecture=44) == 1.0
        # prefecture 45: C opens on 2024-10-01, and the record of that day holds it
        assert p(run, by="2024-09-30", prefecture="45") == 0.0
        assert p(run, by="2024-09-01", prefecture="45") == 0.0
        assert p(run, by="2024-10-01", prefecture="45") == 1.0
        assert p(run, by=pd.Timestamp("2024-10-15"), prefecture="45") == 1.0
        assert p(run, by="2026-04-01", prefecture="46") == 0.0
        # the council can go back: D's is active in May 2024 only
        assert p(run, "council", by="2024-05-31", prefecture="46") == 1.0
        assert p(run, "council", by="2024-06-01", prefecture="46") == 0.0
        assert p(run, "council", by="2024-05-01", prefecture="44") == 0.0  # B never
        assert p(run, "kyoten", by="2026-04-01") == 0.0
        assert p(run, "multi_layered", by="2026-04-01") == 0.0
        assert isinstance(p(run, by="2024-05-01"), float)


def test_tiny_probability_errors(tiny):
    p = analysis.probability_all_covered
    with _open(tiny) as run:
        assert p(run, by="2026-04-01", prefecture="44") == 1.0  # the last record is covered
        with pytest.raises(ValueError, match="outside the run.*2024-05-01 to 2026-04-01"):
            p(run, by="2024-04-30")
        with pytest.raises(ValueError, match="outside the run"):
            p(run, by="2026-04-02")
        with pytest.raises(ValueError, match="outside the run"):
            p(run)  # the default, 2027-03-31, is after this run
        with pytest.raises(ValueError, match="prefecture code 47; the file has 44, 45, 46"):
            p(run, by="2025-03-31", prefecture="47")
        with pytest.raises(ValueError, match="prefecture code 20;"):
            p(run, by="2025-03-31", prefecture="20")  # in every code, at the start of none
        with pytest.raises(ValueError, match="2-digit"):
            p(run, by="2025-03-31", prefecture="4")
        with pytest.raises(ValueError, match="kikan, kyoten, council, multi_layered"):
            p(run, "kikan_centre", by="2025-03-31")
        with pytest.raises(ValueError, match="kikan, kyoten, council, multi_layered"):
            analysis.establishment_dates(run, "hub")


def test_tiny_distribution(tiny):
    with _open(tiny) as run:
        d = analysis.establishment_date_distribution(run)
        c = analysis.establishment_date_distribution(run, "council")
    assert list(d.columns) == ["name", "FY2024", "FY2025", "median_date"]
    assert list(d.index) == ["44201", "44202", "45201", "46201"] and d.index.name == "code"
    assert d["name"].tolist() == ["A", "B", "C", "D"]
    assert d["FY2024"].tolist() == [1.0, 1.0, 1.0, 0.0]
    assert d["FY2025"].tolist() == [1.0, 1.0, 1.0, 0.0]
    assert d["median_date"].tolist()[:3] == [pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-01"),
                                              pd.Timestamp("2024-10-01")]
    assert pd.isna(d["median_date"].iloc[3])
    # councils: active at the start in A and D, dormant by the end of every fiscal year
    assert c["FY2024"].tolist() == [0.0, 0.0, 0.0, 0.0] and c["FY2025"].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert c["median_date"].iloc[0] == pd.Timestamp("2024-05-01") and c["median_date"].iloc[3] == pd.Timestamp("2024-05-01")
    assert c["median_date"].iloc[1:3].isna().all()


def test_tiny_distribution_without_unfinished_year(tiny_half):
    """A fiscal year the run stops in the middle of has no column: its end is not known."""
    with _open(tiny_half) as run:
        assert run.dates[-1] == pd.Timestamp("2025-10-01")
        d = analysis.establishment_date_distribution(run)
        assert list(d.columns) == ["name", "FY2024", "median_date"]
        assert d["FY2024"].tolist() == [1.0, 1.0, 1.0, 0.0]
        with pytest.raises(ValueError, match="outside the run"):
            analysis.probability_all_covered(run, by="2026-03-31", prefecture="44")


# -- hand-checked: visits ---------------------------------------------------------------------


def test_never_visited_by_hand(visits_run):
    with _open(visits_run) as run:
        visits = run.array("municipality_visits").astype(np.float64).sum(axis=1)
        nv = analysis.never_visited(run)
    # P has everything (a functioning 基幹, its 拠点, an active council): no need, no visit.
    # Q has nothing: need 3 + 3 (基幹 and 拠点 not started) + 2 (dormant council) = 8 h a
    # month, met by three 3-hour visits (docs/model.md §3.2): nine in three months.
    np.testing.assert_allclose(visits, [[0, 9]] * 3, rtol=1e-6)  # spread over days: float sums
    assert isinstance(nv, analysis.NeverVisited)
    expected = pd.DataFrame([[True, False]] * 3, index=pd.Index([0, 1, 2], name="replicate"),
                            columns=pd.Index(["44201", "44202"], name="municipality"))
    pd.testing.assert_frame_equal(nv.per_replicate, expected, check_index_type=False)
    assert nv.share.index.tolist() == ["44201", "44202"]
    assert nv.share["name"].tolist() == ["P", "Q"]
    assert nv.share["share"].tolist() == [1.0, 0.0]


def test_never_visited_prints_readably(visits_run):
    with _open(visits_run) as run:
        nv = analysis.never_visited(run)
    assert repr(nv) == str(nv) == (
        "NeverVisited: 1 of 2 municipalities never visited in at least one of 3 replicates (1 in every replicate)\n"
        "  share  code   name\n"
        "   1.00  44201  P\n"
        "(.share: DataFrame name, share by code; .per_replicate: 3 x 2 bool DataFrame)")


def test_never_visited_repr_orders_and_cuts():
    """Most often left out first (ties by code), at most REPR_ROWS rows, the rest counted;
    nobody left out is said in words."""
    codes = [f"44{k:03d}" for k in range(14)]
    never = np.zeros((4, 14), dtype=bool)
    for j in range(12):  # municipality j never visited in (j % 4) + 1 of the 4 replicates
        never[: j % 4 + 1, j] = True
    per_replicate = pd.DataFrame(never, index=pd.Index(range(4), name="replicate"),
                                 columns=pd.Index(codes, name="municipality"))
    share = pd.DataFrame({"name": [f"町{k}" for k in range(14)], "share": never.mean(axis=0)},
                         index=pd.Index(codes, name="code"))
    lines = repr(analysis.NeverVisited(per_replicate, share)).split("\n")
    assert lines[0] == ("NeverVisited: 12 of 14 municipalities never visited in at least one of 4 replicates "
                        "(3 in every replicate)")
    rows = lines[2:2 + analysis.visits.REPR_ROWS]
    assert rows[:4] == ["   1.00  44003  町3", "   1.00  44007  町7", "   1.00  44011  町11", "   0.75  44002  町2"]
    assert rows[-1] == "   0.25  44000  町0" and lines[2 + analysis.visits.REPR_ROWS] == "  ... and 2 more"
    nobody = analysis.NeverVisited(per_replicate & False, share.assign(share=0.0))
    assert str(nobody).startswith("NeverVisited: all 14 municipalities visited in every one of 4 replicates")


def test_never_visited_counts_a_part_visit(visits_one_day):
    """Visits are spread over their month: after one day Q has 1/30 of April's three visits,
    and that is a visit."""
    with _open(visits_one_day) as run:
        total = run.array("municipality_visits").astype(np.float64).sum(axis=1)
        nv = analysis.never_visited(run)
    assert (total[:, 0] == 0).all()
    assert ((total[:, 1] > 0) & (total[:, 1] < 1)).all()
    assert nv.per_replicate.to_numpy().tolist() == [[True, False], [True, False]]
    assert nv.share["share"].tolist() == [1.0, 0.0]


def test_never_visited_no_advisers(tiny):
    with _open(tiny) as run:
        nv = analysis.never_visited(run)
    assert nv.per_replicate.to_numpy().all() and nv.per_replicate.shape == (3, 4)
    assert (nv.share["share"] == 1.0).all()


# -- independent computation with h5py on real runs --------------------------------------------


def _raw(path):
    """(stage arrays by institution, count series by institution, visits, dates as
    datetime.date, codes, names, replicate numbers) straight from the file."""
    with h5py.File(path, "r") as f:
        s = f["series"]
        stages = {i: s[f"{i}_stage"][()] for i in INSTITUTIONS}
        counts = {i: s[f"{i}_municipalities"][()] for i in INSTITUTIONS}
        visits = s["municipality_visits"][()]
        dates = [dt.date.fromisoformat(d) for d in f["time/date"].asstr()[()]]
        codes = list(f["municipalities/code"].asstr()[()])
        names = list(f["municipalities/name"].asstr()[()])
        reps = list(f["replicate"][()])
    return stages, counts, visits, dates, codes, names, reps


def _first_dates(stage, code, dates):
    """[r][m]: first record date with stage >= code, or None; by plain loops."""
    n_rep, n_t, n_mun = stage.shape
    out = []
    for r in range(n_rep):
        row = []
        for m in range(n_mun):
            row.append(next((dates[t] for t in range(n_t) if stage[r, t, m] >= code), None))
        out.append(row)
    return out


def _days_to_check(dates):
    """Every record date, the day before each, mid-month days and fiscal-year ends, all
    within the run."""
    days = set(dates) | {d - dt.timedelta(days=1) for d in dates} | {d.replace(day=15) for d in dates}
    days |= {dt.date(y, 3, 31) for y in range(dates[0].year, dates[-1].year + 1)}
    return sorted(d for d in days if dates[0] <= d <= dates[-1])


def test_has_from_matches_the_count_series(real_run):
    """HAS_FROM (by stage name) gives the codes of kCoveredFrom, and counting those stages gives
    the <institution>_municipalities series the simulation writes."""
    stages, counts, *_ = _raw(real_run)
    with _open(real_run) as run:
        for inst in INSTITUTIONS:
            assert run.labels(f"{inst}_stage").index(targets.HAS_FROM[inst]) == COVERED_FROM[inst]
            np.testing.assert_array_equal((stages[inst] >= COVERED_FROM[inst]).sum(axis=2), counts[inst])


@pytest.mark.parametrize("inst", INSTITUTIONS)
def test_establishment_dates_independent(real_run, inst):
    stages, _, _, dates, codes, names, reps = _raw(real_run)
    first = _first_dates(stages[inst], COVERED_FROM[inst], dates)
    with _open(real_run) as run:
        df = analysis.establishment_dates(run, inst)
    assert len(df) == len(reps) * len(codes)
    i = 0
    for r, rep in enumerate(reps):
        for m, code in enumerate(codes):
            row = df.iloc[i]
            assert (row["replicate"], row["municipality"], row["name"]) == (rep, code, names[m])
            if first[r][m] is None:
                assert pd.isna(row["date"]), (rep, code)
            else:
                assert row["date"] == pd.Timestamp(first[r][m]), (rep, code)
            i += 1


@pytest.mark.parametrize("inst", INSTITUTIONS)
def test_probability_all_covered_independent(real_run, inst):
    stages, counts, _, dates, codes, _, reps = _raw(real_run)
    n_mun = len(codes)
    first = _first_dates(stages[inst], COVERED_FROM[inst], dates)
    prefectures = sorted({c[:2] for c in codes})
    with _open(real_run) as run:
        for day in _days_to_check(dates):
            t = max(k for k, d in enumerate(dates) if d <= day)
            by_count = float(np.mean(counts[inst][:, t] == n_mun))  # the state on the day
            got = analysis.probability_all_covered(run, inst, by=day.isoformat())
            assert got == pytest.approx(by_count, abs=1e-12), (inst, day)
            if inst != "council":  # ladders: the same as "every establishment date <= day"
                by_dates = float(np.mean([all(f is not None and f <= day for f in row) for row in first]))
                assert got == pytest.approx(by_dates, abs=1e-12), (inst, day)
            for pref in prefectures:
                cols = [m for m, c in enumerate(codes) if c.startswith(pref)]
                if inst == "council":
                    want = np.mean([(stages[inst][r, t, cols] >= 1).all() for r in range(len(reps))])
                else:
                    want = np.mean([all(row[m] is not None and row[m] <= day for m in cols) for row in first])
                assert analysis.probability_all_covered(run, inst, by=day, prefecture=pref) == pytest.approx(want)


@pytest.mark.parametrize("inst", ["kikan", "council"])
def test_distribution_independent(real_run, inst):
    stages, _, _, dates, codes, names, reps = _raw(real_run)
    first = _first_dates(stages[inst], COVERED_FROM[inst], dates)
    with _open(real_run) as run:
        d = analysis.establishment_date_distribution(run, inst)
    fy0 = dates[0].year if dates[0].month >= 4 else dates[0].year - 1
    years = [y for y in range(fy0, dates[-1].year + 1) if dt.date(y + 1, 3, 31) <= dates[-1]]
    assert list(d.columns) == ["name", *[f"FY{y}" for y in years], "median_date"]
    assert list(d.index) == codes and d["name"].tolist() == names
    n_rep = len(reps)
    for m, code in enumerate(codes):
        for y in years:
            end = dt.date(y + 1, 3, 31)
            if inst == "council":  # active on the day
                t = max(k for k, day in enumerate(dates) if day <= end)
                want = np.mean(stages[inst][:, t, m] >= 1)
            else:
                want = np.mean([first[r][m] is not None and first[r][m] <= end for r in range(n_rep)])
            assert d.loc[code, f"FY{y}"] == pytest.approx(want), (code, y)
        got = sorted((f for f in (first[r][m] for r in range(n_rep)) if f is not None))
        k = (n_rep + 1) // 2  # the lower median, "never" counted as latest
        if len(got) >= k:
            assert d.loc[code, "median_date"] == pd.Timestamp(got[k - 1]), code
        else:
            assert pd.isna(d.loc[code, "median_date"]), code


def test_never_visited_independent(real_run):
    _, _, visits, _, codes, names, reps = _raw(real_run)
    total = visits.astype(np.float64).sum(axis=1)  # (R, M)
    with _open(real_run) as run:
        nv = analysis.never_visited(run)
        hours = run.array("adviser_hours_by_municipality").astype(np.float64).sum(axis=1)  # (R, M, activity)
        activity = run.axes["municipal_activity"]
    assert nv.per_replicate.index.tolist() == reps and nv.per_replicate.columns.tolist() == codes
    for r in range(len(reps)):
        for m in range(len(codes)):
            assert bool(nv.per_replicate.iat[r, m]) == (total[r, m] == 0), (reps[r], codes[m])
    np.testing.assert_allclose(nv.share["share"].to_numpy(), (total == 0).mean(axis=0))
    assert nv.share["name"].tolist() == names
    # never visited: no hours spent in person there, nor travelling there
    never = nv.per_replicate.to_numpy()
    for a in ("visit", "council", "travel"):
        assert (hours[..., activity.index(a)][never] == 0).all(), a


def test_real_runs_are_not_trivial(oita_run, saitama_run):
    """The independent checks above compare something: municipalities open a 基幹 during the
    run (neither at the start nor never), and some are never visited while others are."""
    with _open(oita_run) as run:
        dates = analysis.establishment_dates(run)["date"]
        assert ((dates > run.dates[0]) & dates.notna()).any()
        assert 0 < analysis.probability_all_covered(run, by=run.dates[-1]) <= 1
    with _open(saitama_run) as run:
        share = analysis.never_visited(run).share["share"]
        assert (share > 0).any() and (share < 1).any()


def test_oita_short_boundary(oita_short):
    """by 2025-03-31 is the state at the 2025-03-01 record; 2025-04-01 openings come after."""
    with _open(oita_short) as run:
        count = run.array("kikan_municipalities")
        m = len(run.municipalities)
        assert analysis.probability_all_covered(run, by="2025-03-31") == float(np.mean(count[:, -2] == m))
        assert analysis.probability_all_covered(run, by="2025-04-01") == float(np.mean(count[:, -1] == m))
        assert run.dates[-2] == pd.Timestamp("2025-03-01")


# -- against the C++ summary ----------------------------------------------------------------------


def test_probability_matches_tsunagi_summarize(run_tsunagi, oita_run, oita_short):
    proc = run_tsunagi("summarize", oita_run)
    assert proc.returncode == 0, proc.stderr
    found = re.search(r"P\(every municipality has a 基幹 by 2027-03-31\) = [0-9.]+ \((\d+) of (\d+) replicates\)",
                      proc.stdout)
    assert found, proc.stdout
    with _open(oita_run) as run:
        got = analysis.probability_all_covered(run, "kikan", by="2027-03-31")
    assert got == int(found.group(1)) / int(found.group(2))
    # a run that stops earlier: tsunagi says so, and so does the package
    short = run_tsunagi("summarize", oita_short)
    assert "the run does not cover that date" in short.stdout
    with _open(oita_short) as run, pytest.raises(ValueError, match="outside the run"):
        analysis.probability_all_covered(run)
