"""The `tsunagi` command, run as a subprocess: options, reproducibility, output files,
located input errors (exit 2, nothing written), signals and `summarize`."""

import io
import re
import shutil
import signal
import subprocess
import time

import h5py
import numpy as np
import pandas as pd
import pytest

import analysis

# ---------------------------------------------------------------------------------------------
# helpers


def series_arrays(path):
    """Every dataset under /series of a result file, as numpy arrays."""
    with h5py.File(path, "r") as f:
        return {name: ds[()] for name, ds in f["series"].items()}


def assert_same_series(a_path, b_path):
    a, b = series_arrays(a_path), series_arrays(b_path)
    assert sorted(a) == sorted(b)
    assert len(a) >= 10
    for name in a:
        assert a[name].dtype == b[name].dtype, name
        assert np.array_equal(a[name], b[name]), f"/series/{name} differs between {a_path} and {b_path}"


def leftovers(directory, target_name):
    """Temporary files (.<name>.tmp-<pid>) left beside a result file."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(f".{target_name}.tmp-"))


def run_ok(run_tsunagi, *args):
    proc = run_tsunagi(*args)
    assert proc.returncode == 0, f"tsunagi {' '.join(map(str, args))} failed:\n{proc.stderr}"
    return proc


def oita_text(scenarios_dir):
    """scenarios/oita.toml with its CSV path made absolute, so a copy runs from anywhere."""
    text = (scenarios_dir / "oita.toml").read_text(encoding="utf-8")
    csv = (scenarios_dir / "data" / "municipalities_2020.csv").resolve()
    new, n = re.subn(r'(?m)^csv = "data/municipalities_2020.csv".*$', f'csv = "{csv}"', text)
    assert n == 1
    return new


def replace_line(text, prefix, new_line):
    """Replaces the one line starting with `prefix`; returns (text, its 1-based line number)."""
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    assert len(hits) == 1, f"{prefix!r} found on {len(hits)} lines"
    lines[hits[0]] = new_line
    return "\n".join(lines), hits[0] + 1


def broken_oita(scenarios_dir, tmp_path, name, prefix, new_line):
    """A copy of oita.toml with one line replaced, written to tmp_path/name; returns
    (path, the replaced line's number)."""
    text, line = replace_line(oita_text(scenarios_dir), prefix, new_line)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, line


def line_of(text, needle, occurrence=1):
    """1-based line number of the `occurrence`-th line containing `needle`."""
    hits = [i + 1 for i, line in enumerate(text.split("\n")) if needle in line]
    return hits[occurrence - 1]


MINIMAL_HEADER = """\
[scenario]
name = "small"
start = 2024-04-01
end = 2025-03-31
seed = 1

[prefecture]
code = "44"
name = "大分県"

[advisers]
count = 1
strategy = "outreach"
"""


def municipality(code, name, population):
    return f'\n[[municipalities.list]]\ncode = "{code}"\nname = "{name}"\npopulation = {population}\n'


def assert_input_error(run_tsunagi, scenario, out, patterns, extra=()):
    """`run` and `validate` both exit 2 and report every regex in `patterns` on stderr;
    `run` leaves no output file (or temporary file) behind."""
    proc = run_tsunagi("run", scenario, "-o", out, "--quiet", *extra)
    assert proc.returncode == 2, f"exit {proc.returncode}, stderr:\n{proc.stderr}"
    for p in patterns:
        assert re.search(p, proc.stderr), f"{p!r} not in stderr:\n{proc.stderr}"
    assert "nothing was written" in proc.stderr
    assert proc.stdout == ""
    assert not out.exists()
    assert leftovers(out.parent, out.name) == []
    check = run_tsunagi("validate", scenario, *extra)
    assert check.returncode == 2, check.stderr
    for p in patterns:
        assert re.search(p, check.stderr), f"validate: {p!r} not in stderr:\n{check.stderr}"
    return proc.stderr


# ---------------------------------------------------------------------------------------------
# options


def test_version(run_tsunagi):
    proc = run_ok(run_tsunagi, "--version")
    assert proc.stdout.startswith("tsunagi 0.1.0")


@pytest.mark.parametrize("command", ["run", "validate", "summarize"])
def test_subcommand_help(run_tsunagi, command):
    proc = run_ok(run_tsunagi, command, "--help")
    assert command in proc.stdout
    assert "--help" in proc.stdout


def test_no_subcommand_is_usage_error(run_tsunagi):
    assert run_tsunagi().returncode == 2


def test_validate_oita(run_tsunagi, scenarios_dir):
    proc = run_ok(run_tsunagi, "validate", scenarios_dir / "oita.toml")
    assert "ok" in proc.stdout
    assert "18 municipalities" in proc.stdout


# ---------------------------------------------------------------------------------------------
# reproducibility


def test_resolved_scenario_reproduces_run(run_tsunagi, scenarios_dir, tmp_path):
    resolved = tmp_path / "resolved.toml"  # no CSV beside it: the list is inline
    proc = run_ok(run_tsunagi, "validate", "--print-resolved", scenarios_dir / "oita.toml")
    resolved.write_text(proc.stdout, encoding="utf-8")
    assert "[[municipalities.list]]" in proc.stdout and "csv" not in proc.stdout
    run_ok(run_tsunagi, "validate", resolved)
    # resolving is a fixed point
    again = run_ok(run_tsunagi, "validate", "--print-resolved", resolved)
    assert again.stdout == proc.stdout

    opts = ["--replicates", "3", "--seed", "5", "--quiet"]
    a, b = tmp_path / "from_oita.h5", tmp_path / "from_resolved.h5"
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", a, *opts)
    run_ok(run_tsunagi, "run", resolved, "-o", b, *opts)
    assert_same_series(a, b)
    with analysis.open_run(a) as ra, analysis.open_run(b) as rb:
        assert ra.attrs["replicates"] == 3 and ra.attrs["seed"] == 5
        assert ra.scenario_toml == rb.scenario_toml


def test_scenario_toml_attribute_reproduces_run(run_tsunagi, oita_run, tmp_path):
    with analysis.open_run(oita_run) as run:
        text = run.scenario_toml
    scenario = tmp_path / "from_attribute.toml"
    scenario.write_text(text, encoding="utf-8")
    out = tmp_path / "again.h5"
    # no --replicates/--seed: the attribute records the values the run used (6 replicates)
    run_ok(run_tsunagi, "run", scenario, "-o", out, "--quiet")
    assert_same_series(oita_run, out)


def test_threads_do_not_change_results(run_tsunagi, scenarios_dir, tmp_path):
    one, two = tmp_path / "t1.h5", tmp_path / "t2.h5"
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", one, "--replicates", "6", "--threads", "1", "-q")
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", two, "--replicates", "6", "--threads", "2", "-q")
    assert_same_series(one, two)
    with h5py.File(one, "r") as f1, h5py.File(two, "r") as f2:
        assert f1.attrs["threads"] == 1 and f2.attrs["threads"] == 2


def test_seed_changes_results(run_tsunagi, scenarios_dir, tmp_path):
    """The comparisons above would pass trivially if the seed were ignored."""
    a, b = tmp_path / "s1.h5", tmp_path / "s2.h5"
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", a, "--replicates", "6", "--seed", "1", "-q")
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", b, "--replicates", "6", "--seed", "2", "-q")
    assert not np.array_equal(series_arrays(a)["kikan_progress"], series_arrays(b)["kikan_progress"])


# ---------------------------------------------------------------------------------------------
# the result file


def test_h5dump_reads_output(oita_run):
    h5dump = shutil.which("h5dump")
    if h5dump is None:
        pytest.skip("h5dump (hdf5-tools) is not installed")
    proc = subprocess.run([h5dump, "-H", str(oita_run)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert 'DATASET "kikan_coverage"' in proc.stdout
    assert 'ATTRIBUTE "schema_version"' in proc.stdout


def test_dimension_scales(oita_run):
    with h5py.File(oita_run, "r") as f:
        coverage = f["series/kikan_coverage"]
        assert coverage.dims[1][0].name == "/time/date"
        assert coverage.dims[0][0].name == "/replicate"
        assert coverage.dims[1].label == "time"
        stage = f["series/kikan_stage"]
        assert stage.dims[2][0].name == "/municipalities/code"
        assert stage.dims[2].label == "municipality"


def test_existing_output_needs_overwrite(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "existing.h5"
    precious = b"results someone wants to keep\n"
    out.write_bytes(precious)
    proc = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", out, "--replicates", "2", "-q")
    assert proc.returncode == 2
    assert "existing.h5" in proc.stderr and "--overwrite" in proc.stderr
    assert out.read_bytes() == precious

    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", out, "--replicates", "2", "-q", "--overwrite")
    assert out.read_bytes() != precious
    with analysis.open_run(out) as run:
        assert run.attrs["replicates"] == 2
    assert leftovers(tmp_path, out.name) == []


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_signal_discards_output(tsunagi_bin, scenarios_dir, tmp_path, sig, code):
    out = tmp_path / "interrupted.h5"
    # One thread and many replicates: several seconds of work, so the signal lands mid-run.
    proc = subprocess.Popen(
        [str(tsunagi_bin), "run", str(scenarios_dir / "oita.toml"), "-o", str(out),
         "--replicates", "4000", "--threads", "1", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        time.sleep(0.3)
        assert proc.poll() is None, "the run ended before the signal could be sent; make it longer"
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == code, stderr
    assert "interrupted" in stderr
    assert not out.exists()
    assert leftovers(tmp_path, out.name) == []
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# bad input: exit 2, located messages, nothing written


def test_toml_syntax_error(run_tsunagi, scenarios_dir, tmp_path):
    path, line = broken_oita(scenarios_dir, tmp_path, "syntax.toml", "count = 5", "count = = 5")
    assert_input_error(run_tsunagi, path, tmp_path / "out.h5",
                       [rf"syntax\.toml:{line}:\d+: TOML syntax error"])


def test_unknown_key_with_hint(run_tsunagi, scenarios_dir, tmp_path):
    path, line = broken_oita(scenarios_dir, tmp_path, "typo.toml", "hours_per_month = 30", "hours_per_mont = 3")
    assert_input_error(run_tsunagi, path, tmp_path / "out.h5",
                       [rf"typo\.toml:{line}:1: advisers\.hours_per_mont: unknown key",
                        re.escape("did you mean 'hours_per_month'")])


def test_wrong_type(run_tsunagi, scenarios_dir, tmp_path):
    path, line = broken_oita(scenarios_dir, tmp_path, "type.toml", "count = 5", 'count = "five"')
    assert_input_error(run_tsunagi, path, tmp_path / "out.h5",
                       [rf"type\.toml:{line}:\d+: advisers\.count: found string .*five.*expected an integer"])


def test_probability_out_of_range(run_tsunagi, scenarios_dir, tmp_path):
    assert_input_error(run_tsunagi, scenarios_dir / "oita.toml", tmp_path / "out.h5",
                       [r"--set: development\.kikan\.approval_probability: found number 1\.5, "
                        r"expected a number from 0 to 1"],
                       extra=["--set", "development.kikan.approval_probability=1.5"])


def test_end_before_start(run_tsunagi, scenarios_dir, tmp_path):
    path, line = broken_oita(scenarios_dir, tmp_path, "dates.toml", "end = 2031-03-31", "end = 2023-03-31")
    assert_input_error(run_tsunagi, path, tmp_path / "out.h5",
                       [rf"dates\.toml:{line}:\d+: scenario\.end: found 2023-03-31, which is before start 2024-04-01"])


def _duplicate_scenario(tmp_path):
    text = MINIMAL_HEADER + municipality("44201", "大分市", 475852) + municipality("44201", "大分市", 475852)
    path = tmp_path / "dup.toml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_duplicate_municipality_codes(run_tsunagi, tmp_path):
    path, text = _duplicate_scenario(tmp_path)
    first = line_of(text, "[[municipalities.list]]", 1)
    second = line_of(text, "[[municipalities.list]]", 2)
    # located at the second entry (its table header or its code line), naming the first
    assert_input_error(run_tsunagi, path, tmp_path / "out.h5",
                       [rf"dup\.toml:({second}|{second + 1})\b.*duplicate municipality code 44201",
                        rf"first defined at \S*dup\.toml:({first}|{first + 1})\b"])


def test_duplicate_municipality_code_key_path(run_tsunagi, tmp_path):
    path, _ = _duplicate_scenario(tmp_path)
    assert_input_error(run_tsunagi, path, tmp_path / "out.h5",
                       [r"dup\.toml:\d+(:\d+)?: municipalities\.list\[1\]\.code: duplicate municipality code 44201"])


def test_region_with_undefined_code(run_tsunagi, tmp_path):
    text = (MINIMAL_HEADER + municipality("44201", "大分市", 475852)
            + '\n[[regions]]\nid = "north"\nmunicipalities = ["44201", "44999"]\n')
    (tmp_path / "region.toml").write_text(text, encoding="utf-8")
    line = line_of(text, '"44999"')
    assert_input_error(run_tsunagi, tmp_path / "region.toml", tmp_path / "out.h5",
                       [rf"region\.toml:{line}:\d+: regions\[0\]\.municipalities: found \"44999\", "
                        r"which is not a municipality of this scenario"])


def test_unknown_strategy_with_hint(run_tsunagi, scenarios_dir, tmp_path):
    stderr = assert_input_error(run_tsunagi, scenarios_dir / "oita.toml", tmp_path / "out.h5",
                                [r"--set: advisers\.strategy: found \"outreech\"",
                                 re.escape("did you mean 'outreach'")],
                                extra=["--set", "advisers.strategy=outreech"])
    assert "on_request" in stderr  # lists the strategies there are


def test_empty_inline_list(run_tsunagi, tmp_path):
    text = MINIMAL_HEADER + "\n[municipalities]\nlist = []\n"
    (tmp_path / "empty.toml").write_text(text, encoding="utf-8")
    line = line_of(text, "list = []")
    assert_input_error(run_tsunagi, tmp_path / "empty.toml", tmp_path / "out.h5",
                       [rf"empty\.toml:{line}:\d+: municipalities\.list: the municipality list is empty"])


def test_csv_with_malformed_row(run_tsunagi, tmp_path):
    (tmp_path / "towns.csv").write_text(
        "municipality_code,prefecture_code,prefecture,municipality,population_2020\n"
        "44201,44,大分県,大分市,475852\n"
        "44202,44,大分県,別府市,many\n"
        "44203,44,大分県,中津市,82911\n",
        encoding="utf-8",
    )
    text = MINIMAL_HEADER + '\n[municipalities]\ncsv = "towns.csv"\n'
    (tmp_path / "csv.toml").write_text(text, encoding="utf-8")
    stderr = assert_input_error(run_tsunagi, tmp_path / "csv.toml", tmp_path / "out.h5",
                                [r"towns\.csv:3: population_2020: found 'many'"])
    assert stderr.count("error:") == 1  # the good rows are accepted


def test_all_problems_reported(run_tsunagi, scenarios_dir, tmp_path):
    text, end_line = replace_line(oita_text(scenarios_dir), "end = 2031-03-31", "end = 2023-03-31")
    text, count_line = replace_line(text, "count = 5", 'count = "five"')
    (tmp_path / "two.toml").write_text(text, encoding="utf-8")
    stderr = assert_input_error(run_tsunagi, tmp_path / "two.toml", tmp_path / "out.h5",
                                [rf"two\.toml:{end_line}:\d+: scenario\.end: ",
                                 rf"two\.toml:{count_line}:\d+: advisers\.count: ",
                                 r"2 problems found"])
    assert stderr.count("error:") == 2


# ---------------------------------------------------------------------------------------------
# summarize


def test_summarize_table(run_tsunagi, oita_run):
    proc = run_ok(run_tsunagi, "summarize", oita_run)
    assert "2025-04-01" in proc.stdout
    assert "kikan_coverage" in proc.stdout
    assert "6 replicates" in proc.stdout


def test_summarize_csv_matches_band(run_tsunagi, oita_run):
    proc = run_ok(run_tsunagi, "summarize", oita_run, "--format", "csv")
    table = pd.read_csv(io.StringIO(proc.stdout), dtype={"date": str})
    assert list(table.columns) == ["metric", "units", "kind", "date", "fiscal_year", "mean", "p5", "p95"]
    assert set(table["metric"]) == {"kikan_municipalities", "kikan_coverage", "kikan_population_coverage",
                                    "kyoten_coverage", "council_coverage", "multi_layered_coverage",
                                    # the advisers' idle hours and their split by reason (docs/model.md §3.5)
                                    "adviser_hours_idle", "adviser_hours_idle_no_need", "adviser_hours_idle_at_limit",
                                    "adviser_hours_idle_cannot_fit", "adviser_hours_idle_not_booked",
                                    "adviser_hours_idle_region_bound",
                                    # the municipalities' need and what no engagement met (§3.2)
                                    "adviser_hours_needed", "adviser_hours_unmet"}
    row = table[(table.metric == "kikan_coverage") & (table.date == "2025-04-01")]
    assert len(row) == 1
    assert row["fiscal_year"].item() == 2025 and row["units"].item() == "fraction"
    with analysis.open_run(oita_run) as run:
        band = run.band("kikan_coverage").loc[pd.Timestamp("2025-04-01")]
    assert row["mean"].item() == pytest.approx(band["mean"], abs=1e-9)
    assert row["p5"].item() == pytest.approx(band["low"], abs=1e-9)
    assert row["p95"].item() == pytest.approx(band["high"], abs=1e-9)
    assert band["low"] < band["high"]  # a real spread, so the quantile definition matters


def test_summarize_unknown_metric(run_tsunagi, oita_run):
    proc = run_tsunagi("summarize", oita_run, "--metric", "nonexistent")
    assert proc.returncode == 2
    assert "nonexistent" in proc.stderr
    for name in ("kikan_coverage", "kikan_municipalities", "adviser_hours_available"):
        assert name in proc.stderr


def test_summarize_not_hdf5(run_tsunagi, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("this is not a result file\n")
    proc = run_tsunagi("summarize", text)
    assert proc.returncode == 2
    assert "notes.txt" in proc.stderr


def test_summarize_truncated_file(run_tsunagi, oita_run, tmp_path):
    data = oita_run.read_bytes()
    cut = tmp_path / "cut.h5"
    cut.write_bytes(data[: len(data) // 2])
    proc = run_tsunagi("summarize", cut)
    assert proc.returncode == 2, f"exit {proc.returncode} (negative: killed by a signal)\n{proc.stderr}"
    assert "cut.h5" in proc.stderr
