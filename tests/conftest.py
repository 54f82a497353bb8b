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


def _run_once(tsunagi_bin, scenario: Path, out: Path, replicates: int, extra=()) -> Path:
    """Runs a scenario for a session fixture; fails the session clearly if tsunagi does.
    ``extra``: more arguments for `tsunagi run`, e.g. ("--set", "scenario.end=2025-03-31")."""
    proc = subprocess.run(
        [str(tsunagi_bin), "run", str(scenario), "-o", str(out), "--replicates", str(replicates), "--quiet",
         *map(str, extra)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0 or not out.is_file():
        pytest.fail(f"tsunagi run {scenario.name} failed (exit {proc.returncode}):\n{proc.stderr}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def run_scenario(tsunagi_bin):
    """For fixtures that need a result file of their own: run(scenario, out, replicates,
    *extra) runs `tsunagi run` (extra: more arguments such as "--set", "key=value") and
    returns the path of the result file; a failing run fails the test clearly."""

    def run(scenario: Path, out: Path, replicates: int, *extra) -> Path:
        return _run_once(tsunagi_bin, scenario, out, replicates, extra)

    return run


@pytest.fixture(scope="session")
def oita_run(tsunagi_bin, scenarios_dir, tmp_path_factory) -> Path:
    """scenarios/oita.toml run once with 6 replicates; the path of its result file."""
    out = tmp_path_factory.mktemp("oita") / "oita.h5"
    return _run_once(tsunagi_bin, scenarios_dir / "oita.toml", out, replicates=6)


@pytest.fixture(scope="session")
def cases_run(tsunagi_bin, repo_root, tmp_path_factory) -> Path:
    """scenarios/oita.toml with case flows (an empty [cases] table appended: every case
    default) run once with 3 replicates; the path of its result file. The scenario that was
    run is written beside it as oita_cases.toml (its CSV path made absolute)."""
    directory = tmp_path_factory.mktemp("oita_cases")
    text = (repo_root / "scenarios" / "oita.toml").read_text(encoding="utf-8")
    csv = (repo_root / "scenarios" / "data" / "municipalities_2020.csv").resolve()
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if line.startswith('csv = "data/municipalities_2020.csv"')]
    assert len(hits) == 1, f"scenarios/oita.toml: expected one csv line, found {len(hits)}"
    lines[hits[0]] = f'csv = "{csv}"'
    scenario = directory / "oita_cases.toml"
    scenario.write_text("\n".join(lines).rstrip("\n") + "\n\n[cases]\n", encoding="utf-8")
    return _run_once(tsunagi_bin, scenario, directory / "oita_cases.h5", replicates=3)
