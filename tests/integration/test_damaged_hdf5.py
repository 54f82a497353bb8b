"""Damaged HDF5 files on which libhdf5 1.10.8 (Debian 12) itself loops for ever or crashes
(tests/fuzz/known_hdf5/fuzz_result_file/, tests/fuzz/README.md), handed to the real binary
as `tsunagi summarize FILE`, `tsunagi run --restart FILE` and `tsunagi experiment
--branch-from FILE`. tsunagi reads such a file in a child process first, with a time limit
(sim/output/isolated_read.hpp), so each is refused: exit 2, an error naming the file,
nothing else on stderr (no HDF5 error stack, no sanitizer report), nothing written. Before
that, two of the files hung and one crashed with SIGSEGV. docs/reliability.md, "Damaged
HDF5 files".

Every command starts at once (module fixture): a looping file costs the probe's base limit
(10 s for these small files), so the file takes about that long in all."""

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from support import leftovers

REPO = Path(__file__).resolve().parents[2]
KNOWN = sorted((REPO / "tests" / "fuzz" / "known_hdf5" / "fuzz_result_file").glob("*.h5"))
LOOPING = [f for f in KNOWN if "loop" in f.name]
CRASHING = REPO / "tests" / "fuzz" / "known_hdf5" / "fuzz_result_file" / "global_heap_memcpy_overlap.h5"
TIMEOUT = 60  # seconds; far above the probe's limit, so a hang fails the test instead of stalling it
# What must not reach stderr: a sanitizer's or HDF5's report, an internal error.
# (Lines other than "error: ..." can occur: where libhdf5 reads out of bounds without
# crashing, as in the Release build, the names it returns are garbage, and the message
# listing them shows it.)
FOREIGN = re.compile(r"Sanitizer|runtime error:|HDF5-DIAG|Traceback|error: internal")


def checkpoint_commands(scenarios_dir, tmp_path):
    """{case: (argv, checkpoint path, target)} for the checkpoint readers, each with its own
    copy of a damaged file."""
    cases = {
        "restart_crash": ("run", CRASHING),
        "restart_loop": ("run", LOOPING[0]),
        "branch_crash": ("experiment", CRASHING),
    }
    commands = {}
    for case, (command, damaged) in cases.items():
        folder = tmp_path / case
        folder.mkdir()
        checkpoint = folder / "c.h5"
        shutil.copyfile(damaged, checkpoint)
        target = folder / "out.h5"
        if command == "run":
            argv = ["run", scenarios_dir / "oita.toml", "--replicates", "2", "--restart", checkpoint]
        else:
            argv = ["experiment", scenarios_dir / "experiments" / "oita_strategies.toml", "--replicates", "2",
                    "--branch-from", checkpoint]
        commands[case] = ([*argv, "-o", target, "-q"], checkpoint, target)
    return commands


@pytest.fixture(scope="module")
def outcomes(tsunagi_bin, scenarios_dir, tmp_path_factory):
    """Starts every command at once; {case: (exit code or None if it hung, stdout, stderr,
    file named, target)}."""
    commands = {f"summarize_{f.stem}": (["summarize", f], f, None) for f in KNOWN}
    commands.update(checkpoint_commands(scenarios_dir, tmp_path_factory.mktemp("damaged")))
    procs = {case: subprocess.Popen([str(tsunagi_bin), *map(str, argv)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, errors="replace")
             for case, (argv, _, _) in commands.items()}
    deadline = time.monotonic() + TIMEOUT
    results = {}
    for case, proc in procs.items():
        try:
            out, err = proc.communicate(timeout=max(0.1, deadline - time.monotonic()))
            code = proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            code = None  # hung
        results[case] = (code, out, err, commands[case][1], commands[case][2])
    return results


def assert_clean_refusal(outcome):
    """Exit 2, stderr opens with an error naming the file and closes with "nothing was
    written", nothing foreign on it, nothing at the target. Returns stderr."""
    code, _, err, named, target = outcome
    assert code is not None, f"no answer after {TIMEOUT} s (tsunagi hangs on a damaged file)"
    assert code == 2, f"exit {code}, stderr:\n{err}"
    assert err.startswith(f"error: {named}: "), err
    assert err.rstrip("\n").endswith("problem found; nothing was written"), err
    assert not FOREIGN.search(err), err
    if target is not None:
        assert not target.exists() and not leftovers(target.parent, target.name)
    return err


@pytest.mark.parametrize("damaged", KNOWN, ids=lambda f: f.stem)
def test_summarize_refuses_the_file(outcomes, damaged):
    err = assert_clean_refusal(outcomes[f"summarize_{damaged.stem}"])
    assert outcomes[f"summarize_{damaged.stem}"][1] == "", "something on stdout"
    if damaged in LOOPING:
        assert "damaged file: the HDF5 library failed reading it (no answer after 10 s)" in err, err


@pytest.mark.parametrize("case", ["restart_crash", "restart_loop", "branch_crash"])
def test_checkpoint_readers_refuse_the_file(outcomes, case):
    err = assert_clean_refusal(outcomes[case])
    assert "damaged file: the HDF5 library failed reading it (" in err, err
    if case == "restart_loop":
        assert "(no answer after 10 s)" in err, err
