"""Running the tsunagi binary from Python, for notebooks and scripts.

    from analysis.runner import run
    path = run("scenarios/oita.toml", "/tmp/oita.h5", replicates=20, sets=["advisers.count=7"])

The binary is $TSUNAGI_BIN (a relative path is taken from the working directory, else from
the repository root), else build/release/sim/tsunagi under the repository root (the same
rule as the tests). Relative scenario paths are taken from the repository root.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def binary() -> Path:
    """Path of the tsunagi binary; FileNotFoundError saying how to get one when it is missing."""
    path = Path(os.environ.get("TSUNAGI_BIN") or REPO / "build" / "release" / "sim" / "tsunagi")
    if not path.is_absolute() and not path.is_file():
        path = REPO / path  # relative to the working directory, else to the repository root
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no tsunagi binary; build it (cmake --preset release && cmake --build "
                                "--preset release) or set TSUNAGI_BIN")
    return path


def run(scenario, out, replicates: int | None = None, sets=(), seed: int | None = None,
        threads: int | None = None) -> Path:
    """``tsunagi run SCENARIO -o OUT`` (overwriting OUT) with ``--set`` for each of ``sets``;
    returns OUT. Raises RuntimeError with tsunagi's message when the run fails.

    ``threads`` defaults to no more threads than replicates: results do not depend on it
    (docs/output.md, root attribute ``threads``), and with one replicate on two threads a
    case run was seen to take seconds instead of a tenth of one."""
    scenario = Path(scenario)
    if not scenario.is_absolute():
        scenario = REPO / scenario
    args = [str(binary()), "run", str(scenario), "-o", str(out), "--overwrite", "--quiet"]
    if replicates is not None:
        args += ["--replicates", str(replicates)]
    if threads is None and replicates is not None:
        threads = max(1, min(replicates, os.cpu_count() or 1))
    if threads is not None:
        args += ["--threads", str(threads)]
    if seed is not None:
        args += ["--seed", str(seed)]
    for s in sets:
        args += ["--set", s]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"tsunagi run {scenario.name} failed (exit {proc.returncode}):\n{proc.stderr}")
    return Path(out)
