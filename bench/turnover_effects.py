"""Effects of the staff-turnover scenarios (scenarios/turnover/) against their baselines.

    /usr/bin/python3 bench/turnover_effects.py [path/to/tsunagi] [output dir]
    (defaults: build/release/sim/tsunagi and a new temporary directory)

Runs every scenario of scenarios/turnover/ with the replicates its file asks for (20), writes
the result files into the output directory, and prints, for each scenario against its
baseline (baseline.toml; okinawa_no_pipeline.toml against okinawa_pipeline.toml), the mean
difference over replicates and its 95 % t interval. The scenarios share their seed, so
replicate r of a scenario and replicate r of its baseline draw the same random numbers and
the difference is taken replicate by replicate (paired). Also writes effects.csv and
effects.md into the output directory. A measurement, not a test: the figures are those of
scenarios/turnover/README.md.

Measures, per replicate:
  kikan_municipalities at 2026-04-01, at 2027-04-01 and at the last record (the close);
  case_lost_total summed over the run (cases lost at a hand-over or that gave up);
  case_wait_mean averaged over dates, municipalities and agencies, ignoring NaN (days);
  adviser_headcount averaged over the record dates;
  workforce_worker_vacant averaged over the record dates;
  readiness_lost_to_rotation summed over the run and the municipalities;
  kikan_municipalities at 2025-04-01;
  adviser_hours_support and adviser_hours_idle summed over the run (hours).
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
FAMILY = ROOT / "scenarios" / "turnover"
# (scenario, its baseline)
PAIRS = [
    ("high_rotation", "baseline"),
    ("low_rotation", "baseline"),
    ("adviser_loss", "baseline"),
    ("worker_exodus", "baseline"),
    ("institutionalised", "baseline"),
    ("okinawa_no_pipeline", "okinawa_pipeline"),
]
RUNS = ["baseline", "okinawa_pipeline"] + [p for p, _ in PAIRS]


def _at(name, date):
    def get(f):
        dates = [d.decode() for d in f["time/date"][()]]
        i = len(dates) - 1 if date == "end" else dates.index(date)
        return f["series"][name][:, i].astype(np.float64)
    return get


def _total(name):
    def get(f):
        v = f["series"][name][()].astype(np.float64)
        return np.nansum(v.reshape(v.shape[0], -1), axis=1)
    return get


def _mean(name):
    def get(f):
        v = f["series"][name][()].astype(np.float64)
        return np.nanmean(v.reshape(v.shape[0], -1), axis=1)
    return get


# (key, label, function of an open result file -> one value per replicate)
METRICS = [
    ("kikan_2026", "基幹 2026-04-01", _at("kikan_municipalities", "2026-04-01")),
    ("kikan_2027", "基幹 2027-04-01", _at("kikan_municipalities", "2027-04-01")),
    ("kikan_end", "基幹 at the close", _at("kikan_municipalities", "end")),
    ("lost", "cases lost, run total", _total("case_lost_total")),
    ("wait", "mean wait (days)", _mean("case_wait_mean")),
    ("headcount", "advisers at work", _mean("adviser_headcount")),
    ("vacant", "worker posts vacant", _mean("workforce_worker_vacant")),
    ("readiness", "readiness lost to rotation", _total("readiness_lost_to_rotation")),
    ("kikan_2025", "基幹 2025-04-01", _at("kikan_municipalities", "2025-04-01")),
    ("support_h", "adviser support hours, run total", _total("adviser_hours_support")),
    ("idle_h", "adviser idle hours, run total", _total("adviser_hours_idle")),
]


def run_all(binary: str, out: Path) -> dict[str, Path]:
    files = {}
    for name in RUNS:
        path = out / f"{name}.h5"
        subprocess.run([binary, "run", str(FAMILY / f"{name}.toml"), "-o", str(path), "-q", "--overwrite"],
                       check=True, stdout=subprocess.DEVNULL)
        files[name] = path
    return files


def read(path: Path) -> dict:
    with h5py.File(path, "r") as f:
        values = {key: get(f) for key, _, get in METRICS}
        values["replicate"] = f["replicate"][()]
        values["seed"] = int(f.attrs["seed"])
    return values


def t_interval(d: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    n = len(d)
    mean = float(np.mean(d))
    if n < 2:
        return mean, float("nan"), float("nan")
    half = stats.t.ppf(0.5 + level / 2, n - 1) * float(np.std(d, ddof=1)) / np.sqrt(n)
    return mean, mean - half, mean + half


# Decimals shown per metric; the first table holds the headline metrics, the second the rest.
DECIMALS = {"kikan_2026": 2, "kikan_2027": 2, "kikan_end": 2, "lost": 0, "wait": 3, "headcount": 2, "vacant": 2,
            "readiness": 2, "kikan_2025": 2, "support_h": 0, "idle_h": 0}
TABLES = [["kikan_2026", "kikan_2027", "kikan_end", "lost", "wait", "headcount", "vacant", "readiness"],
          ["kikan_2025", "support_h", "idle_h"]]


def fmt(x: float, decimals: int) -> str:
    text = f"{x:+.{decimals}f}"
    return f"{0:.{decimals}f}" if float(text) == 0 else text


def cell(row: dict) -> str:
    """mean [lower, upper]; "0" when the difference is 0 in every replicate."""
    values = [row["difference"], row["lower"], row["upper"]]
    if all(v == 0 for v in values):
        return "0"
    decimals = 2 if row["metric"] == "lost" and abs(values[0]) < 10 else DECIMALS[row["metric"]]
    return "{} [{}, {}]".format(*(fmt(v, decimals) for v in values))


def markdown(rows: list[dict], data: dict) -> str:
    labels = {key: label for key, label, _ in METRICS}
    by = {}
    for r in rows:
        by.setdefault(r["scenario"], {})[r["metric"]] = r
    out = []
    for keys in TABLES:
        out.append("| scenario − baseline | " + " | ".join(labels[k] for k in keys) + " |")
        out.append("|---|" + "---|" * len(keys))
        for base in dict.fromkeys(b for _, b in PAIRS):
            levels = [f"*{np.mean(data[base][k]):.{DECIMALS[k]}f}*" for k in keys]
            out.append(f"| *{base}.toml (level)* | " + " | ".join(levels) + " |")
        for name, base in PAIRS:
            out.append(f"| {name} − {base} | " + " | ".join(cell(by[name][k]) for k in keys) + " |")
        out.append("")
    n = rows[0]["replicates"]
    out.append(f"Levels: mean over {n} replicates. Differences: scenario minus baseline, paired by replicate, "
               "mean [95 % t interval]; 0: identical in every replicate.")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    binary = argv[1] if len(argv) > 1 else str(ROOT / "build" / "release" / "sim" / "tsunagi")
    out = Path(argv[2]) if len(argv) > 2 else Path(tempfile.mkdtemp(prefix="turnover_effects_"))
    out.mkdir(parents=True, exist_ok=True)
    data = {name: read(path) for name, path in run_all(binary, out).items()}

    rows = []
    for name, base in PAIRS:
        a, b = data[base], data[name]
        if a["seed"] != b["seed"] or not np.array_equal(a["replicate"], b["replicate"]):
            raise SystemExit(f"{name} and {base} differ in seed or replicates: they cannot be paired")
        for key, label, _ in METRICS:
            mean, lo, hi = t_interval(b[key] - a[key])
            rows.append({"scenario": name, "baseline": base, "metric": key, "label": label,
                         "baseline_mean": float(np.mean(a[key])), "scenario_mean": float(np.mean(b[key])),
                         "difference": mean, "lower": lo, "upper": hi, "replicates": len(a[key])})

    with open(out / "effects.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)

    text = markdown(rows, data)
    (out / "effects.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\nfiles in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
