"""Fault injection and extremes (issue 9), run against the real binary.

- Killed mid-run: `tsunagi run`, `experiment` and `sweep` get SIGINT, SIGTERM or SIGKILL at
  random points (seeded, so the points are the same every time; KILL_SEED below) and once
  while the result file is being written. Afterwards: the documented exit code, nothing at
  the target (or the earlier result there untouched, byte for byte), no temporary file after
  SIGINT/SIGTERM, and after SIGKILL the next run to the same target succeeds and removes the
  stray temporary file. A sweep killed several times in a row resumes to a file identical
  to an uninterrupted one.
- Write errors: a file size limit (`ulimit -f`), a full file system (a small tmpfs in a
  private mount namespace), a read-only folder (a read-only bind mount), a missing folder,
  a target that is a directory: exit 1 (2 for a directory, docs/output.md "Exit codes"), a
  message naming the path and the cause, nothing left behind.
- Extremes that must run (exit 0, a readable file) or be refused clearly (exit 2, every
  problem located, nothing written), never crash: one municipality, all 1,741 with zero
  advisers, a one-day and a 100-year horizon, populations of 1 and 40 million, rates of
  zero, every probability key at 0 and at 1, 10,000 replicates with --precision.

The results and how to rerun them are tabled in docs/reliability.md.
"""

import os
import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import h5py
import pytest
from support import assert_same_files, leftovers

KILL_SEED = int(os.environ.get("TSUNAGI_KILL_SEED", "20260409"))  # the random kill points; set it to try others
EXIT_CODE = {signal.SIGINT: 130, signal.SIGTERM: 143}
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]
REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"
CSV = (SCENARIOS / "data" / "municipalities_2020.csv").resolve()

# One line of the form "error: LOCATION: ..." where LOCATION is a file with line (and
# column), or an option such as --set, -o or --precision.
LOCATED = re.compile(r"^error: (?:--?[\w-]+|\S+?:\d+(?::\d+)?|\S+\.(?:toml|csv|h5)): \S", re.M)

# ---------------------------------------------------------------------------------------------
# helpers


def tsunagi_popen(tsunagi_bin, args):
    return subprocess.Popen([str(tsunagi_bin), *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)


def catches(pid, sig) -> bool:
    """Whether process `pid` has a handler for `sig` installed (the SigCgt mask of
    /proc/PID/status; bit n - 1 for signal n)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("SigCgt:"):
                return bool(int(line.split()[1], 16) >> (int(sig) - 1) & 1)
    except (FileNotFoundError, ProcessLookupError):
        pass
    return False


def signal_at(proc, sig, delay=None, ready=None, timeout=120):
    """Sends `sig` to `proc` after `delay` seconds, or as soon as `ready()` is true; a signal
    tsunagi handles (SIGINT, SIGTERM) not before its handler is installed, first thing in
    main: before that, while the loader starts the libraries (slow on a busy machine), no
    program can handle it. Returns (whether the signal was sent while the process was still
    running, exit code, stderr)."""
    start = time.monotonic()
    landed = False
    handled = sig in EXIT_CODE
    try:
        while proc.poll() is None and time.monotonic() - start < timeout:
            if handled and not catches(proc.pid, sig):
                time.sleep(0.001)
                continue
            if (delay is not None and time.monotonic() - start >= delay) or (ready is not None and ready()):
                proc.send_signal(sig)
                landed = True
                break
            time.sleep(0.003)
        _, stderr = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return landed, proc.returncode, stderr


def assert_tsunagi_file(path):
    with h5py.File(path, "r") as f:
        assert f.attrs["schema"] == "tsunagi" and f.attrs["schema_version"] == 1, path


def listing(directory):
    return sorted(p.name for p in Path(directory).iterdir())


def oita_text():
    """scenarios/oita.toml with its CSV path made absolute, so a copy runs from anywhere."""
    text = (SCENARIOS / "oita.toml").read_text(encoding="utf-8")
    new, n = re.subn(r'(?m)^csv = "data/municipalities_2020.csv".*$', f'csv = "{CSV}"', text)
    assert n == 1
    return new


def sweep_file(directory, samples, replicates=4):
    path = directory / "faults_sweep.toml"
    path.write_text(f"""[sweep]
name = "faults"
scenario = "{(SCENARIOS / 'oita.toml').resolve()}"
design = "latin_hypercube"
samples = {samples}
replicates = {replicates}
seed = 7

[[parameter]]
key = "development.motivation_sigma"
min = 1.0
max = 3.0

[[parameter]]
key = "development.adviser_hour_value"
min = 1.5
max = 6.0
scale = "log"

[[output]]
name = "coverage_2027"
series = "kikan_coverage"
date = "2027-04-01"
""", encoding="utf-8")
    return path


def journal_points(journal):
    """Points recorded in a sweep journal (its lines after the header)."""
    if not journal.exists():
        return 0
    return max(0, journal.read_bytes().count(b"\n") - 1)


# ---------------------------------------------------------------------------------------------
# killed mid-run: run and experiment

# Long enough on one thread (about 1-2 s) that random points land in the simulation and in
# the writing of the file; `quick` is a short run to the same target.
COMMANDS = {
    "run": {"long": ["run", SCENARIOS / "oita.toml", "--replicates", 150],
            "quick": ["run", SCENARIOS / "oita.toml", "--replicates", 2]},
    "experiment": {"long": ["experiment", SCENARIOS / "experiments" / "oita_strategies.toml", "--replicates", 60],
                   "quick": ["experiment", SCENARIOS / "experiments" / "oita_strategies.toml", "--replicates", 2]},
}


@pytest.fixture(scope="module")
def uninterrupted(tsunagi_bin, tmp_path_factory):
    """{command: seconds} that an uninterrupted long run takes on this machine, now: the
    shorter of two runs, so that a busy moment while measuring does not put the signals
    after the end of a run made on a quieter one."""
    d = tmp_path_factory.mktemp("uninterrupted")
    seconds = {}
    for name, c in COMMANDS.items():
        for attempt in range(2):
            start = time.monotonic()
            proc = subprocess.run([str(tsunagi_bin), *map(str, c["long"]), "-o", str(d / f"{name}{attempt}.h5"),
                                   "--threads", "1", "-q"], capture_output=True, text=True, timeout=300)
            seconds[name] = min(seconds.get(name, float("inf")), time.monotonic() - start)
            assert proc.returncode == 0, proc.stderr
    return seconds


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_killed_mid_run(tsunagi_bin, run_tsunagi, uninterrupted, tmp_path, command, sig):
    c = COMMANDS[command]
    rng = random.Random(f"{KILL_SEED}-{command}-{sig.name}")
    # Three random points in the first half of the run (simulation or writing; the file is
    # written as replicates complete), then one as soon as the temporary file appears.
    points = [("random", rng.uniform(0.05, 0.5) * uninterrupted[command]) for _ in range(3)] + [("writing", None)]
    for i, (kind, delay) in enumerate(points):
        d = tmp_path / f"point{i}"
        d.mkdir()
        out = d / "result.h5"
        existing = i % 2 == 1  # points 1 and 3 (writing) replace an earlier result with --overwrite
        before = None
        if existing:
            proc = run_tsunagi(*c["quick"], "--seed", 99, "-o", out, "-q")
            assert proc.returncode == 0, proc.stderr
            before = out.read_bytes()
        args = [*c["long"], "-o", out, "--threads", 1, "-q", *(["--overwrite"] if existing else [])]
        where = f"{command} {sig.name} at point {i} ({kind}{'' if delay is None else f', {delay:.2f} s'})"
        ready = (lambda: leftovers(d, out.name)) if kind == "writing" else None
        landed, code, stderr = signal_at(tsunagi_popen(tsunagi_bin, args), sig, delay, ready)
        assert landed, f"{where}: the run ended (exit {code}) before the signal; make it longer\n{stderr}"

        if existing:
            assert out.read_bytes() == before, f"{where}: the earlier result at the target was changed"
        else:
            assert not out.exists(), f"{where}: a file appeared at the target"
        if sig == signal.SIGKILL:
            assert code == -signal.SIGKILL, f"{where}: exit {code}\n{stderr}"
            strays = leftovers(d, out.name)
            if kind == "writing":
                assert strays, f"{where}: expected the killed run's temporary file (the cleanup below is then untested)"
            # the next run to the same target succeeds and removes the stray temporary file
            proc = run_tsunagi(*c["quick"], "-o", out, "-q", *(["--overwrite"] if existing else []))
            assert proc.returncode == 0, f"{where}: the next run failed (stray files {strays}):\n{proc.stderr}"
            assert_tsunagi_file(out)
            assert leftovers(d, out.name) == [], f"{where}: the stray temporary file {strays} was not removed"
            assert listing(d) == ["result.h5"]
        else:
            assert code == EXIT_CODE[sig], f"{where}: exit {code}\n{stderr}"
            assert "interrupted; nothing was written" in stderr, f"{where}: {stderr}"
            assert leftovers(d, out.name) == [], f"{where}: temporary file left"
            assert listing(d) == (["result.h5"] if existing else []), f"{where}: {listing(d)}"


# ---------------------------------------------------------------------------------------------
# killed mid-run: a sweep, several times in a row, resumes to the uninterrupted file

SWEEP_POINTS = 100


@pytest.fixture(scope="module")
def sweep_reference(tsunagi_bin, tmp_path_factory):
    d = tmp_path_factory.mktemp("sweep_reference")
    sweep = sweep_file(d, SWEEP_POINTS)
    out = d / "reference.h5"
    proc = subprocess.run([str(tsunagi_bin), "sweep", str(sweep), "-o", str(out), "--threads", "1", "-q"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return sweep, out


@pytest.mark.parametrize("existing", [False, True], ids=["fresh_target", "existing_target"])
def test_sweep_killed_repeatedly_resumes(tsunagi_bin, run_tsunagi, sweep_reference, tmp_path, existing):
    sweep, reference = sweep_reference
    rng = random.Random(f"{KILL_SEED}-sweep-{existing}")
    out = tmp_path / "sweep.h5"
    journal = tmp_path / "sweep.h5.journal"
    before = None
    if existing:
        proc = run_tsunagi("run", SCENARIOS / "oita.toml", "--replicates", 2, "-o", out, "-q")
        assert proc.returncode == 0, proc.stderr
        before = out.read_bytes()
    overwrite = ["--overwrite"] if existing else []
    # Four kills, each signal at least once, each once the journal holds a random number of
    # new points plus a random few milliseconds, so that it lands inside a point.
    kills = SIGNALS + [rng.choice(SIGNALS)]
    rng.shuffle(kills)
    for n, sig in enumerate(kills):
        journaled = journal_points(journal)
        at = journaled + rng.randint(3, 18)
        where = f"kill {n} ({sig.name} after {at} journaled points)"
        extra = rng.uniform(0, 0.03)
        reached = {}

        def ready():
            if journal_points(journal) < at:
                return False
            reached.setdefault("t", time.monotonic())
            return time.monotonic() - reached["t"] >= extra

        proc = tsunagi_popen(tsunagi_bin, ["sweep", sweep, "-o", out, "--threads", 1, *overwrite])
        landed, code, stderr = signal_at(proc, sig, ready=ready)
        assert landed, f"{where}: the sweep ended (exit {code}) before the signal\n{stderr}"
        if journaled:
            assert f"resuming: {journaled} points" in stderr, f"{where}: did not resume\n{stderr}"
        assert code == (-signal.SIGKILL if sig == signal.SIGKILL else EXIT_CODE[sig]), f"{where}: exit {code}\n{stderr}"
        assert journal.exists(), f"{where}: the journal was removed"
        if sig != signal.SIGKILL:
            assert leftovers(tmp_path, out.name) == [], f"{where}: temporary file left"
        if existing:
            assert out.read_bytes() == before, f"{where}: the earlier result at the target was changed"
        else:
            assert not out.exists(), f"{where}: a file appeared at the target"
    done = journal_points(journal)
    proc = run_tsunagi("sweep", sweep, "-o", out, "--threads", 1, *overwrite)
    assert proc.returncode == 0, proc.stderr
    assert f"resuming: {done} points" in proc.stderr or f"resuming: {done - 1} points" in proc.stderr, proc.stderr
    assert not journal.exists(), "the journal was left after the resumed sweep"
    assert leftovers(tmp_path, out.name) == []
    assert listing(tmp_path) == ["sweep.h5"]
    assert_same_files(out, reference)


# ---------------------------------------------------------------------------------------------
# write errors

# A cause in the message: what the file system said, or the writer's summary of it.
CAUSE = re.compile(r"disk full|no space left|file too large|file size limit|not writable|read-only|does not exist"
                   r"|is a directory", re.I)
WRITERS = {
    "run": ["run", SCENARIOS / "oita.toml", "--replicates", 20, "--threads", 1, "-q"],
    "experiment": ["experiment", SCENARIOS / "experiments" / "oita_strategies.toml", "--replicates", 20,
                   "--threads", 1, "-q"],
}


def assert_write_error(proc, out, code=1):
    """Exit `code`, one error line naming the target's folder and file and a cause."""
    assert proc.returncode == code, f"exit {proc.returncode} (expected {code}; >= 128 or < 0: killed)\n{proc.stderr}"
    lines = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert lines, f"no error message:\n{proc.stderr}"
    named = [line for line in lines if str(out.parent) in line and out.name in line]
    assert named, f"the message does not name {out}:\n{proc.stderr}"
    assert any(CAUSE.search(line) for line in named), f"the message does not say why:\n{proc.stderr}"
    assert "internal" not in proc.stderr, proc.stderr


def with_file_size_limit(tsunagi_bin, kilobytes, args, ignore_sigxfsz):
    """Runs tsunagi ARGS under `ulimit -f` (1024-byte blocks); stdout and stderr are pipes,
    so only files count against the limit."""
    trap = 'trap "" XFSZ; ' if ignore_sigxfsz else ""
    script = f'ulimit -f {kilobytes}; {trap}exec "$0" "$@"'
    return subprocess.run(["bash", "-c", script, str(tsunagi_bin), *map(str, args)], capture_output=True, text=True,
                          timeout=120)


# Under `ulimit -f` a write past the limit raises SIGXFSZ, which kills a process that does
# not ignore it (exit 153, the temporary file left behind): tsunagi ignores it, so the write
# fails with EFBIG and is reported. After a failed HDF5 write, HDF5's own clean-up at exit
# used to crash (exit 139); tsunagi now closes its files itself and asks for no clean-up.
# Both cases, with the shell's default disposition and with SIGXFSZ already ignored.


@pytest.mark.parametrize("kilobytes", [0, 1, 64, 256])
@pytest.mark.parametrize("ignore_sigxfsz", [False, True], ids=["sigxfsz_default", "sigxfsz_ignored"])
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_file_size_limit(tsunagi_bin, tmp_path, command, ignore_sigxfsz, kilobytes):
    out = tmp_path / "result.h5"
    proc = with_file_size_limit(tsunagi_bin, kilobytes, [*WRITERS[command], "-o", out], ignore_sigxfsz)
    assert listing(tmp_path) == [], f"left behind: {listing(tmp_path)}"
    assert_write_error(proc, out)


# A journal whose first line could not be written (a file size limit of 0, a full disk) holds
# nothing and is started afresh by the next run, instead of being refused as another sweep's.


@pytest.mark.parametrize("kilobytes", [
    0,
    1,
])
def test_sweep_file_size_limit_then_rerun(tsunagi_bin, run_tsunagi, tmp_path, kilobytes):
    """The journal is the first file a sweep writes: under a tiny limit it cannot be written.
    The sweep fails cleanly, and the same sweep run again without the limit completes."""
    sweep = sweep_file(tmp_path, 30)
    out = tmp_path / "out" / "sweep.h5"
    out.parent.mkdir()
    proc = with_file_size_limit(tsunagi_bin, kilobytes, ["sweep", sweep, "-o", out, "--threads", 1, "-q"], True)
    assert proc.returncode == 1, proc.stderr
    assert re.search(rf"^error: {re.escape(str(out))}\.journal: .*(file too large|disk full)", proc.stderr,
                     re.I | re.M), proc.stderr
    assert not out.exists() and leftovers(out.parent, out.name) == []
    proc = run_tsunagi("sweep", sweep, "-o", out, "--threads", 1, "-q")
    assert proc.returncode == 0, f"the sweep after the failed one: exit {proc.returncode}\n{proc.stderr}"
    assert listing(out.parent) == ["sweep.h5"]


@pytest.fixture(scope="session")
def private_mounts():
    """`unshare -m` and mount work here (root, or user namespaces), so a small tmpfs or a
    read-only bind mount can be made for one command without touching the machine."""
    exe = shutil.which("unshare")
    if exe is None:
        pytest.skip("unshare (util-linux) is not installed: cannot make a private full or read-only file system")
    probe = subprocess.run([exe, "-m", "--propagation", "private", "bash", "-c",
                            "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs \"$d\" && umount \"$d\" && rmdir \"$d\""],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount in a private mount namespace here ({probe.stderr.strip()}): needs root or "
                    "CAP_SYS_ADMIN")
    return exe


def in_private_mount(unshare, mount_script, tsunagi_bin, args, listing_file):
    """Runs `mount_script` then tsunagi ARGS in a private mount namespace; the names in the
    mounted folder after the run are written to `listing_file` (one per line)."""
    script = (f"set -e; {mount_script}; set +e; \"$0\" \"$@\"; rc=$?; "
              f"ls -A \"$FOLDER\" > \"{listing_file}\"; exit $rc")
    return subprocess.run([unshare, "-m", "--propagation", "private", "bash", "-c", script, str(tsunagi_bin),
                           *map(str, args)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FOLDER": str(Path(args[args.index("-o") + 1]).parent)})


@pytest.mark.parametrize("size", ["64k", "256k"])
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_disk_full(private_mounts, tsunagi_bin, tmp_path, command, size):
    folder = tmp_path / "full"
    folder.mkdir()
    out = folder / "result.h5"
    names = tmp_path / "listing.txt"
    proc = in_private_mount(private_mounts, f'mount -t tmpfs -o size={size} tmpfs "{folder}"', tsunagi_bin,
                            [*WRITERS[command], "-o", out], names)
    assert names.read_text().split() == [], f"left behind on the full file system: {names.read_text()}"
    assert_write_error(proc, out)


@pytest.mark.parametrize("command", ["run", "experiment", "sweep"])
def test_read_only_folder(private_mounts, tsunagi_bin, tmp_path, command):
    folder = tmp_path / "ro"
    folder.mkdir()
    out = folder / "result.h5"
    args = [*WRITERS[command], "-o", out] if command != "sweep" else ["sweep", sweep_file(tmp_path, 10), "-o", out, "-q"]
    mount = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && ! touch "{folder}/probe"'
    proc = in_private_mount(private_mounts, mount, tsunagi_bin, args, tmp_path / "listing.txt")
    assert_write_error(proc, out)
    assert listing(folder) == []


@pytest.mark.parametrize("command", ["run", "experiment", "sweep"])
def test_missing_folder(run_tsunagi, tmp_path, command):
    out = tmp_path / "missing" / "deeper" / "result.h5"
    args = [*WRITERS[command], "-o", out] if command != "sweep" else ["sweep", sweep_file(tmp_path, 10), "-o", out, "-q"]
    proc = run_tsunagi(*args)
    assert_write_error(proc, out)
    assert "does not exist" in proc.stderr
    assert not (tmp_path / "missing").exists(), "the missing folder was created"


@pytest.mark.parametrize("overwrite", [False, True], ids=["plain", "overwrite"])
@pytest.mark.parametrize("command", ["run", "experiment", "sweep"])
def test_target_is_a_directory(run_tsunagi, tmp_path, command, overwrite):
    out = tmp_path / "result.h5"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    args = [*WRITERS[command], "-o", out] if command != "sweep" else ["sweep", sweep_file(tmp_path, 10), "-o", out, "-q"]
    proc = run_tsunagi(*args, *(["--overwrite"] if overwrite else []))
    assert_write_error(proc, out, code=2)  # docs/output.md: a target that is a directory is refused (2)
    assert "is a directory" in proc.stderr
    assert listing(out) == ["keep.txt"] and (out / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "faults_sweep.toml") == ["result.h5"]


# ---------------------------------------------------------------------------------------------
# extremes: run (exit 0, a readable file with the expected shape) or refused (exit 2, located)


def check_extreme(proc, out, municipalities=None, replicates=None):
    """Returns "ran" or "refused"; fails on anything else (a crash, exit 1, an unlocated or
    internal error, a file written by a refused run)."""
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode}\n{proc.stderr}"
    assert proc.returncode in (0, 2), f"exit {proc.returncode} (expected 0, or 2 for a refusal)\n{proc.stderr}"
    assert "internal" not in proc.stderr, proc.stderr
    if proc.returncode == 2:
        assert LOCATED.search(proc.stderr), f"refused without a located message:\n{proc.stderr}"
        assert not out.exists(), "a refused run wrote a file"
        return "refused"
    assert out.is_file()
    with h5py.File(out, "r") as f:
        assert f.attrs["schema"] == "tsunagi"
        if municipalities is not None:
            assert f["municipalities/code"].shape == (municipalities,)
        if replicates is not None:
            assert f["replicate"].shape == (replicates,)
        for name, ds in f["series"].items():
            ds[()]  # every series reads
    return "ran"


def scenario_with(tmp_path, name, municipalities, start="2024-04-01", end="2031-03-31", extra=""):
    """A scenario with an inline list of (code, name, population)."""
    text = (f'[scenario]\nname = "{name}"\nstart = {start}\nend = {end}\nseed = 1\nreplicates = 2\n\n'
            '[prefecture]\ncode = "44"\nname = "大分県"\n\n')
    for code, mname, population in municipalities:
        text += f'[[municipalities.list]]\ncode = "{code}"\nname = "{mname}"\npopulation = {population}\n\n'
    text += '[advisers]\ncount = 5\nstrategy = "outreach"\n' + extra
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def national_without_advisers(tmp_path):
    """scenarios/national.toml with every adviser programme replaced by `count = 0`."""
    text = (SCENARIOS / "national.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^csv = "data/municipalities_2020.csv"', f'csv = "{CSV}"', text)
    head, sep, _ = text.partition("\n[advisers]\n")
    assert sep, "national.toml has no [advisers] table"
    path = tmp_path / "national_no_advisers.toml"
    path.write_text(head + "\n[advisers]\ncount = 0\nstrategy = \"on_request\"\n", encoding="utf-8")
    return path


def test_one_municipality(run_tsunagi, tmp_path):
    scenario = scenario_with(tmp_path, "one", [("44201", "大分市", 475852)])
    out = tmp_path / "one.h5"
    assert check_extreme(run_tsunagi("run", scenario, "-o", out, "-q"), out, 1, 2) == "ran"
    # the same with case flows
    out = tmp_path / "one_cases.h5"
    assert check_extreme(run_tsunagi("run", scenario, "-o", out, "-q", "--set", "cases={}"), out, 1, 2) == "ran"


def test_national_with_zero_advisers(run_tsunagi, tmp_path):
    out = tmp_path / "national.h5"
    proc = run_tsunagi("run", national_without_advisers(tmp_path), "-o", out, "--replicates", 1, "-q")
    assert check_extreme(proc, out, 1741, 1) == "ran"
    with h5py.File(out, "r") as f:
        assert float(f["series/adviser_hours_available"][()].sum()) == 0.0


@pytest.mark.parametrize("end, dates", [("2024-04-01", 2), ("2124-03-31", None)], ids=["one_day", "100_years"])
def test_horizon(run_tsunagi, tmp_path, end, dates):
    scenario = tmp_path / "oita.toml"
    scenario.write_text(oita_text(), encoding="utf-8")
    out = tmp_path / "h.h5"
    proc = run_tsunagi("run", scenario, "-o", out, "--replicates", 1, "--set", f"scenario.end={end}", "-q")
    assert check_extreme(proc, out, 18, 1) == "ran"
    with h5py.File(out, "r") as f:
        recorded = list(f["time/date"].asstr()[()])
    if dates is not None:
        assert len(recorded) == dates
    else:
        assert recorded[0] == "2024-04-01" and recorded[-1] == "2124-04-01"


@pytest.mark.parametrize("populations", [[1], [40_000_000], [1, 40_000_000, 1]], ids=["1", "40M", "1_40M_1"])
@pytest.mark.parametrize("cases", [False, True], ids=["development", "with_cases"])
def test_population_extremes(run_tsunagi, tmp_path, populations, cases):
    codes = ["44201", "44202", "44203"]
    scenario = scenario_with(tmp_path, "pop", [(codes[i], f"m{i}", p) for i, p in enumerate(populations)])
    out = tmp_path / "pop.h5"
    # case flows scale with population: one fiscal year keeps 40 million residents' cases quick
    extra = ["--set", "cases={}", "--set", "scenario.end=2025-03-31"] if cases else []
    proc = run_tsunagi("run", scenario, "-o", out, "--replicates", 1, "-q", *extra)
    assert check_extreme(proc, out, len(populations), 1) == "ran"


CASE_AGENCIES = ["plan_provider", "commissioned", "kikan", "houkatsu", "jiritsu", "child_family", "hub"]
ZERO_RATES = {
    "kikan_work_rate": ["development.kikan.work_rate=0"],
    "all_work_rates": ["development.kikan.work_rate=0", "development.kyoten.work_rate=0",
                       "development.multi_layered.work_rate=0"],
    "stock_rate_per_hour": ["development.stocks.rate_per_hour=0"],
    "stock_decay": ["development.stocks.decay_per_year=0"],
    "adviser_hours": ["advisers.hours_per_month=0"],
    "advisers": ["advisers.count=0"],
    "case_arrivals": [f"cases.needs.{n}.rate_per_100k_month=0" for n in
                      ["disability", "elderly", "child_family", "hardship", "mental_health", "withdrawal", "8050",
                       "double_care", "multi_problem"]],
    "case_rate_change_to_zero": ["cases.rate_changes=[{start=2024-04-01, end=2031-03-31, factor=0.0}]"],
    "case_staff_per_100k": [f"cases.agencies.{a}.staff_per_100k=0" for a in CASE_AGENCIES],
}


@pytest.mark.parametrize("name", sorted(ZERO_RATES))
def test_zero_rates(run_tsunagi, tmp_path, name):
    out = tmp_path / "zero.h5"
    sets = [a for s in ZERO_RATES[name] for a in ("--set", s)]
    proc = run_tsunagi("run", SCENARIOS / "oita.toml", "-o", out, "--replicates", 2, "-q", *sets)
    assert check_extreme(proc, out, 18, 2) == "ran"


def test_no_case_workers_is_refused(run_tsunagi, tmp_path):
    """docs/scenarios.md: min_staff is at least 1, so that every agency has someone to see
    its cases; 0 is refused with a located message and nothing written."""
    out = tmp_path / "no_workers.h5"
    proc = run_tsunagi("run", SCENARIOS / "oita.toml", "-o", out, "--replicates", 2, "-q",
                       "--set", "cases.agencies.jiritsu.min_staff=0")
    assert proc.returncode == 2, proc.stderr
    assert "min_staff" in proc.stderr and "1" in proc.stderr, proc.stderr
    assert not out.exists()


# Every key whose unit is a probability in docs/scenarios.md (development, officer rotation,
# event attendance, on-request applications, case flows). Case keys turn case flows on; they
# run for two fiscal years to stay quick.
PROBABILITY_KEYS = [
    "development.commission_share",
    "development.no_provider_approval_factor",
    "development.kyoten_multifunction_share",
    "development.finance_probability",
    "development.kikan.approval_probability",
    "development.kyoten.approval_probability",
    "development.multi_layered.approval_probability",
    "development.rotation.probability",
    "development.rotation.loss",
    "development.rotation.institutionalised_loss",
    "advisers.event[0].attendance",
    "advisers.on_request.apply_probability",
    "cases.resolve_without_kikan",
    "cases.handalong_resolve",
    "cases.handalong_pass_on",
    "cases.handalong_dropout",
    "cases.referral_dropout",
    "cases.coordinated_dropout",
    "cases.support_moved_away",
    "cases.support_died",
    "cases.reentry_after_dropout",
    "cases.reentry_after_closure",
    "cases.needs.hardship.urgent_share",
    "output.case_log_share",
]


@pytest.mark.parametrize("value", ["0.0", "1.0"])
@pytest.mark.parametrize("key", PROBABILITY_KEYS)
def test_probability_extremes(run_tsunagi, tmp_path, key, value):
    out = tmp_path / "p.h5"
    sets = ["--set", f"{key}={value}"]
    if key.startswith("advisers.on_request"):
        sets += ["--set", "advisers.strategy=on_request"]
    if key.startswith("cases."):
        sets += ["--set", "scenario.end=2026-03-31"]
    if key.startswith("output."):  # with case flows and a sampled case log
        sets += ["--set", "cases={}", "--set", "output.case_log=sample", "--set", "scenario.end=2026-03-31"]
    proc = run_tsunagi("run", SCENARIOS / "oita.toml", "-o", out, "--replicates", 2, "-q", *sets)
    check_extreme(proc, out, 18, 2)


# Pairs that must sum to at most 1: one at 1 alone is refused (exit 2, above); at 1 with its
# partner at 0 it must run.
PARTNERS = {"cases.handalong_resolve": "cases.handalong_pass_on", "cases.support_moved_away": "cases.support_died"}


@pytest.mark.parametrize("key", sorted([*PARTNERS, *PARTNERS.values()]))
def test_probability_one_with_partner_zero(run_tsunagi, tmp_path, key):
    partner = PARTNERS.get(key) or next(k for k, v in PARTNERS.items() if v == key)
    out = tmp_path / "p.h5"
    proc = run_tsunagi("run", SCENARIOS / "oita.toml", "-o", out, "--replicates", 2, "-q", "--set", f"{key}=1.0",
                       "--set", f"{partner}=0.0", "--set", "scenario.end=2026-03-31")
    assert check_extreme(proc, out, 18, 2) == "ran", proc.stderr


def test_all_probabilities_at_once(run_tsunagi, tmp_path):
    """Every development and adviser probability at 1 together, then at 0 together."""
    for value in ("0.0", "1.0"):
        out = tmp_path / f"all_{value}.h5"
        sets = [a for k in PROBABILITY_KEYS if k.startswith(("development.", "advisers.")) for a in ("--set", f"{k}={value}")]
        proc = run_tsunagi("run", SCENARIOS / "oita.toml", "-o", out, "--replicates", 2, "-q", *sets,
                           "--set", "advisers.strategy=on_request")
        assert check_extreme(proc, out, 18, 2) == "ran", value


def test_precision_stops_early(run_tsunagi, tmp_path):
    out = tmp_path / "precise.h5"
    proc = run_tsunagi("run", SCENARIOS / "oita.toml", "-o", out, "--replicates", 10000,
                       "--precision", "kikan_coverage@2027-04-01:0.05", timeout=120)
    assert check_extreme(proc, out, 18) == "ran"
    m = re.search(r"reached with (\d+) replicates", proc.stdout)
    assert m, proc.stdout
    reached = int(m.group(1))
    assert 0 < reached < 10000
    assert f", {reached} replicates," in proc.stdout
    with h5py.File(out, "r") as f:
        assert f["replicate"].shape == (reached,)
        assert int(f.attrs["replicates"]) == reached
        assert re.search(rf"(?m)^replicates = {reached}$", f.attrs["scenario_toml"]), "the resolved scenario does not " \
            "record the replicates run"
        assert f["series/kikan_coverage"].shape[0] == reached
