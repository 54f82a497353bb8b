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
