"""Output levels (docs/output.md, "Output levels"): `output.level` / `--output-level` choose
which series a run file holds. The (replicate, time) totals are always written; the
per-municipality series from "municipalities"; the per-category ones only at "full" (the
default). The values written are those of a full file; summarize and the Python reader work
on a totals file and say which level a missing series needs."""

import re

import h5py
import numpy as np
import pytest

import analysis
from support import run_ok

LEVELS = {"totals": {2}, "municipalities": {2, 3}, "full": {2, 3, 4}}
CASES = ["--set", "cases={}", "--set", "scenario.end=2026-03-31"]


@pytest.fixture(scope="module")
def level_files(run_tsunagi, scenarios_dir, tmp_path_factory):
    d = tmp_path_factory.mktemp("levels")
    out = {}
    for level in LEVELS:
        path = d / f"{level}.h5"
        proc = run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", path, "--replicates", "3", "--threads",
                      "2", "--output-level", level, *CASES)
        out[level] = (path, proc)
    return out


@pytest.mark.parametrize("level", list(LEVELS))
def test_a_level_writes_the_series_of_its_shapes_with_the_full_files_values(level_files, level):
    path, _ = level_files[level]
    with h5py.File(path) as f, h5py.File(level_files["full"][0]) as full:
        assert f.attrs["output_level"] == level
        ranks = {f["series"][n].ndim for n in f["series"]}
        assert ranks == LEVELS[level]
        # every series the full file holds at a rank this level keeps, with the same values
        expected = sorted(n for n in full["series"] if full["series"][n].ndim in LEVELS[level])
        assert sorted(f["series"]) == expected
        for n in expected:
            np.testing.assert_array_equal(f["series"][n][()], full["series"][n][()], err_msg=n)
        left_out = sorted(n for n in full["series"] if n not in f["series"])
        assert sorted(f["series"].attrs.get("omitted", [])) == left_out


def test_smaller_levels_make_smaller_files_and_the_estimate_follows(level_files):
    sizes = {level: path.stat().st_size for level, (path, _) in level_files.items()}
    assert sizes["totals"] < sizes["municipalities"] < sizes["full"]
    for level, (path, proc) in level_files.items():
        m = re.search(r"estimated from the first replicate: file ([0-9.]+) MB", proc.stderr)
        assert m, proc.stderr
        written = path.stat().st_size / 1e6
        assert abs(float(m.group(1)) - written) <= 0.2 * written, (level, m.group(1), written)


def test_summarize_reads_a_totals_file_and_says_what_it_could_not_check(run_tsunagi, level_files):
    totals = run_ok(run_tsunagi, "summarize", level_files["totals"][0])
    full = run_ok(run_tsunagi, "summarize", level_files["full"][0])
    def table(text):  # the metrics table and the target-date line, after the file's name
        lines = text.splitlines()
        end = next(i for i, line in enumerate(lines) if line.startswith("P(every municipality"))
        return lines[1:end + 1]

    assert table(totals.stdout) == table(full.stdout)
    assert "growing queues not checked: the file was written at output level totals" in totals.stdout
    assert "rerun with --output-level full" in totals.stdout
    assert "growing queues not checked" not in full.stdout


def test_the_python_reader_names_the_level_a_missing_series_needs(level_files):
    with analysis.open_run(level_files["totals"][0]) as run:
        assert run.output_level == "totals"
        band = run.band("kikan_municipalities")
        assert len(band) == len(run.dates)
        assert run.omitted_series()["case_waiting"] == "full"
        with pytest.raises(KeyError, match=r"output level 'totals'; rerun with --output-level full"):
            run.category_total("case_waiting")
        per_m = next(n for n, need in run.omitted_series().items() if need == "municipalities")
        with pytest.raises(KeyError, match=r"rerun with --output-level municipalities"):
            run.series(per_m)
        with pytest.raises(KeyError, match=r"no series named 'nonsense'"):
            run.series("nonsense")
    with analysis.open_run(level_files["full"][0]) as run:
        assert run.output_level == "full" and run.omitted_series() == {}


def test_a_bad_level_is_refused_and_nothing_written(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "x.h5"
    proc = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", out, "--replicates", "1", "--output-level", "some")
    assert proc.returncode == 2
    assert "output.level" in proc.stderr and "'totals', 'municipalities', 'full'" in proc.stderr
    assert not out.exists()
    bad = tmp_path / "bad.toml"
    text = (scenarios_dir / "oita.toml").read_text(encoding="utf-8")
    assert "\n[output]" not in text
    bad.write_text(text + '\n[output]\nlevel = "all"\n', encoding="utf-8")
    proc = run_tsunagi("run", bad, "-o", out, "--replicates", "1")
    assert proc.returncode == 2
    assert re.search(r"bad\.toml:\d+", proc.stderr) and "output.level" in proc.stderr and '"all"' in proc.stderr
    assert not out.exists()


def test_the_report_reads_a_municipalities_file_and_names_the_level_a_totals_file_lacks(level_files, tmp_path, capsys):
    from analysis.__main__ import main

    html = tmp_path / "m.html"
    assert main(["report", str(level_files["municipalities"][0]), "-o", str(html)]) == 0
    assert html.stat().st_size > 0
    # The report's 基幹 target and maps read kikan_stage (per municipality): a totals file
    # stops with exit 2 and the level to rerun with, nothing written.
    totals = tmp_path / "t.html"
    assert main(["report", str(level_files["totals"][0]), "-o", str(totals)]) == 2
    assert "output level 'totals'; rerun with --output-level municipalities" in capsys.readouterr().err
    assert not totals.exists()
