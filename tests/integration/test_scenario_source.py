"""The scenario is read once (sim/scenario/scenario_source.hpp): `run --precision` opens
the scenario file and its municipality CSV exactly once, an experiment with --precision
and a sweep open the CSV exactly once, however often they resolve the scenario.

Not timing-dependent: the files are named pipes (FIFOs), each fed its text exactly once by
a writer thread (experiment and sweep files must name an ordinary scenario file, so there
only the CSV is a pipe). A reader that opened one of them a second time would wait
for a writer that never comes (the subprocess timeout then fails the test); one that opens
each once runs to the end and must write what the same command writes from ordinary files."""

import os
import shutil
import threading
from pathlib import Path

import pytest

from support import assert_same_files, run_ok

CSV = "data/municipalities_2020.csv"
TIMEOUT = 120  # seconds; each command takes about one. Only a second open of a pipe waits this long.


def scenario_files(folder: Path, repo: Path, pipes):
    """oita.toml and its CSV in `folder`; those named in `pipes` are FIFOs fed once each by
    daemon threads. Returns (scenario path, writer threads)."""
    (folder / "data").mkdir(parents=True)
    writers = []
    for rel, src in (("oita.toml", repo / "scenarios/oita.toml"), (CSV, repo / "scenarios" / CSV)):
        dst = folder / rel
        if rel not in pipes:
            shutil.copyfile(src, dst)
            continue
        os.mkfifo(dst)
        data = src.read_bytes()

        def feed(path=dst, data=data):
            with open(path, "wb") as f:  # blocks until the reader opens the pipe
                f.write(data)

        t = threading.Thread(target=feed, daemon=True)
        t.start()
        writers.append(t)
    return folder / "oita.toml", writers


def assert_each_read_once(writers):
    for t in writers:
        t.join(timeout=10)
        assert not t.is_alive(), "tsunagi never opened one of the files"


def run_both(run_tsunagi, repo_root, tmp_path, make_args, pipes):
    """Runs the command from ordinary files and with `pipes` as pipes; returns both outputs."""
    outs = []
    for folder_name, as_pipes in (("files", ()), ("pipes", pipes)):
        folder = tmp_path / folder_name
        scenario, writers = scenario_files(folder, repo_root, as_pipes)
        out = folder / "out.h5"
        proc = run_tsunagi(*make_args(folder, scenario, out), timeout=TIMEOUT)
        assert proc.returncode == 0, proc.stderr
        assert_each_read_once(writers)
        outs.append(out)
    return outs


def test_run_with_precision_reads_the_scenario_once(run_tsunagi, repo_root, tmp_path):
    def args(folder, scenario, out):
        return ("run", scenario, "--replicates", 20, "--seed", 3, "--precision", "kikan_coverage:0.5",
                "--threads", 2, "--quiet", "-o", out)

    files, pipes = run_both(run_tsunagi, repo_root, tmp_path, args, ("oita.toml", CSV))
    assert_same_files(files, pipes)


def test_experiment_with_precision_reads_the_csv_once(run_tsunagi, repo_root, tmp_path):
    def args(folder, scenario, out):
        exp = folder / "exp.toml"
        exp.write_text('[experiment]\nname = "e"\nscenario = "oita.toml"\nbaseline = "outreach"\nreplicates = 20\n\n'
                       '[[variant]]\nname = "on_request"\nset = ["advisers.strategy=on_request"]\n')
        return ("experiment", exp, "--seed", 3, "--precision", "kikan_coverage:0.5", "--threads", 2, "--quiet",
                "-o", out)

    files, pipes = run_both(run_tsunagi, repo_root, tmp_path, args, (CSV,))
    assert_same_files(files, pipes)


def test_sweep_reads_the_csv_once(run_tsunagi, repo_root, tmp_path):
    def args(folder, scenario, out):
        sweep = folder / "sweep.toml"
        sweep.write_text('[sweep]\nname = "s"\nscenario = "oita.toml"\ndesign = "grid"\nreplicates = 2\n\n'
                         '[[parameter]]\nkey = "advisers.count"\nvalues = [3, 5, 7]\ninteger = true\n\n'
                         '[[parameter]]\nkey = "development.adviser_hour_value"\nvalues = [2, 3.5]\n\n'
                         '[[output]]\nname = "coverage"\nseries = "kikan_coverage"\n')
        return ("sweep", sweep, "--threads", 2, "--quiet", "-o", out)

    files, pipes = run_both(run_tsunagi, repo_root, tmp_path, args, (CSV,))
    assert_same_files(files, pipes)
