"""Shared fixtures for the Python and integration tests.

The tests use the built `tsunagi` binary: $TSUNAGI_BIN, or build/release/sim/tsunagi.
They never build it; a missing binary is a test failure, not a skip.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def tsunagi_bin() -> Path:
    """Path of the tsunagi binary; fails (does not skip) when it is missing."""
    path = Path(os.environ.get("TSUNAGI_BIN") or REPO / "build" / "release" / "sim" / "tsunagi")
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(
            f"tsunagi binary not found or not executable at {path}; build it "
            "(cmake --preset release && cmake --build --preset release) or set TSUNAGI_BIN",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def scenarios_dir() -> Path:
    return REPO / "scenarios"


@pytest.fixture(scope="session")
def run_tsunagi(tsunagi_bin):
    """Runs `tsunagi ARGS...` and returns the CompletedProcess (text, both streams captured)."""

    def run(*args, cwd=None, timeout=300):
        return subprocess.run(
            [str(tsunagi_bin), *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=timeout,
        )

    return run


@pytest.fixture(scope="session")
def oita_run(tsunagi_bin, scenarios_dir, tmp_path_factory) -> Path:
    """scenarios/oita.toml run once with 6 replicates; the path of its result file."""
    out = tmp_path_factory.mktemp("oita") / "oita.h5"
    proc = subprocess.run(
        [str(tsunagi_bin), "run", str(scenarios_dir / "oita.toml"), "-o", str(out), "--replicates", "6", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0 or not out.is_file():
        pytest.fail(f"tsunagi run failed (exit {proc.returncode}):\n{proc.stderr}", pytrace=False)
    return out
