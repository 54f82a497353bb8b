"""Every notebook in notebooks/ runs from top to bottom (so the stories never rot), with the
python3 kernel of /usr/bin/python3 (Debian's python3-ipykernel) through nbclient.

Notebooks are stored without outputs; each must finish in well under a minute. They find the
binary through $TSUNAGI_BIN, which this test sets to the tests' binary (absolute)."""

import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="Debian's python3-nbformat (with python3-nbclient) is needed")
nbclient = pytest.importorskip("nbclient", reason="Debian's python3-nbclient is needed")

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
TIMEOUT = 120  # seconds per cell; a whole notebook should take well under a minute


def test_notebooks_exist():
    assert {p.name for p in NOTEBOOKS} >= {"01_adviser_strategies.ipynb", "03_case_flows.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs before committing"


@pytest.fixture(scope="module")
def kernel_env(tsunagi_bin, tmp_path_factory):
    """Environment for the kernel: the binary, and a python3 kernel of this interpreter. If no
    installed kernelspec named python3 runs sys.executable, one is written to a temporary
    JUPYTER_PATH (never to the user's home)."""
    from jupyter_client.kernelspec import KernelSpecManager

    env = {"TSUNAGI_BIN": str(Path(tsunagi_bin).resolve()), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    specs = KernelSpecManager().find_kernel_specs()
    argv = KernelSpecManager().get_kernel_spec("python3").argv if "python3" in specs else []
    if not argv or os.path.realpath(argv[0]) != os.path.realpath(sys.executable):
        import json

        root = tmp_path_factory.mktemp("jupyter")
        spec = root / "kernels" / "python3"
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (tsunagi tests)", "language": "python"}))
        env["JUPYTER_PATH"] = str(root) + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    return env


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, kernel_env, monkeypatch):
    for key, value in kernel_env.items():
        monkeypatch.setenv(key, value)
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as e:
        pytest.fail(f"{path.name} failed:\n{str(e)[-3000:]}", pytrace=False)
