"""Exports for spreadsheets (analysis/export.py): the summary against a hand-worked scenario and
against sums written here with h5py, parts that never exceed the row limit and together hold
exactly the unsplit table, the workbook's sheets, and openpyxl missing -> exit 2, nothing written.
"""

import contextlib
import sys

import h5py
import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import export
from analysis.__main__ import main

# Four municipalities, no advisers, fixed by construction: tests/python/test_targets.py's
# TINY (A 44201 基幹 functioning and B 44202 established from the start; C 45201 budgeted,
# opening at the next opening date 2024-10-01; D 46201 never). Records on the 1st of every
# month from 2024-05-01 to 2026-04-01.
from test_targets import TINY  # noqa: E402


@pytest.fixture(scope="module")
def tiny(run_scenario, tmp_path_factory):
    d = tmp_path_factory.mktemp("tiny_export")
    (d / "tiny.toml").write_text(TINY, encoding="utf-8")
    return run_scenario(d / "tiny.toml", d / "tiny.h5", 3)


def _csv(path, **kw):
    return pd.read_csv(path, encoding="utf-8-sig", dtype={"municipality": str, "code": str}, **kw)


def _row(summary, series, at, scenario=None):
    rows = summary[(summary["series"] == series) & (summary["at"] == at)]
    if scenario is not None:
        rows = rows[rows["scenario"] == scenario]
    assert len(rows) == 1, (series, at, scenario)
    return rows.iloc[0]


# -- hand-worked -------------------------------------------------------------------------------


def test_tiny_summary_by_hand(tiny, tmp_path):
    out = tmp_path / "x"
    result = analysis.export_csv(tiny, out, by="2024-09-30")
    assert result.files[:3] == ["summary.csv", "contents.csv", "bands.csv"]
    s = _csv(out / "summary.csv")
    assert s["series"].iloc[0] == "kikan_coverage"  # the institutions' series first
    # 2024-09-30: A and B have a 基幹, C opens on 2024-10-01, D never: 2 of 4, the same in
    # every replicate, and in no replicate every municipality.
    row = _row(s, "kikan_municipalities", "target date")
    assert (row["date"], row["measure"]) == ("2024-09-30", "state on the date")
    assert (row["mean"], row["low"], row["high"], row["probability_all"], row["replicates"]) == (2, 2, 2, 0, 3)
    assert _row(s, "kikan_coverage", "target date")[["mean", "probability_all"]].tolist() == [0.5, 0.0]
    end = _row(s, "kikan_municipalities", "end of run")
    assert (end["date"], end["mean"], end["probability_all"]) == ("2026-04-01", 3, 0)
    # no advisers: every hour total is 0, and it is a total
    hours = _row(s, "adviser_hours_available", "end of run")
    assert (hours["measure"], hours["mean"], hours["high"]) == ("total from the start to the date", 0, 0)
    assert pd.isna(hours["probability_all"])
    # a target date the run does not cover gives end-of-run rows only
    outside = export.summary(tiny, by="2027-03-31")
    assert set(outside["at"]) == {"end of run"}


def test_tiny_fiscal_year_detail_by_hand(tiny, tmp_path):
    out = tmp_path / "x"
    analysis.export_csv(tiny, out)
    stage = _csv(out / "kikan_stage.csv")
    assert list(stage.columns) == ["fiscal_year", "municipality", "municipality_name", "mean", "low", "high",
                                   "median", "label"]
    # stocks: fiscal years that end within the run (FY2024 ends 2025-03-31, FY2025 2026-03-31)
    assert stage["fiscal_year"].tolist() == [2024] * 4 + [2025] * 4
    fy24 = stage[stage["fiscal_year"] == 2024].set_index("municipality")
    assert fy24.loc["44201", "label"] == "functioning" and fy24.loc["44201", "mean"] == 5
    for code in ("44202", "45201"):  # a 基幹 at the end of FY2024 in every replicate: established or functioning
        assert fy24.loc[code, "low"] >= 4 and fy24.loc[code, "label"] in ("established", "functioning")
    assert fy24.loc["46201", "high"] < 3  # never budgeted (approval 0): no 基幹
    assert fy24.loc["45201", "municipality_name"] == "C"
    # flows: complete fiscal years only; the run starts on 1 May, so FY2024 is not complete
    visits = _csv(out / "municipality_visits.csv")
    assert visits["fiscal_year"].tolist() == [2025] * 4 and (visits[["mean", "low", "high"]] == 0).all().all()
    contents = _csv(out / "contents.csv")
    assert contents["file"].tolist() == result_files(out) and contents["split"].isna().all()


def result_files(directory):
    """Files in the directory in the order contents.csv lists them."""
    listed = _csv(directory / "contents.csv")["file"].tolist()
    assert sorted(listed) == sorted(p.name for p in directory.iterdir())
    return listed


# -- independent sums with h5py --------------------------------------------------------------------


def _raw(path):
    with h5py.File(path, "r") as f:
        dates = [d.decode() if isinstance(d, bytes) else d for d in f["time/date"][()]]
        series = {n: f["series"][n][()].astype(np.float64) for n in f["series"]}
        labels = [v.decode() if isinstance(v, bytes) else v for v in f["series/kikan_stage"].attrs["labels"]]
    return dates, series, labels


def test_summary_against_h5py(oita_pair, tmp_path):
    path = oita_pair[0]
    s = export.summary(path)
    dates, series, labels = _raw(path)
    stock_t = max(i for i, d in enumerate(dates) if d <= "2027-03-31")  # the state on 2027-03-31
    flow_n = sum(d <= "2027-04-01" for d in dates)  # the 2027-04-01 record holds March 2027
    x = series["kikan_coverage"][:, stock_t]
    row = _row(s, "kikan_coverage", "target date")
    np.testing.assert_allclose(row[["mean", "low", "high"]].astype(float),
                               [x.mean(), np.percentile(x, 5), np.percentile(x, 95)])
    has = series["kikan_stage"][:, : stock_t + 1] >= labels.index("established")  # (R, t, M)
    assert row["probability_all"] == has.any(axis=1).all(axis=1).mean()
    v = series["adviser_hours_visit"][:, :flow_n].sum(axis=1)
    np.testing.assert_allclose(_row(s, "adviser_hours_visit", "target date")[["mean", "low", "high"]].astype(float),
                               [v.mean(), np.percentile(v, 5), np.percentile(v, 95)])
    # every hour is accounted for (docs/output.md): the end-of-run totals add up
    end = {n: _row(s, f"adviser_hours_{n}", "end of run")["mean"] for n in
           ("available", "visit", "council", "online", "group_event", "liaison", "travel", "idle")}
    assert end["available"] > 0
    assert end["available"] == pytest.approx(sum(v for k, v in end.items() if k != "available"), rel=1e-9)
    np.testing.assert_allclose(end["available"], series["adviser_hours_available"].sum(axis=1).mean())


def test_fiscal_year_detail_against_h5py(oita_pair, tmp_path):
    out = tmp_path / "x"
    analysis.export_csv(oita_pair[0], out)
    dates, series, labels = _raw(oita_pair[0])
    stage = _csv(out / "kikan_stage.csv")
    fy25 = stage[stage["fiscal_year"] == 2025]
    t = dates.index("2026-03-01")  # the last record on or before 2026-03-31
    x = series["kikan_stage"][:, t, :]
    np.testing.assert_allclose(fy25["mean"], x.mean(axis=0))
    np.testing.assert_allclose(fy25["high"], np.percentile(x, 95, axis=0))
    median = np.sort(x, axis=0)[(x.shape[0] + 1) // 2 - 1]  # the lower median: a stage of the file
    assert fy25["label"].tolist() == [labels[int(k)] for k in median]
    # flows: the fiscal years' totals add up to the whole run (Oita starts on 1 April)
    visits = _csv(out / "municipality_visits.csv")
    assert sorted(set(visits["fiscal_year"])) == list(range(2024, 2031))
    per_m = visits.groupby("municipality", sort=False)["mean"].sum().to_numpy()
    np.testing.assert_allclose(per_m, series["municipality_visits"].sum(axis=1).mean(axis=0), rtol=1e-9)


def test_experiment_summary_has_paired_differences(experiment_path, oita_pair):
    s = export.summary(experiment_path)
    assert set(s["scenario"]) == {"outreach", "on_request"}
    _, a, labels = _raw(oita_pair[0])
    _, b, _ = _raw(oita_pair[1])
    with analysis.open_experiment(experiment_path) as e:
        t = int(e.dates.searchsorted(pd.Timestamp("2027-03-31"), side="right")) - 1
    d = b["kikan_coverage"][:, t] - a["kikan_coverage"][:, t]
    row = _row(s, "kikan_coverage", "target date", "on_request")
    assert row["difference_mean"] == pytest.approx(d.mean())
    assert row["difference_lower"] < row["difference_mean"] < row["difference_upper"] or d.std() == 0
    assert pd.isna(_row(s, "kikan_coverage", "target date", "outreach")["difference_mean"])
    has = b["kikan_stage"][:, : t + 1] >= labels.index("established")
    assert row["probability_all"] == has.any(axis=1).all(axis=1).mean()


def test_sweep_summary(sweep_path):
    s = export.summary(sweep_path)
    with analysis.open_sweep(sweep_path) as f:
        outputs = f.output_names()
        first = f.output_summary(outputs[0])
        params = list(f.parameters.index)
    assert len(s) == 80 * len(outputs)
    part = s[s["output"] == outputs[0]].set_index("point")
    np.testing.assert_allclose(part["mean"], first["mean"])
    assert set(params) <= set(s.columns)


# -- the row limit -----------------------------------------------------------------------------------


def test_parts_hold_the_unsplit_table(oita_pair, tmp_path):
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    analysis.export_csv(oita_pair[0], whole, detail="replicates")
    limit = 1000  # not a multiple of the 18 municipalities: parts end at date boundaries anyway
    result = analysis.export_csv(oita_pair[0], parts, detail="replicates", max_rows=limit)
    contents = _csv(parts / "contents.csv").set_index("file")
    for name in result_files(parts):
        if name.endswith(".csv"):
            n = sum(1 for _ in open(parts / name, encoding="utf-8-sig")) - 1
            assert n <= limit and n == contents.loc[name, "rows"], name
    names = [f"kikan_stage_part{k}.csv" for k in range(1, result.split["kikan_stage"] + 1)]
    assert not (parts / "kikan_stage.csv").exists()
    pieces = [_csv(parts / n) for n in names]
    assert all(len(p) % 18 == 0 for p in pieces)
    pd.testing.assert_frame_equal(pd.concat(pieces, ignore_index=True), _csv(whole / "kikan_stage.csv"))
    n = len(names)
    assert n == -(-4 * 86 * 18 // 990)  # 990 = 55 dates x 18 rows fit in 1000
    dates, _, _ = _raw(oita_pair[0])
    assert contents.loc[names[0], "split"] == (f"part 1 of {n} (at most 1,000 rows per file): from replicate 0, "
                                               f"date {dates[0]} to replicate 0, date {dates[54]}")
    stocks = [_csv(parts / f"readiness_stocks_part{k}.csv") for k in range(1, result.split["readiness_stocks"] + 1)]
    assert all(len(p) % (18 * 5) == 0 for p in stocks)  # a date's rows: every municipality and stock
    pd.testing.assert_frame_equal(pd.concat(stocks, ignore_index=True), _csv(whole / "readiness_stocks.csv"))


def test_cli_says_how_it_split(oita_pair, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(export, "MAX_ROWS", 100)
    assert main(["export", str(oita_pair[0]), "--csv", str(tmp_path / "x")]) == 0
    out = capsys.readouterr().out
    assert "summary.csv first, contents.csv lists them" in out
    assert "kikan_stage: 2 parts of at most 100 rows" in out  # 7 fiscal years x 18 = 126 rows, 5 years a part


def test_default_limit_is_excel():
    assert export.MAX_ROWS + 1 == 1_048_576  # the header takes a row


# -- the workbook ------------------------------------------------------------------------------------


def test_workbook(oita_pair, tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="python3-openpyxl not installed (tools/setup.sh installs it)")
    book_path, csv_dir = tmp_path / "oita.xlsx", tmp_path / "csv"
    result = analysis.export_xlsx(oita_pair[0], book_path, max_rows=500)
    analysis.export_csv(oita_pair[0], csv_dir, max_rows=500)
    book = openpyxl.load_workbook(book_path, read_only=True)
    names = book.sheetnames
    assert names == result.files and names[:3] == ["summary", "contents", "bands (1)"]
    assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == len(names)
    contents = pd.DataFrame(list(book["contents"].values)[1:], columns=list(book["contents"].values)[0])
    table_of = dict(zip(contents["sheet"], contents["table"]))
    long_name = "multi_layered_population_coverage"  # 33 characters: cut to 31
    (sheet,) = [n for n, t in table_of.items() if t == long_name]
    assert sheet == long_name[:31]
    rows = list(book["summary"].values)
    summary = pd.DataFrame(rows[1:], columns=rows[0])
    expected = _csv(csv_dir / "summary.csv")
    pd.testing.assert_frame_equal(summary[expected.columns].fillna(np.nan), expected, check_dtype=False)
    # split sheets: "<table> (k)", each at most 500 rows below its header
    parts = [n for n, t in table_of.items() if t == "readiness_stocks"]
    assert parts == [f"readiness_stocks ({k})" for k in range(1, len(parts) + 1)] and len(parts) == 2
    for n in parts:
        assert len(list(book[n].values)) - 1 <= 500
    stage = list(book["kikan_stage"].values)
    assert stage[0][:3] == ("fiscal_year", "municipality", "municipality_name") and stage[1][2] == "大分市"
    municipalities = list(book["municipalities"].values)
    assert municipalities[1][0] == "44201"  # codes stay text
    toml = [r[0] or "" for r in book["scenario.toml"].values][1:]  # an empty line reads back as None
    with analysis.open_run(oita_pair[0]) as run:
        assert toml == run.scenario_toml.splitlines()
    book.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "oita.xlsx"]


def test_workbook_without_openpyxl(oita_pair, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl raises ImportError
    target = tmp_path / "oita.xlsx"
    assert main(["export", str(oita_pair[0]), "--format", "xlsx", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "python3-openpyxl" in err and "openpyxl" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, message", [
    (["--csv", "{d}/x", "--format", "xlsx"], "give -o FILE"),
    (["-o", "{d}/x", "--by", "2027-13-45"], "2027-13-45"),
    (["-o", "{d}/x", "--detail", "everything"], None),
])
def test_bad_export_arguments(oita_pair, tmp_path, capsys, args, message):
    args = [a.format(d=tmp_path) for a in args]
    with pytest.raises(SystemExit) if message is None else contextlib.nullcontext():
        assert main(["export", str(oita_pair[0]), *args]) == 2
    if message is not None:
        assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []



def test_a_long_summary_is_split_before_the_contents(oita_pair, tmp_path):
    result = analysis.export_csv(oita_pair[0], tmp_path / "x", max_rows=20)  # the summary has 62 rows
    n = result.split["summary"]
    assert result.files[: n + 1] == [f"summary_part{k}.csv" for k in range(1, n + 1)] + ["contents.csv"]
    assert n == 4 and result_files(tmp_path / "x") == result.files
