"""Fixtures of the analysis-package tests: one result file read two ways.

A test module names its file with a module-scoped `run_path` fixture; `run` then reads it
through the package and `raw` through plain h5py, to check the package against."""

import h5py
import pytest

import analysis


@pytest.fixture(scope="module")
def run(run_path):
    with analysis.open_run(run_path) as r:
        yield r


@pytest.fixture(scope="module")
def raw(run_path):
    with h5py.File(run_path, "r") as f:
        yield f


class H5Reads:
    """Every h5py dataset read while it is installed, as (dataset name, selection key)."""

    def __init__(self):
        self.selections = []

    def clear(self):
        self.selections.clear()

    def assert_selective(self, dataset):
        """`dataset` was read, and never whole: each read selected part of it on disk."""
        reads = [key for name, key in self.selections if name == dataset]
        assert reads, f"{dataset} was not read through h5py"
        for key in reads:
            assert key != () and key != Ellipsis and not (isinstance(key, slice) and key == slice(None)), (dataset, key)


@pytest.fixture
def h5_reads(monkeypatch):
    reads = H5Reads()
    original = h5py.Dataset.__getitem__

    def spy(self, key, *args, **kwargs):
        reads.selections.append((self.name, key))
        return original(self, key, *args, **kwargs)

    monkeypatch.setattr(h5py.Dataset, "__getitem__", spy)
    return reads


# -- result files for the comparison, report and export tests ------------------------------------

REPLICATES = 4


@pytest.fixture(scope="session")
def oita_pair(run_scenario, scenarios_dir, tmp_path_factory):
    """(baseline, variant): scenarios/oita.toml and comparisons/oita_on_request.toml run with the
    same seed and 4 replicates, so their replicates are paired."""
    d = tmp_path_factory.mktemp("pair")
    a = run_scenario(scenarios_dir / "oita.toml", d / "oita.h5", REPLICATES)
    b = run_scenario(scenarios_dir / "comparisons" / "oita_on_request.toml", d / "oita_on_request.h5", REPLICATES)
    return a, b


@pytest.fixture(scope="session")
def experiment_path(oita_pair, tmp_path_factory):
    """A synthetic experiment file (tests/python/synthetic.py) with variants outreach (baseline)
    and on_request, built from `oita_pair`."""
    from synthetic import write_experiment

    path = tmp_path_factory.mktemp("experiment") / "oita_strategies.h5"
    write_experiment(path, oita_pair, ["outreach", "on_request"], ["", "advisers.strategy=on_request"])
    return path


@pytest.fixture(scope="session")
def sweep_path(tmp_path_factory):
    """A synthetic sobol sweep file (tests/python/synthetic.py): 5 x 16 points, 3 replicates."""
    from synthetic import write_sweep

    path = tmp_path_factory.mktemp("sweep") / "sweep.h5"
    write_sweep(path)
    return path


@pytest.fixture(scope="session")
def cases_log_run(run_scenario, scenarios_dir, tmp_path_factory):
    """Oita with case flows ([cases] from --set), hardship arrivals x3.3 in FY2024 (a surge such
    as the 2020 emergency loans, so queues form; tests/integration/test_cases_cli.py) and the
    whole case log, two fiscal years, 2 replicates: a small file for the case-flow charts."""
    out = tmp_path_factory.mktemp("cases_log") / "oita_cases_log.h5"
    surge = 'cases.rate_changes=[{start=2024-04-01, end=2025-03-31, need="hardship", factor=3.3}]'
    return run_scenario(scenarios_dir / "oita.toml", out, 2, "--set", surge, "--set", "output.case_log=all",
                        "--set", "scenario.end=2026-03-31")
