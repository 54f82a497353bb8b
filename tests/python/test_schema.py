"""One checked open for every file (analysis.open_checked) against files of every type
written by the tsunagi binary: each opens as its type with the root attributes its type
declares (analysis/_schema.py, generated from sim/output/schema.cpp); a wrong type, a newer
version and an unknown type are refused, naming the file, what was found and expected."""

import shutil

import h5py
import numpy as np
import pytest

import analysis

SHORT = ("--set", "scenario.end=2025-09-30")


def _ok(run_tsunagi, *args):
    p = run_tsunagi(*args, timeout=600)
    assert p.returncode == 0, p.stderr


@pytest.fixture(scope="module")
def every_type(run_tsunagi, scenarios_dir, tmp_path_factory):
    """file_type -> a small file of that type written by `tsunagi`."""
    d = tmp_path_factory.mktemp("every_type")
    oita = scenarios_dir / "oita.toml"
    _ok(run_tsunagi, "run", oita, "-o", d / "run.h5", "--replicates", "2", "-q", *SHORT,
        "--checkpoint-at", "2025-01-01", "--checkpoint", d / "checkpoint.h5")
    (d / "e.toml").write_text(f'[experiment]\nname = "e"\nscenario = "{oita}"\n\n'
                              '[[variant]]\nname = "on_request"\nset = ["advisers.strategy=on_request"]\n')
    _ok(run_tsunagi, "experiment", d / "e.toml", "-o", d / "experiment.h5", "--replicates", "2", "-q", *SHORT)
    (d / "w.toml").write_text(f'[sweep]\nname = "w"\nscenario = "{oita}"\ndesign = "latin_hypercube"\nsamples = 2\n'
                              'replicates = 1\n\n[[parameter]]\nkey = "advisers.count"\nmin = 2\nmax = 8\n'
                              'integer = true\n\n[[output]]\nname = "cov"\nseries = "kikan_coverage"\n'
                              'date = "2025-09-01"\n')
    _ok(run_tsunagi, "sweep", d / "w.toml", "-o", d / "sweep.h5", "-q", *SHORT)
    (d / "c.toml").write_text('[calibration]\nname = "c"\nreplicates = 1\nmax_iterations = 1\nthreads = 1\n\n'
                              '[[parameter]]\nkey = "development.adviser_hour_value"\ninitial = 0.5\nmin = 0.05\n'
                              f'max = 20.0\n\n[[target]]\nscenario = "{oita}"\nseries = "kikan_municipalities"\n'
                              'date = 2025-04-01\nvalue = 12\nsd = 1.0\nsource = "test"\n'
                              'set = ["scenario.end=2025-04-30"]\n')
    _ok(run_tsunagi, "calibrate", d / "c.toml", "-o", d / "calibration.h5", "-q")
    return {kind: d / f"{kind}.h5" for kind in analysis.FILE_TYPES}


def test_the_generated_module_declares_five_types():
    assert set(analysis.FILE_TYPES) == {"run", "experiment", "sweep", "checkpoint", "calibration"}
    common = [name for name, _ in analysis.required_attributes("calibration")][:9]
    assert common == ["schema", "schema_version", "file_type", "tsunagi_version", "git_commit", "created", "seed",
                      "replicates", "threads"]


@pytest.mark.parametrize("kind", ["run", "experiment", "sweep", "checkpoint", "calibration"])
def test_every_type_opens_with_its_attributes(every_type, kind):
    path = every_type[kind]
    with analysis.open_checked(path, kind) as f:
        assert f.attrs["file_type"] == kind
        assert f.attrs["schema_version"] == analysis.FILE_TYPES[kind]
        missing = [name for name, _ in analysis.required_attributes(kind) if name not in f.attrs]
        assert not missing, f"{kind} file without {missing}"
        declared = analysis.required_attributes(kind) + analysis.schema.optional_attributes(kind)
        undeclared = set(f.attrs) - {name for name, _ in declared}
        assert not undeclared, f"{kind} file with undeclared root attributes {undeclared}"
    with analysis.open_checked(path) as f:  # any type
        assert f.attrs["file_type"] == kind
    assert analysis.file_type(path) == kind


def test_the_calibration_file_has_its_provenance(every_type):
    with analysis.open_checked(every_type["calibration"], "calibration") as f:
        assert f.attrs["git_commit"] and f.attrs["created"].endswith("Z")
        assert f.attrs["seed"] == 20240401  # the first target's scenario (oita.toml)
        assert f.attrs["threads"] == 1 and f.attrs["replicates"] == 1


def test_the_readers_open_their_types(every_type):
    with analysis.open_run(every_type["run"]) as r:
        assert r.attrs["file_type"] == "run"
    with analysis.open_experiment(every_type["experiment"]) as e:
        assert len(e.variant_names) == 2
    with analysis.open_sweep(every_type["sweep"]) as s:
        assert s.attrs["file_type"] == "sweep"


@pytest.mark.parametrize("found, expected, reader", [
    ("experiment", "run", analysis.open_run),
    ("run", "experiment", analysis.open_experiment),
    ("checkpoint", "sweep", analysis.open_sweep),
    ("calibration", "run", lambda p: analysis.open_checked(p, "run")),
])
def test_wrong_type_is_refused_naming_both(every_type, found, expected, reader):
    path = every_type[found]
    with pytest.raises(analysis.SchemaError) as info:
        reader(path)
    version = analysis.FILE_TYPES[found]  # calibration files are at 2
    assert str(info.value) == (f"{path}: file_type is {found!r} (schema_version {version}), "
                               f"expected {expected!r} (schema_version 1)")


def test_runfile_checks_the_file_type(every_type):
    with pytest.raises(analysis.SchemaError, match="file_type is 'checkpoint'"):
        analysis.RunFile(every_type["checkpoint"])


def test_several_expected_types(every_type):
    with analysis.open_checked(every_type["sweep"], ("run", "sweep")):
        pass
    with pytest.raises(analysis.SchemaError, match=r"expected 'run' \(schema_version 1\) or 'sweep'"):
        analysis.open_checked(every_type["calibration"], ("run", "sweep"))
    with pytest.raises(ValueError, match="unknown file type 'movie'"):
        analysis.open_checked(every_type["run"], "movie")


def _copy(every_type, kind, tmp_path, **attrs):
    path = tmp_path / f"edited_{kind}.h5"
    shutil.copy(every_type[kind], path)
    with h5py.File(path, "r+") as f:
        for k, v in attrs.items():
            if v is None:
                del f.attrs[k]
            else:
                f.attrs[k] = v
    return path


@pytest.mark.parametrize("kind", ["run", "experiment", "calibration"])
def test_newer_version_is_refused(every_type, tmp_path, kind):
    current = analysis.FILE_TYPES[kind]
    path = _copy(every_type, kind, tmp_path, schema_version=np.int32(current + 1))
    with pytest.raises(analysis.SchemaError) as info:
        analysis.open_checked(path, kind)
    message = str(info.value)
    assert message.startswith(f"{path}: schema_version is {current + 1} for file_type {kind!r}, expected {current} ")
    assert "a newer tsunagi wrote it" in message
    with pytest.raises(analysis.SchemaError, match=f"schema_version is {current + 1}"):
        analysis.file_type(path)


def test_a_version_1_calibration_file_is_refused_by_the_calibration_reader(every_type, tmp_path):
    # Version 1 had no flags, no /fit and an interval not scaled by the misfit.
    path = _copy(every_type, "calibration", tmp_path, schema_version=np.int32(1))
    with pytest.raises(analysis.SchemaError, match="an older tsunagi wrote it"):
        analysis.read_calibration(path)


def test_unknown_type_and_absent_type(every_type, tmp_path):
    odd = _copy(every_type, "run", tmp_path, file_type="movie")
    with pytest.raises(analysis.SchemaError, match=r"unknown file_type 'movie' \(schema_version 1\); expected 'run'"):
        analysis.open_checked(odd)
    legacy = _copy(every_type, "sweep", tmp_path, file_type=None)
    with analysis.open_checked(legacy, "run"):  # a version-1 file without file_type is a run
        pass
    with pytest.raises(analysis.SchemaError, match="no root attribute 'file_type'") as info:
        analysis.open_checked(legacy, "sweep")
    assert str(legacy) in str(info.value)


def test_missing_and_not_hdf5(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.h5"):
        analysis.open_checked(tmp_path / "missing.h5", "run")
    text = tmp_path / "notes.h5"
    text.write_text("not hdf5\n")
    with pytest.raises(analysis.SchemaError, match="notes.h5: not an HDF5 file"):
        analysis.open_checked(text, "run")


def test_every_reader_opens_through_open_checked(repo_root):
    """The package's modules open files only through analysis.open_checked (schema.py)."""
    offenders = [p.name for p in (repo_root / "analysis").glob("*.py")
                 if p.name != "schema.py" and "h5py.File(" in p.read_text(encoding="utf-8")]
    assert not offenders
