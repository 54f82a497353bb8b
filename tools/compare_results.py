#!/usr/bin/python3
"""Results unchanged? Runs every shipped scenario, experiment and sweep with a tsunagi
binary and compares the datasets of the files, bit for bit, with those of another run.

A refactoring of the engine must leave every dataset identical; this is the check.

    # reference outputs from the binary before the change (kept in a folder of your choice)
    tools/compare_results.py run  --bin /tmp/ref/tsunagi --out /tmp/ref_results
    # the same with the binary after the change, then the comparison
    tools/compare_results.py run  --bin build/release/sim/tsunagi --out /tmp/new_results
    tools/compare_results.py diff /tmp/ref_results /tmp/new_results

Replicate counts are cut (--replicates) so that the whole set runs in a few minutes on two
cores; the comparison is per dataset and lists every one that differs. Root attributes
that say when and by which build a file was made (tsunagi_version, commit, created, ...)
are not compared; every other attribute is.
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np

REPO = Path(__file__).resolve().parent.parent

# (name, command words after the binary, output flag given separately).
# Replicates are small: the comparison is of bytes, not of statistics.
JOBS = [
    ("oita", ["run", "scenarios/oita.toml", "--replicates", "4", "--seed", "3"]),
    ("oita_cases", ["run", "scenarios/oita.toml", "--replicates", "2", "--seed", "3", "--set", "cases={}"]),
    ("oita_on_request", ["run", "scenarios/oita.toml", "--replicates", "4", "--seed", "3",
                         "--set", "advisers.strategy=on_request"]),
    ("kochi", ["run", "scenarios/kochi.toml", "--replicates", "4", "--seed", "3"]),
    ("niigata", ["run", "scenarios/niigata.toml", "--replicates", "4", "--seed", "3"]),
    ("okinawa", ["run", "scenarios/okinawa.toml", "--replicates", "4", "--seed", "3"]),
    ("osaka", ["run", "scenarios/osaka.toml", "--replicates", "4", "--seed", "3"]),
    ("saitama", ["run", "scenarios/saitama.toml", "--replicates", "4", "--seed", "3"]),
    ("national", ["run", "scenarios/national.toml", "--replicates", "2", "--seed", "3"]),
    ("national_cases", ["run", "scenarios/cases/national_baseline.toml", "--replicates", "1", "--seed", "3",
                        "--set", "scenario.end=2022-03-31"]),
    ("kochi_plus2", ["run", "scenarios/comparisons/kochi_plus2.toml", "--replicates", "4", "--seed", "3"]),
    ("kochi_minus2", ["run", "scenarios/comparisons/kochi_minus2.toml", "--replicates", "4", "--seed", "3"]),
    ("niigata_placement_kept", ["run", "scenarios/comparisons/niigata_placement_kept.toml", "--replicates", "4",
                                "--seed", "3"]),
    ("oita_on_request_cmp", ["run", "scenarios/comparisons/oita_on_request.toml", "--replicates", "4", "--seed", "3"]),
    ("okinawa_no_trainees", ["run", "scenarios/comparisons/okinawa_no_trainees.toml", "--replicates", "4",
                             "--seed", "3"]),
    ("oita_case_log", ["run", "scenarios/oita.toml", "--replicates", "2", "--seed", "3", "--set", "cases={}",
                       "--set", "output.case_log=\"all\""]),
] + [
    (f"turnover_{p.stem}", ["run", f"scenarios/turnover/{p.name}", "--replicates", "3", "--seed", "3"])
    for p in sorted((REPO / "scenarios/turnover").glob("*.toml"))
] + [
    ("exp_oita_strategies", ["experiment", "scenarios/experiments/oita_strategies.toml", "--replicates", "4",
                             "--seed", "3"]),
    ("exp_oita_turnover", ["experiment", "scenarios/experiments/oita_turnover.toml", "--replicates", "3",
                           "--seed", "3"]),
    ("sweep_oita_sobol", ["sweep", "scenarios/sweeps/oita_sobol.toml", "--replicates", "1", "--seed", "3"]),
    ("oita_history", ["run", "scenarios/oita.toml", "--replicates", "3", "--seed", "3", "--set", "cases={}",
                      "--checkpoint-at", "2025-04-01", "--checkpoint", "{out}/oita_checkpoint.h5"]),
    ("exp_branches", ["experiment", "scenarios/experiments/oita_strategies.toml", "--replicates", "3",
                      "--seed", "3", "--set", "cases={}",
                      "--branch-from", "{out}/oita_checkpoint.h5"]),
    ("precision", ["run", "scenarios/oita.toml", "--replicates", "8", "--seed", "3",
                   "--precision", "kikan_coverage@2027-04-01:0.2"]),
]

# Root attributes that describe the build or the moment, not the result.
# HDF5 dimension-scale attributes hold object addresses, which move when any attribute
# before them changes length; the scales themselves are compared by name instead.
ADDRESSES = {"DIMENSION_LIST", "REFERENCE_LIST"}

VOLATILE = {"tsunagi_version", "commit", "git_commit", "created", "created_utc", "date_created",
            "command", "command_line", "host", "wall_seconds", "elapsed_seconds"}


def run(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failed = []
    for name, words in JOBS:
        if args.only and name not in args.only:
            continue
        target = out / f"{name}.h5"
        if target.exists():
            target.unlink()
        for extra in out.glob(f"*checkpoint*.h5") if name == "oita_history" else []:
            extra.unlink()
        words = [w.replace("{out}", str(out.resolve())) for w in words]
        cmd = [args.bin] + words + ["-o", str(target), "--threads", str(args.threads), "--quiet"]
        r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        status = "ok" if r.returncode == 0 else f"exit {r.returncode}"
        print(f"{name:28s} {status}", flush=True)
        if r.returncode != 0:
            failed.append(name)
            sys.stderr.write(r.stderr[-2000:])
    return 1 if failed else 0


def items(f):
    found = {}

    def visit(name, obj):
        found[name] = obj
    f.visititems(visit)
    return found


def attrs_differ(a, b, root):
    keys = set(a.attrs) | set(b.attrs)
    out = []
    for k in sorted(keys):
        if (root and k in VOLATILE) or k in ADDRESSES:
            continue
        if k not in a.attrs or k not in b.attrs:
            out.append(f"attribute {k} only on one side")
            continue
        va, vb = a.attrs[k], b.attrs[k]
        if isinstance(va, np.ndarray) or isinstance(vb, np.ndarray):
            if not np.array_equal(np.asarray(va), np.asarray(vb)):
                out.append(f"attribute {k}")
        elif va != vb:
            out.append(f"attribute {k}: {va!r} != {vb!r}"[:200])
    return out


def diff_files(pa, pb):
    problems = []
    with h5py.File(pa, "r") as a, h5py.File(pb, "r") as b:
        problems += [f"/: {p}" for p in attrs_differ(a, b, True)]
        ia, ib = items(a), items(b)
        for k in sorted(set(ia) - set(ib)):
            problems.append(f"{k}: only in first")
        added = sorted(set(ib) - set(ia))
        for k in sorted(set(ia) & set(ib)):
            oa, ob = ia[k], ib[k]
            problems += [f"{k}: {p}" for p in attrs_differ(oa, ob, False)]
            if isinstance(oa, h5py.Dataset):
                scales_a = [[s.name for s in d.values()] for d in oa.dims]
                scales_b = [[s.name for s in d.values()] for d in ob.dims]
                if scales_a != scales_b:
                    problems.append(f"{k}: dimension scales {scales_a} != {scales_b}")
                if oa.shape != ob.shape or oa.dtype != ob.dtype:
                    problems.append(f"{k}: shape/type {oa.shape} {oa.dtype} != {ob.shape} {ob.dtype}")
                    continue
                da, db = oa[()], ob[()]
                if isinstance(da, np.ndarray) and da.dtype.kind == "f":
                    same = np.array_equal(da.view(np.uint8), db.view(np.uint8))
                else:
                    same = np.array_equal(np.asarray(da), np.asarray(db))
                if not same:
                    problems.append(f"{k}: values differ")
    return problems, added


def diff(args):
    a, b = Path(args.first), Path(args.second)
    names = sorted(p.name for p in a.glob("*.h5"))
    bad = 0
    for n in names:
        if not (b / n).exists():
            print(f"{n}: missing in {b}")
            bad += 1
            continue
        problems, added = diff_files(a / n, b / n)
        note = f" (+{len(added)} new in the second: {', '.join(added[:4])}{', ...' if len(added) > 4 else ''})" if added else ""
        if problems:
            bad += 1
            print(f"{n}: {len(problems)} differences")
            for p in problems[:20]:
                print(f"    {p}")
        else:
            print(f"{n}: identical{note}")
    print(f"{len(names) - bad} identical, {bad} differ (a dataset only in the second file is new, not a difference)")
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="run every job with a binary into a folder")
    r.add_argument("--bin", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--threads", type=int, default=2)
    r.add_argument("--only", nargs="*", help="job names")
    d = sub.add_parser("diff", help="compare two folders of results")
    d.add_argument("first")
    d.add_argument("second")
    args = ap.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    return run(args) if args.cmd == "run" else diff(args)


if __name__ == "__main__":
    sys.exit(main())
