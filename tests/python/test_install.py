"""The analysis package installs offline (pyproject.toml + setup.py) into a fresh virtual
environment that sees Debian's packages, and works from outside the repository.

Skipped only when this Python cannot make a virtual environment with pip (no venv or
ensurepip module: Debian's python3-venv is not installed)."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys

import pytest


def _clean_env():
    """The environment without anything that would put the repository on the path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def installed(repo_root, tmp_path_factory):
    """(venv python, its bin directory): the package built and installed with
    `pip install --no-build-isolation --no-index` from a copy of its sources (a build writes
    build/ and *.egg-info beside them, which should not land in the repository)."""
    if importlib.util.find_spec("venv") is None or importlib.util.find_spec("ensurepip") is None:
        pytest.skip("this Python has no venv/ensurepip (Debian package python3-venv)")
    base = tmp_path_factory.mktemp("install")
    src = base / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py"):
        shutil.copy(repo_root / name, src / name)
    shutil.copytree(repo_root / "analysis", src / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    venv = base / "venv"
    made = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                          capture_output=True, text=True, timeout=300, env=_clean_env())
    if made.returncode != 0 and "ensurepip" in made.stdout + made.stderr:
        pytest.skip(f"no virtual environment with pip here: {made.stdout.strip()} {made.stderr.strip()}")
    assert made.returncode == 0, made.stdout + made.stderr
    python = venv / "bin" / "python"
    pip = subprocess.run([str(python), "-m", "pip", "install", "--no-build-isolation", "--no-index", str(src)],
                         capture_output=True, text=True, timeout=600, cwd=base, env=_clean_env())
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return python, venv / "bin"


def _run(python, code, cwd):
    proc = subprocess.run([str(python), "-c", code], capture_output=True, text=True, timeout=300, cwd=cwd,
                          env=_clean_env())
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_imports_from_outside_the_repository(installed, repo_root, tmp_path):
    python, _ = installed
    where = _run(python, "import analysis; print(analysis.__file__)", tmp_path)
    assert "site-packages" in where and not where.startswith(str(repo_root))
    names = _run(python, "import analysis; print(' '.join(sorted(analysis.__all__)))", tmp_path).split()
    assert {"open_run", "export_csv", "export_xlsx", "establishment_date_distribution", "NeverVisited"} <= set(names)
    # the documented defaults ship as package data
    n = _run(python, "import analysis.sources as s; print(len(s.documented()))", tmp_path)
    assert int(n) > 200


def test_metadata_declares_dependencies_and_version(installed, repo_root, tmp_path):
    python, _ = installed
    out = _run(python, "from importlib import metadata as m; d = m.distribution('tsunagi-analysis'); "
                       "print(d.version); print('\\n'.join(d.requires or []))", tmp_path).splitlines()
    version, requires = out[0], out[1:]
    cmake = re.search(r"project\(tsunagi VERSION ([0-9.]+)", (repo_root / "CMakeLists.txt").read_text()).group(1)
    assert version == cmake  # pyproject.toml follows the project's version
    names = {re.split(r"[<>=!; \[]", r, maxsplit=1)[0].lower() for r in requires}
    assert {"numpy", "pandas", "matplotlib", "scipy"} <= names
    assert any(n.startswith("h5py") for n in names)  # "h5py", or Debian's "h5py._debian_h5py_serial"
    assert any("openpyxl" in r and "extra ==" in r for r in requires)  # optional: export --format xlsx


def test_command_line_runs_installed(installed, oita_pair, tmp_path):
    python, bin_dir = installed
    out = tmp_path / "csv"
    proc = subprocess.run([str(bin_dir / "tsunagi-analysis"), "export", str(oita_pair[0]), "--csv", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path, env=_clean_env())
    assert proc.returncode == 0, proc.stderr
    assert (out / "summary.csv").is_file() and (out / "contents.csv").is_file()
