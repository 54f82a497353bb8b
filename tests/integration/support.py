"""Helpers shared by the integration tests of `tsunagi experiment` and `tsunagi sweep`:
running the binary, comparing two result files object by object (every dataset and
attribute, except those that say how a file was made: created, threads, ranks), located
error lines, leftover temporary files, and launching over MPI ranks."""

import os
import re
import shutil
import subprocess

import h5py
import numpy as np
import pytest


def run_ok(run_tsunagi, *args):
    proc = run_tsunagi(*args)
    assert proc.returncode == 0, f"tsunagi {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr}"
    return proc


def line_of(text, needle, occurrence=1):
    """1-based line number of the `occurrence`-th line containing `needle`."""
    hits = [i + 1 for i, line in enumerate(text.split("\n")) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not found {occurrence} times"
    return hits[occurrence - 1]


def leftovers(directory, target_name):
    """Temporary files (.<name>.tmp-<pid>) left beside a result file."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(f".{target_name}.tmp-"))


def dataset_value(ds):
    """A dataset's contents, strings decoded."""
    if h5py.check_string_dtype(ds.dtype) is not None:
        return ds.asstr()[()]
    return ds[()]


def attr_value(value):
    if isinstance(value, bytes):
        return value.decode()
    return value


def same_values(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        return False
    if a.dtype.kind == "f" and b.dtype.kind == "f":
        return np.array_equal(a, b, equal_nan=True)
    return np.array_equal(a, b) if a.dtype.kind != "O" else a.tolist() == b.tolist()


def file_contents(path, ignored_root_attrs):
    """{object name: (kind, dtype, shape, value, attrs, dimension scales)} of every group and
    dataset; reference attributes (dimension-scale bookkeeping) are replaced by the names of
    the scales attached."""
    contents = {}
    with h5py.File(path, "r") as f:
        def attrs_of(obj, root=False):
            out = {}
            for k, v in obj.attrs.items():
                if k in ("DIMENSION_LIST", "REFERENCE_LIST") or (root and k in ignored_root_attrs):
                    continue
                out[k] = attr_value(v)
            return out

        contents["/"] = ("group", None, None, None, attrs_of(f, root=True), None)

        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                dims = [[s.name for s in d.values()] + [d.label] for d in obj.dims]
                contents[name] = ("dataset", obj.dtype.str if obj.dtype.kind != "O" else "O", obj.shape,
                                  dataset_value(obj), attrs_of(obj), dims)
            else:
                contents[name] = ("group", None, None, None, attrs_of(obj), None)

        f.visititems(visit)
    return contents


def assert_same_files(a_path, b_path, ignored_root_attrs=("created", "threads", "ranks")):
    a, b = file_contents(a_path, ignored_root_attrs), file_contents(b_path, ignored_root_attrs)
    assert sorted(a) == sorted(b), f"objects differ: {sorted(set(a) ^ set(b))}"
    assert len(a) > 10, "too few objects to be a tsunagi file"
    for name in a:
        ka, dta, sha, va, attrs_a, dims_a = a[name]
        kb, dtb, shb, vb, attrs_b, dims_b = b[name]
        assert (ka, dta, sha) == (kb, dtb, shb), name
        assert dims_a == dims_b, f"{name}: dimension scales differ"
        assert sorted(attrs_a) == sorted(attrs_b), f"{name}: attribute names differ"
        for k in attrs_a:
            assert same_values(attrs_a[k], attrs_b[k]), f"{name}: attribute {k} differs: {attrs_a[k]!r} != {attrs_b[k]!r}"
        if ka == "dataset":
            assert same_values(va, vb), f"dataset {name} differs between {a_path} and {b_path}"


def mpi_env():
    env = os.environ.copy()
    env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMPI_MCA_btl="self,vader",
               OMPI_MCA_btl_vader_single_copy_mechanism="none")
    return env


def mpirun(tsunagi_bin, *args, ranks=2):
    exe = shutil.which("mpirun")
    if exe is None:
        pytest.skip("mpirun is not on PATH (install openmpi-bin to test runs over MPI ranks)")
    return subprocess.run([exe, "--oversubscribe", "-np", str(ranks), str(tsunagi_bin), *map(str, args)],
                          capture_output=True, text=True, timeout=300, env=mpi_env())


def assert_refused(run_tsunagi, command, path, out, patterns):
    """`tsunagi COMMAND PATH -o OUT` exits 2, its stderr matches every regex in `patterns`,
    and every error line is located (file:line[:column]: key: message). Returns the process."""
    proc = run_tsunagi(command, path, "-o", out, "-q")
    assert proc.returncode == 2, f"exit {proc.returncode}, stderr:\n{proc.stderr}"
    for p in patterns:
        assert re.search(p, proc.stderr), f"{p!r} not in stderr:\n{proc.stderr}"
    for line in proc.stderr.splitlines():
        if line.startswith("error:"):
            assert re.match(r"error: \S+:\d+(:\d+)?: \S+: ", line), f"not a located message: {line}"
    return proc


def calibration_toml(name, replicates, iterations, parameters, targets):
    """A calibration file's text (docs/calibration.md): `parameters` are (key, initial, min,
    max) tuples, `targets` the [[target]] blocks (oita_target) or any extra text."""
    out = f'\n[calibration]\nname = "{name}"\nreplicates = {replicates}\nmax_iterations = {iterations}\n'
    for key, initial, low, high in parameters:
        out += f'\n[[parameter]]\nkey = "{key}"\ninitial = {initial}\nmin = {low}\nmax = {high}\n'
    return out + "".join(targets)


def oita_target(scenarios_dir, date="2025-04-01", value=12, sd=None, **strings):
    """A [[target]] block on scenarios/oita.toml; `strings` are quoted keys (series,
    prefecture, source...), in the order given."""
    out = f"\n[[target]]\nscenario = \"{scenarios_dir / 'oita.toml'}\"\n"
    out += "".join(f'{k} = "{v}"\n' for k, v in strings.items() if k != "source")
    out += f"date = {date}\nvalue = {value}\n" + (f"sd = {sd}\n" if sd is not None else "")
    return out + (f'source = "{strings["source"]}"\n' if "source" in strings else "")
