"""Export a tsunagi file for spreadsheet users: CSV files (the default) or one Excel workbook,
a summary first, and no file or sheet longer than a spreadsheet holds.

    /usr/bin/python3 -m analysis export out/oita.h5 --csv out/oita_csv
    /usr/bin/python3 -m analysis export out/oita.h5 --format xlsx -o out/oita.xlsx
    /usr/bin/python3 -m analysis export out/national.h5 --csv out/all --detail replicates

The same tables go to CSV files (``<table>.csv``) or to the sheets of a workbook, in this order:

* ``summary``: one row per scenario (or variant) and (replicate, time) series, on the target
  date (``by``, default 2027-03-31) and at the end of the run: mean and 5-95 % band over
  replicates, P(every municipality has the institution by the date) on the
  ``<institution>_coverage`` and ``_municipalities`` rows, and for experiments the paired
  difference from the baseline with its 95 % interval. Stocks are the state on the date (the
  last record on or before it), flows the total from the start of the run to the date.
  Sweeps: one row per point and output (design values, then mean and band).
* ``contents``: every file or sheet written, its rows, what it holds and, for a table split
  into parts, which rows each part holds.
* ``bands``: every (replicate, time) series by record date: mean, low (5 %), high (95 %).
* ``<series>`` for (replicate, time) series: every replicate, tidy
  ([variant], replicate, date, value).
* ``<series>`` for per-municipality series, as ``detail`` says:
  ``"years"`` (default): one row per fiscal year, municipality [and category]: mean, low,
  high over replicates of the state at the end of the fiscal year (stocks) or of the
  fiscal-year total (flows; complete years only), and for coded series (stages, modes) the
  median code and its label. ``"replicates"``: every value of every replicate and record
  date ([variant], replicate, date, municipality, municipality_name, [category], value,
  [label]), split into parts at date boundaries.
* experiments: ``differences_<series>`` (variant, date, mean, lower, upper); sweeps:
  ``design`` and ``output_<name>`` (point, replicate, value) and kept series.
* ``municipalities``, ``provenance`` (key, value), and the scenario, experiment or sweep
  definition (``scenario.toml`` / ``experiment.toml`` / ``sweep.toml``; in a workbook a
  sheet of its lines).

A table longer than ``max_rows`` (default 1,048,575 data rows: Excel's 1,048,576 rows with
the header) is split into parts ``<table>_part1.csv``, ``_part2`` ... (sheets ``<table> (1)``
...), each ending at a date (or replicate) boundary; ``contents`` says which rows each holds.

CSV files are UTF-8 **with a byte-order mark** (``utf-8-sig``): Excel opens a CSV without one
in the system code page and garbles Japanese names (大分市); with it, Excel, LibreOffice,
pandas (``encoding="utf-8-sig"``) and R read them correctly. The workbook needs openpyxl
(Debian package ``python3-openpyxl``); without it :class:`MissingPackage` is raised before
anything is written.

Everything is written to a temporary directory (or file) beside the target and renamed into
place when complete; the target must not exist (a CSV directory may exist empty), so nothing
is overwritten or left half done.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np
import pandas as pd

from .compare import TARGET_DATE, _t_interval, scenario_label
from .experiment import ExperimentFile
from .fiscal import complete_flow_years, fiscal_year, flow_fiscal_year
from .load import open_file, provenance
from .sweep import SweepFile
from .targets import INSTITUTIONS, probability_all_covered

ENCODING = "utf-8-sig"
EXCEL_MAX_ROWS = 1_048_576  # rows of an Excel (and LibreOffice Calc) sheet, the header included
MAX_ROWS = EXCEL_MAX_ROWS - 1  # data rows per file or sheet
DETAILS = ("years", "replicates")
FORMATS = ("csv", "xlsx")
LOW, HIGH = 0.05, 0.95
_CHUNK_ROWS = 250_000  # rows built in memory at a time
_SHEET_NAME_MAX = 31  # Excel's limit
_XLSX_PACKAGE = "python3-openpyxl"


class MissingPackage(ImportError):
    """A Python package an export format needs is not installed (the message names the
    Debian package)."""


@dataclass
class _Table:
    """One table of the export: ``chunks()`` yields its rows as DataFrames, in order; ``rows``
    is their total; ``keys`` are the columns that locate a row (for the split note)."""

    name: str
    holds: str
    rows: int
    chunks: Callable[[], Iterator[pd.DataFrame]]
    keys: tuple = ()
    text: str | None = None  # a text file (TOML) instead of rows
    unit: int = 1  # rows of a block parts must not cut (a date's rows), when a part holds one


@dataclass
class _Part:
    name: str  # file or sheet name
    table: str
    rows: int = 0
    first: str = ""  # the key columns of its first row, e.g. "replicate 0, date 2024-04-01"
    last: str = ""
    holds: str = ""

    def add(self, chunk: pd.DataFrame, keys) -> None:
        """Counts `chunk`'s rows into this part and notes its first and last keys."""
        if not self.rows and len(chunk):
            self.first = _key_text(chunk.iloc[0], keys)
        if len(chunk):
            self.last = _key_text(chunk.iloc[-1], keys)
        self.rows += len(chunk)


# -- statistics -----------------------------------------------------------------------------


def _band(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, 5 % and 95 % quantile over axis 0 (numpy's linear quantiles, as RunFile.band)."""
    if x.shape[0] == 0:
        nan = np.full(x.shape[1:], np.nan)
        return nan, nan, nan
    return x.mean(axis=0), np.quantile(x, LOW, axis=0), np.quantile(x, HIGH, axis=0)


def _kind(run, name: str) -> str:
    """"flow" or "stock" (the series' ``kind`` attribute; files without it: stock)."""
    kind = run._dataset(name).attrs.get("kind", b"stock")
    return kind.decode() if isinstance(kind, bytes) else str(kind)


def _labels(run, name: str) -> list[str] | None:
    try:
        return run.labels(name)
    except KeyError:
        return None


def _order(names) -> list[str]:
    """Series in reading order: the institutions' (基幹, 拠点, council, 重層) first, then the rest."""

    def key(n):
        for i, inst in enumerate(INSTITUTIONS):
            if n.startswith(inst + "_"):
                return (i, n)
        return (len(INSTITUTIONS), n)

    return sorted(names, key=key)


def _through(run, day: pd.Timestamp, kind: str) -> Callable[[np.ndarray], np.ndarray]:
    """A function giving, per replicate, the value on ``day`` of an (R, T) array of the run.
    Stocks: the last record on or before the day. Flows: the sum of the records from the start
    up to the one that closes the day (a record covers the days before its date)."""
    if kind == "flow":
        n = int(run.dates.searchsorted(day + pd.Timedelta(days=1), side="right"))
        return lambda x: x[:, :n].sum(axis=1)
    t = int(run.dates.searchsorted(day, side="right")) - 1
    return lambda x: x[:, t]


def _summary_rows(runs, by, baseline=None) -> list[dict]:
    """Summary rows of runs or variants (see the module notes)."""
    rows = []
    for run in runs:
        first, last = run.dates[0], run.dates[-1]
        whens = []
        target = _target_day(by)
        if first <= target <= last:
            whens.append(("target date", target))
        whens.append(("end of run", last))
        names = [n for n in _order(run.series_names()) if run._dataset(n).ndim == 2]
        for name in names:
            kind = _kind(run, name)
            x = run.array(name).astype(np.float64)
            base = None
            if baseline is not None and run.position != baseline.position:
                base = baseline.array(name).astype(np.float64)
            for when, day in whens:
                pick = _through(run, day, kind)
                v = pick(x)
                mean, low, high = _band(v[:, None])
                row = {
                    "scenario": scenario_label(run), "series": name, "units": run.units(name),
                    "measure": "total from the start to the date" if kind == "flow" else "state on the date",
                    "at": when, "date": day.strftime("%Y-%m-%d"),
                    "mean": float(mean[0]), "low": float(low[0]), "high": float(high[0]),
                    "probability_all": np.nan,
                }
                inst = next((i for i in INSTITUTIONS if name in (f"{i}_coverage", f"{i}_municipalities")), None)
                if inst is not None:
                    try:
                        row["probability_all"] = probability_all_covered(run, inst, by=day)
                    except (KeyError, ValueError):  # no stage series for it (experiments: 基幹 only)
                        pass
                if baseline is not None:
                    d_mean = d_low = d_high = np.nan
                    if base is not None:
                        m, lo, hi = _t_interval((v - pick(base))[:, None])
                        d_mean, d_low, d_high = float(m[0]), float(lo[0]), float(hi[0])
                    row.update(difference_mean=d_mean, difference_lower=d_low, difference_upper=d_high)
                row["replicates"] = x.shape[0]
                rows.append(row)
    return rows


def summary(path_or_file, by=TARGET_DATE) -> pd.DataFrame:
    """The ``summary`` table of an export (see the module notes) of a run, experiment or sweep
    file (a path or an open file).

    Runs and experiments: one row per scenario (variant) and (replicate, time) series and per
    date (``at`` "target date" for ``by``, when the run covers it, and "end of run" for the
    last record date), with columns scenario, series, units, measure ("state on the date" for
    stocks; "total from the start to the date" for flows), at, date (ISO), mean, low, high
    (5 % and 95 % quantiles over replicates), probability_all (share of replicates in which
    every municipality has the institution by the date, on ``<institution>_coverage`` and
    ``_municipalities`` rows where the file holds the stages; NaN elsewhere), for experiments
    difference_mean, difference_lower, difference_upper (variant minus baseline, replicate by
    replicate, with the 95 % t interval of the mean; NaN for the baseline), and replicates.

    Sweeps: one row per point and output: point, output, the design's parameter values, then
    the output's mean, p05, p50, p95 over replicates as the sweep wrote them.
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        with open_file(path_or_file) as f:
            return summary(f, by)
    f = path_or_file
    _target_day(by)  # a bad date raises ValueError before any work
    if isinstance(f, SweepFile):
        design = f.design[list(f.parameters.index)]
        parts = []
        for name in f.output_names():
            s = f.output_summary(name)
            parts.append(pd.concat([pd.DataFrame({"output": name}, index=s.index), design, s], axis=1).reset_index())
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["point", "output"])
    if isinstance(f, ExperimentFile):
        variants = f.variants()
        return pd.DataFrame(_summary_rows(variants, by, baseline=variants[0]))
    return pd.DataFrame(_summary_rows([f], by))


# -- tables ----------------------------------------------------------------------------------


def _one(df: pd.DataFrame) -> Callable[[], Iterator[pd.DataFrame]]:
    return lambda: iter([df])


def _frame_table(name: str, holds: str, df: pd.DataFrame, keys=()) -> _Table:
    return _Table(name, holds, len(df), _one(df), tuple(keys))


def _bands_table(runs, with_variant: bool) -> _Table:
    frames = []
    for run in runs:
        for name in _order(run.series_names()):
            if run._dataset(name).ndim != 2:
                continue
            mean, low, high = _band(run.array(name).astype(np.float64))
            df = pd.DataFrame({"series": name, "date": run.dates, "mean": mean, "low": low, "high": high,
                               "units": run.units(name)})
            if with_variant:
                df.insert(0, "variant", run.name)
            frames.append(df)
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["series", "date"])
    keys = ("variant", "series", "date") if with_variant else ("series", "date")
    return _frame_table("bands", "every (replicate, time) series by record date: mean, low (5 %), high (95 %) over "
                        "replicates; flows are the record's own (the days since the previous record)", df, keys)


def _replicate_chunks(runs, name: str, with_variant: bool) -> Iterator[pd.DataFrame]:
    """Tidy rows of a series, a replicate at a time, cut at date boundaries into chunks."""
    for run in runs:
        names = run.municipalities["name"]
        labels = _labels(run, name)
        codes = dict(enumerate(labels)) if labels is not None else None
        n_t = len(run.dates)
        for r in run.replicates:
            df = run.series(name, replicates=int(r))
            if "municipality" in df:
                df.insert(df.columns.get_loc("municipality") + 1, "municipality_name", df["municipality"].map(names))
            if codes is not None:
                df["label"] = df["value"].map(codes)
            if with_variant:
                df.insert(0, "variant", run.name)
            per_date = len(df) // n_t if n_t else 0
            step = max(1, _CHUNK_ROWS // max(per_date, 1)) * per_date
            for start in range(0, len(df), max(step, 1)):
                yield df.iloc[start:start + step]


def _year_chunks(runs, name: str, with_variant: bool) -> Iterator[pd.DataFrame]:
    """Per fiscal year, municipality [and category]: mean and band over replicates."""
    for run in runs:
        ds = run._dataset(name)
        kind = _kind(run, name)
        labels = _labels(run, name)
        m = run.municipalities
        axis = run._category_axis(ds) if ds.ndim == 4 else None
        per_m = len(axis[1]) if axis else 1
        for fy, read in _fiscal_years(run, kind):
            x = read(ds).astype(np.float64)  # (R, M[, C])
            mean, low, high = _band(x)
            cols = {"fiscal_year": fy, "municipality": np.repeat(m.index.values, per_m),
                    "municipality_name": np.repeat(m["name"].values, per_m)}
            if axis:
                cols[axis[0]] = np.tile(np.asarray(axis[1], dtype=object), len(m))
            cols.update(mean=mean.reshape(-1), low=low.reshape(-1), high=high.reshape(-1))
            if labels is not None and x.shape[0]:
                med = np.quantile(x, 0.5, axis=0, method="inverted_cdf").reshape(-1).astype(np.int64)
                cols["median"] = med
                cols["label"] = [labels[k] if 0 <= k < len(labels) else "" for k in med]
            df = pd.DataFrame(cols)
            if with_variant:
                df.insert(0, "variant", run.name)
            yield df


def _fiscal_years(run, kind: str) -> list[tuple[int, Callable]]:
    """(fiscal year, reader of its (R, M[, C]) values from the dataset) for every fiscal year
    the run covers: stocks at the end of the year (the last record on or before 31 March),
    for years that end within the run; flows summed over the year, complete years only."""
    dates = run.dates
    out = []
    if kind == "flow":
        fy = flow_fiscal_year(dates)
        for y in complete_flow_years(dates):
            idx = np.flatnonzero(fy == y)
            out.append((y, lambda ds, a=int(idx[0]), b=int(idx[-1]) + 1: ds[:, a:b].astype(np.float64).sum(axis=1)))
        return out
    y = int(fiscal_year(dates[:1])[0])
    while (end := pd.Timestamp(y + 1, 3, 31)) <= dates[-1]:
        t = int(dates.searchsorted(end, side="right")) - 1
        out.append((y, lambda ds, t=t: ds[:, t]))
        y += 1
    return out


def _series_table(runs, name: str, detail: str, with_variant: bool) -> _Table:
    run0 = runs[0]
    ds = run0._dataset(name)
    shape = ds.shape
    keys = (("variant",) if with_variant else ())
    desc = run0.description(name)
    units = run0.units(name)
    if ds.ndim == 2 or detail == "replicates":
        rows = int(np.prod(shape)) * len(runs)
        holds = f"{desc} [{units}]; every replicate and record date"
        return _Table(name, holds, rows, lambda: _replicate_chunks(runs, name, with_variant),
                      keys + ("replicate", "date"), unit=int(np.prod(shape[2:])))
    kind = _kind(run0, name)
    per_year = int(np.prod(shape[2:]))
    rows = len(_fiscal_years(run0, kind)) * per_year * len(runs)
    what = "the fiscal-year total" if kind == "flow" else "the state at the end of the fiscal year"
    coded = "; median: the median code, label its name" if _labels(run0, name) is not None else ""
    holds = f"{desc} [{units}]; per fiscal year: mean, low (5 %), high (95 %) over replicates of {what}{coded}"
    return _Table(name, holds, rows, lambda: _year_chunks(runs, name, with_variant), keys + ("fiscal_year",),
                  unit=per_year)


def _tables(f, by, detail: str) -> list[_Table]:
    """Every table of the export of an open file, in order."""
    tables = [_frame_table("summary", "one row per scenario and series on the target date and at the end of the run "
                           "(sweeps: per point and output)", summary(f, by))]
    prov = pd.DataFrame(sorted(provenance(f).items()), columns=["key", "value"])
    if isinstance(f, SweepFile):
        tables.append(_frame_table("design", "the design: one row per point", f.design.reset_index(), ("point",)))
        for name in f.output_names():
            out = f.output(name).reset_index().melt(id_vars="point", var_name="replicate", value_name="value")
            out = out.sort_values(["point", "replicate"], kind="stable")
            tables.append(_frame_table(f"output_{name}", f"output {name}: every point and replicate", out,
                                       ("point", "replicate")))
        for name in f.series_names():
            tables.append(_frame_table(name, f"kept series {name}: every point, replicate and date",
                                       f.series(name), ("point", "replicate", "date")))
        tables.append(_frame_table("provenance", "what produced the file", prov))
        tables.append(_Table("sweep.toml", "the sweep definition", 0, _one(pd.DataFrame()),
                             text=f.attrs.get("sweep_toml", "")))
        return tables
    experiment = isinstance(f, ExperimentFile)
    runs = f.variants() if experiment else [f]
    base = runs[0]
    tables.append(_bands_table(runs, experiment))
    names = _order(base.series_names())
    for name in names:
        tables.append(_series_table(runs, name, detail, experiment))
    if experiment:
        for name in f.difference_names():
            tables.append(_frame_table(f"differences_{name}", f"{name}: mean paired difference from the baseline "
                                       "and its 95 % interval, by record date", f.differences(name),
                                       ("variant", "date")))
    tables.append(_frame_table("municipalities", "one row per municipality", base.municipalities.reset_index(),
                               ("code",)))
    tables.append(_frame_table("provenance", "what produced the file", prov))
    key, name = ("experiment_toml", "experiment.toml") if experiment else ("scenario_toml", "scenario.toml")
    tables.append(_Table(name, "the experiment definition" if experiment else "the resolved scenario", 0,
                         _one(pd.DataFrame()), text=f.attrs.get(key, "")))
    return tables


# -- writers ----------------------------------------------------------------------------------


def _key_text(row: pd.Series, keys) -> str:
    parts = []
    for k in keys:
        if k in row.index:
            v = row[k]
            if isinstance(v, pd.Timestamp):
                v = v.strftime("%Y-%m-%d")
            parts.append(f"{k} {v}")
    return ", ".join(parts)


def _split(chunks: Iterator[pd.DataFrame], max_rows: int, unit: int = 1) -> Iterator[tuple[int, pd.DataFrame]]:
    """(part number from 1, rows): the chunks' rows in order, in parts of at most ``max_rows``
    rows, each part ending at a multiple of ``unit`` rows into a chunk (a date boundary: a
    chunk starts at one), unless a single block is longer than a part."""
    part, used = 1, 0
    for chunk in chunks:
        while len(chunk):
            room = max_rows - used
            take = len(chunk) if len(chunk) <= room else room // unit * unit
            if take == 0:
                if used:
                    part, used = part + 1, 0
                    continue
                take = max_rows  # a block longer than a part: cut inside it
            yield part, chunk.iloc[:take]
            used += take
            chunk = chunk.iloc[take:]


class _CsvWriter:
    def __init__(self, directory: str):
        self.directory = directory

    def write(self, table: _Table, max_rows: int) -> list[_Part]:
        if table.text is not None:
            with open(os.path.join(self.directory, table.name), "w", encoding="utf-8") as fh:
                fh.write(table.text)
            return [_Part(table.name, table.name, holds=table.holds)]
        split = table.rows > max_rows
        parts: list[_Part] = []
        fh = None
        try:
            for number, chunk in _split(table.chunks(), max_rows, table.unit):
                if not parts or number != len(parts):
                    if fh is not None:
                        fh.close()
                    name = f"{table.name}_part{number}.csv" if split else f"{table.name}.csv"
                    fh = open(os.path.join(self.directory, name), "w", encoding=ENCODING, newline="")
                    parts.append(_Part(name, table.name, holds=table.holds))
                    header = True
                parts[-1].add(chunk, table.keys)
                chunk.to_csv(fh, header=header, index=False, date_format="%Y-%m-%d")
                header = False
            if not parts:  # an empty table still gets its header
                name = f"{table.name}.csv"
                fh = open(os.path.join(self.directory, name), "w", encoding=ENCODING, newline="")
                pd.DataFrame().to_csv(fh, index=False)
                parts.append(_Part(name, table.name, holds=table.holds))
        finally:
            if fh is not None:
                fh.close()
        return parts


def _sheet_name(name: str, taken: set, suffix: str = "") -> str:
    """A sheet name Excel accepts (at most 31 characters, none of []:*?/\\), unique in the book."""
    clean = "".join("_" if c in '[]:*?/\\' else c for c in name)
    base = clean[: _SHEET_NAME_MAX - len(suffix)] + suffix
    out, k = base, 1
    while out.lower() in taken:
        k += 1
        tail = f"~{k}{suffix}"
        out = clean[: _SHEET_NAME_MAX - len(tail)] + tail
    taken.add(out.lower())
    return out


def _cells(df: pd.DataFrame) -> Iterator[tuple]:
    """Rows of a DataFrame as Python values for openpyxl: dates as datetime.date, NaN as empty."""
    df = df.copy()
    for c in df.columns:
        col = df[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            df[c] = pd.Series([d.date() if not pd.isna(d) else None for d in col], index=df.index, dtype=object)
        elif col.dtype.kind == "f":
            df[c] = col.astype(object).where(col.notna(), None)
        elif col.dtype.kind in "iub":
            df[c] = col.astype(object)
    return df.itertuples(index=False, name=None)


def _openpyxl():
    try:
        import openpyxl
    except ImportError:
        raise MissingPackage(f"--format xlsx needs the Python package openpyxl, which is not installed: install the "
                             f"Debian package {_XLSX_PACKAGE} (apt-get install {_XLSX_PACKAGE}), or export CSV "
                             "(the default)") from None
    return openpyxl


class _XlsxWriter:
    def __init__(self, book):
        self.book = book
        self.taken: set = set()

    def sheet(self, name: str, suffix: str = ""):
        title = _sheet_name(name, self.taken, suffix)
        return self.book.create_sheet(title), title

    def write(self, table: _Table, max_rows: int) -> list[_Part]:
        if table.text is not None:
            ws, title = self.sheet(table.name)
            ws.append(["line"])
            for line in table.text.splitlines():
                ws.append([line])
            return [_Part(title, table.name, rows=len(table.text.splitlines()), holds=table.holds)]
        split = table.rows > max_rows
        parts: list[_Part] = []
        ws = None
        for number, chunk in _split(table.chunks(), max_rows, table.unit):
            if not parts or number != len(parts):
                ws, title = self.sheet(table.name, f" ({number})" if split else "")
                ws.append([str(c) for c in chunk.columns])
                parts.append(_Part(title, table.name, holds=table.holds))
            parts[-1].add(chunk, table.keys)
            for row in _cells(chunk):
                ws.append(row)
        if not parts:
            _, title = self.sheet(table.name)
            parts.append(_Part(title, table.name, holds=table.holds))
        return parts


def _contents(parts: list[_Part], max_rows: int, kind: str) -> pd.DataFrame:
    counts: dict = {}
    for p in parts:
        counts[p.table] = counts.get(p.table, 0) + 1
    seen: dict = {}
    rows = []
    for p in parts:
        seen[p.table] = seen.get(p.table, 0) + 1
        n = counts[p.table]
        split = (f"part {seen[p.table]} of {n} (at most {max_rows:,} rows per {kind}): from {p.first} to {p.last}"
                 if n > 1 else "")
        rows.append({kind: p.name, "table": p.table, "rows": p.rows, "holds": p.holds, "split": split})
    return pd.DataFrame(rows, columns=[kind, "table", "rows", "holds", "split"])


@dataclass
class ExportResult:
    """What :func:`export_csv` and :func:`export_xlsx` wrote: ``files`` (CSV file or sheet
    names, in order, ``contents`` first after ``summary``), ``contents`` (the contents table:
    name, table, rows, holds, split) and ``split`` (tables written in more than one part ->
    number of parts)."""

    path: str
    files: list
    contents: pd.DataFrame
    split: dict

    def __iter__(self):  # list(result) gives the names, as export_csv returned before
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


def _target_day(by) -> pd.Timestamp:
    try:
        return pd.Timestamp(by).normalize()
    except (TypeError, ValueError):
        raise ValueError(f"target date {by!r} is not a date; expected YYYY-MM-DD such as {TARGET_DATE}") from None


def _run_export(path, writer_factory, by, detail, max_rows, kind):
    max_rows = MAX_ROWS if max_rows is None else max_rows
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {', '.join(DETAILS)}, not {detail!r}")
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        raise ValueError(f"max_rows must be a positive integer, not {max_rows!r}")
    _target_day(by)
    with open_file(path) as f:
        tables = _tables(f, by, detail)
        writer = writer_factory()
        first = writer.write(tables[0], max_rows)  # summary first
        # contents second: its rows are known only at the end, so the writers reserve its place
        place = writer.reserve_contents()
        rest = []
        for t in tables[1:]:
            rest += writer.write(t, max_rows)
        contents_name = "contents.csv" if kind == "file" else "contents"
        all_parts = first + [_Part(contents_name, "contents", rows=len(first) + len(rest) + 1,
                                   holds="every file or sheet of the export")] + rest
        contents = _contents(all_parts, max_rows, kind)
        writer.write_contents(contents, place)
    split = {t: int(n) for t, n in contents["table"].value_counts().items() if n > 1}
    return [p.name for p in all_parts], contents, split


class _CsvBook(_CsvWriter):
    def reserve_contents(self):
        return None  # a file: written at the end, listed second

    def write_contents(self, contents, _place):
        contents.to_csv(os.path.join(self.directory, "contents.csv"), index=False, encoding=ENCODING)


class _XlsxBook(_XlsxWriter):
    def reserve_contents(self):
        ws, _ = self.sheet("contents")
        return ws

    def write_contents(self, contents, ws):
        ws.append(list(contents.columns))
        for row in _cells(contents):
            ws.append(row)


def _check_new_directory(directory: str) -> None:
    if os.path.exists(directory) and (not os.path.isdir(directory) or os.listdir(directory)):
        raise FileExistsError(f"{directory}: exists and is not an empty directory; choose a new one")


def export_csv(path, directory, by=TARGET_DATE, detail: str = "years", max_rows: int | None = None) -> ExportResult:
    """Writes the export of the file at ``path`` (see the module notes) as CSV files into the
    new directory ``directory`` and returns an :class:`ExportResult` (iterating it gives the
    file names). ``by``: the target date of the summary; ``detail``: "years" or "replicates"
    for per-municipality series; ``max_rows``: data rows per file at most (None:
    :data:`MAX_ROWS`, Excel's limit). Raises
    FileExistsError when ``directory`` exists and is not empty, ValueError for a bad
    ``detail``, ``max_rows`` or date."""
    directory = os.path.abspath(os.fspath(directory))
    _check_new_directory(directory)
    parent = os.path.dirname(directory)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".export-", dir=parent)
    try:
        files, contents, split = _run_export(path, lambda: _CsvBook(tmp), by, detail, max_rows, "file")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)
        if os.path.isdir(directory):
            os.rmdir(directory)  # empty, checked above
        os.rename(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ExportResult(directory, files, contents, split)


def export_xlsx(path, output, by=TARGET_DATE, detail: str = "years", max_rows: int | None = None) -> ExportResult:
    """Writes the export of the file at ``path`` as one Excel workbook ``output`` (a new
    file): the same tables as :func:`export_csv`, one sheet each (sheet names cut to Excel's
    31 characters; ``contents`` gives each sheet's table). Raises :class:`MissingPackage`
    when openpyxl is not installed, FileExistsError when ``output`` exists; arguments as
    :func:`export_csv`."""
    openpyxl = _openpyxl()
    output = os.path.abspath(os.fspath(output))
    if os.path.exists(output):
        raise FileExistsError(f"{output}: exists; choose a new file name")
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".xlsx", dir=parent)
    os.close(fd)
    try:
        book = openpyxl.Workbook(write_only=True)
        files, contents, split = _run_export(path, lambda: _XlsxBook(book), by, detail, max_rows, "sheet")
        book.save(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.rename(tmp, output)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return ExportResult(output, files, contents, split)
