#!/usr/bin/python3
"""The results table of scenarios/comparisons/README.md: each comparison against its
baseline under common random numbers, with the hour accounting that explains it.

    /usr/bin/python3 tools/comparison_table.py --bin build/release/sim/tsunagi --replicates 100 --seed 7
    /usr/bin/python3 tools/comparison_table.py --experiment scenarios/experiments/oita_strategies.toml

With --experiment, the same table for an experiment file's variants against its baseline
(the README's "Which strategy, how many advisers?").

Runs every scenarios/comparisons/*.toml and its baseline (`[scenario] base`) with the same
seed and replicates (the variant shares the base's random numbers), and prints a Markdown
table: 基幹 municipalities at two dates (baseline mean; variant minus baseline, mean and
95 % interval of the paired differences over replicates) and, over the whole run, the
advisers' hours, the need unmet and the idle hours by reason in both runs.
"""

from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys
import tempfile
import tomllib

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(binary: str, scenario: pathlib.Path, out: pathlib.Path, replicates: int, seed: int) -> h5py.File:
    subprocess.run([binary, "run", str(scenario), "-o", str(out), "--replicates", str(replicates), "--seed", str(seed),
                    "--quiet", "--overwrite"], check=True, stdout=subprocess.DEVNULL)
    return h5py.File(out, "r")


def at(f: h5py.File, name: str, date: str) -> np.ndarray:
    dates = list(f["time/date"].asstr()[:])
    return f[f"series/{name}"][:, dates.index(date)].astype(float)


def total(f: h5py.File, name: str) -> float:
    return float(f[f"series/{name}"][:].sum(axis=1).mean()) if f"series/{name}" in f else float("nan")


def paired(a: np.ndarray, b: np.ndarray) -> str:
    d = b - a
    half = 1.96 * d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else float("nan")
    return f"{d.mean():+.1f} [{d.mean() - half:+.1f}, {d.mean() + half:+.1f}]"


def hours(f: h5py.File) -> str:
    idle = {r: total(f, f"adviser_hours_idle_{r}") for r in ("no_need", "at_limit", "cannot_fit", "not_booked", "region_bound")}
    main = max(idle, key=idle.get)
    return (f"{total(f, 'adviser_hours_support'):,.0f} support, {total(f, 'adviser_hours_unmet'):,.0f} need unmet, "
            f"{total(f, 'adviser_hours_idle'):,.0f} idle (mostly {main.replace('_', ' ')})")


def experiment_table(args) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "experiment.h5"
        subprocess.run([args.bin, "experiment", args.experiment, "-o", str(out), "--replicates", str(args.replicates),
                        "--seed", str(args.seed), "--quiet", "--overwrite"], check=True, stdout=subprocess.DEVNULL)
        with h5py.File(out, "r") as f:
            names = list(f["variants/name"].asstr()[:])
            titles = list(f["variants/title"].asstr()[:])
            dates = list(f["time/date"].asstr()[:])
            print(f"{args.replicates} replicates, seed {args.seed}; 基幹 municipalities: mean, and the paired "
                  f"difference from `{names[0]}` with its 95 % interval; hours summed from the start to the "
                  "later date, mean over replicates.\n")
            print(f"| variant | 基幹 {args.dates[0]} | 基幹 {args.dates[1]} | adviser hours | support | need | "
                  "need unmet | idle: no need left | idle: not booked |")
            print("|---|---|---|---|---|---|---|---|---|")
            t_end = dates.index(args.dates[1])
            for v, (name, title) in enumerate(zip(names, titles)):
                cells = []
                for date in args.dates:
                    t = dates.index(date)
                    mean = f["series/kikan_municipalities"][v, :, t].mean()
                    if v == 0:
                        cells.append(f"{mean:.1f}")
                    else:
                        lo, hi = f["differences/kikan_municipalities_lower"][v, t], f[
                            "differences/kikan_municipalities_upper"][v, t]
                        d = f["differences/kikan_municipalities_mean"][v, t]
                        cells.append(f"{mean:.1f} ({d:+.1f} [{lo:+.1f}, {hi:+.1f}])")
                h = {k: f[f"series/{k}"][v, :, : t_end + 1].sum(axis=1).mean() for k in (
                    "adviser_hours_available", "adviser_hours_support", "adviser_hours_needed", "adviser_hours_unmet",
                    "adviser_hours_idle_no_need", "adviser_hours_idle_not_booked")}
                label = f"{names[0]}: the scenario as shipped" if v == 0 else title
                print(f"| {label} | {' | '.join(cells)} | " + " | ".join(f"{x:,.0f}" for x in h.values()) + " |")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=str(ROOT / "build/release/sim/tsunagi"))
    ap.add_argument("--replicates", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dates", nargs=2, default=["2026-04-01", "2028-04-01"])
    ap.add_argument("--experiment", help="an experiment file: tabulate its variants instead")
    args = ap.parse_args()
    if args.experiment:
        return experiment_table(args)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for variant in sorted((ROOT / "scenarios/comparisons").glob("*.toml")):
            base = (variant.parent / tomllib.loads(variant.read_text())["scenario"]["base"]).resolve()
            a = run(args.bin, base, pathlib.Path(tmp) / f"{variant.stem}_base.h5", args.replicates, args.seed)
            b = run(args.bin, variant, pathlib.Path(tmp) / f"{variant.stem}.h5", args.replicates, args.seed)
            cells = []
            for date in args.dates:
                x, y = at(a, "kikan_municipalities", date), at(b, "kikan_municipalities", date)
                cells.append(f"{x.mean():.1f} / {paired(x, y)}")
            rows.append(f"| `{variant.name}` | {' | '.join(cells)} | {hours(a)} | {hours(b)} |")
    print(f"{args.replicates} replicates, seed {args.seed}; 基幹 municipalities: baseline mean / variant minus "
          "baseline, mean [95 % interval] over paired replicates; hours over the whole run, mean over replicates.\n")
    print(f"| variant | 基幹 {args.dates[0]} | 基幹 {args.dates[1]} | baseline's advisers | variant's advisers |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
