"""`tsunagi new` (docs/scenarios.md, "A scenario for another prefecture"): a complete, valid
scenario for each of the 47 prefectures from the census list, that validates and runs a
replicate and lists its placeholders; the stages a prefecture keeps replace the
placeholders of the institutions they cover; bad stage rows are refused at their line,
with exit 2 and nothing written."""

import csv
from pathlib import Path

import h5py
import pytest

from support import run_ok


def prefectures(repo_root):
    with open(repo_root / "scenarios" / "data" / "municipalities_2020.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {}
    for r in rows:
        names.setdefault(r["prefecture_code"], r["prefecture"])
    counts = {c: sum(r["prefecture_code"] == c for r in rows) for c in names}
    return names, counts


def test_every_prefecture_gets_a_scenario_that_validates_and_runs(run_tsunagi, repo_root, tmp_path):
    names, counts = prefectures(repo_root)
    assert len(names) == 47
    census = repo_root / "scenarios" / "data" / "municipalities_2020.csv"
    for code, name in names.items():
        out = tmp_path / f"pref{code}.toml"
        proc = run_ok(run_tsunagi, "new", code, "-o", out, "--census", census, "--end", "2025-06-30")
        assert f"{counts[code]} municipalities" in proc.stdout, code
        assert "6 placeholders" in proc.stdout, code
        check = run_ok(run_tsunagi, "validate", out)
        assert f"{name}: {counts[code]} municipalities" in check.stdout, code
        assert "placeholders 6 values are not known" in check.stdout and "initial.kikan" in check.stdout
        result = tmp_path / f"pref{code}.h5"
        run_ok(run_tsunagi, "run", out, "-o", result, "-q", "--replicates", "1")
        with h5py.File(result, "r") as f:
            assert f["series/kikan_coverage"].shape[0] == 1


def test_a_name_works_like_the_code_and_an_unknown_one_is_refused(run_tsunagi, repo_root, tmp_path):
    census = repo_root / "scenarios" / "data" / "municipalities_2020.csv"
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    run_ok(run_tsunagi, "new", "岩手", "-o", a, "--census", census)
    run_ok(run_tsunagi, "new", "03", "-o", b, "--census", census)
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
    bad = run_tsunagi("new", "Atlantis", "-o", tmp_path / "c.toml", "--census", census)
    assert bad.returncode == 2 and "expected a prefecture of the census list" in bad.stderr
    assert not (tmp_path / "c.toml").exists()
    again = run_tsunagi("new", "03", "-o", a, "--census", census)
    assert again.returncode == 2 and "exists" in again.stderr  # never overwrites without being asked


def new_iwate(run_tsunagi, repo_root, tmp_path, rows):
    """`tsunagi new 03` with a stages file of `rows` (after its header): (process, scenario, stages file)."""
    stages = tmp_path / "stages.csv"
    stages.write_text("code,institution,stage,date\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "iwate.toml"
    proc = run_tsunagi("new", "03", "-o", out, "--census", repo_root / "scenarios" / "data" / "municipalities_2020.csv",
                       "--stages", stages)
    return proc, out, stages


def test_imported_stages_replace_their_placeholders(run_tsunagi, repo_root, tmp_path):
    proc, out, _ = new_iwate(run_tsunagi, repo_root, tmp_path,
                             ["03201,kikan,established,2024-04-01", "03202,kikan,exploring,2023-04-01",
                              "03202,kikan,designing,2025-01-10", "03203,council,active,2025-03-01"])
    assert proc.returncode == 0, proc.stderr
    assert "4 placeholders" in proc.stdout
    check = run_ok(run_tsunagi, "validate", out).stdout
    assert "kikan         1 of 33 at start" in check and "council       1 of 33 at start" in check
    assert "initial.kikan" not in check and "initial.council" not in check and "initial.kyoten" in check
    text = out.read_text(encoding="utf-8")  # the latest row of 03202's history counts
    assert 'designing = ["03202"]' in text and 'established = ["03201"]' in text and "exploring =" not in text


def test_bad_stage_rows_are_refused_at_their_line(run_tsunagi, repo_root, tmp_path):
    proc, out, stages = new_iwate(run_tsunagi, repo_root, tmp_path,
                                  ["03201,kikan,opened,2024-04-01", "13101,kikan,established,2024-04-01",
                                   "03202,kyoten,established,2026-04-01"])
    assert proc.returncode == 2
    assert f"{stages}:2: stage: found \"opened\"" in proc.stderr
    assert f"{stages}:3: code: found \"13101\", which is not a municipality of 岩手県" in proc.stderr
    assert f"{stages}:4: date: found 2026-04-01, after the scenario's start 2025-04-01" in proc.stderr
    assert "3 problems found; nothing was written" in proc.stderr
    assert not out.exists()


def test_the_census_list_is_found_from_any_folder(run_tsunagi, tsunagi_bin, repo_root, tmp_path):
    """Without --census, `tsunagi new` reads the repository's list from the current folder or,
    from any other folder, from the repository the executable was built in; the scenario
    names it relative to itself, so it validates where it was written."""
    if Path(tsunagi_bin).resolve().parents[3] != repo_root.resolve():
        pytest.skip(f"{tsunagi_bin} is not in build/<preset>/sim of {repo_root}")
    elsewhere = tmp_path / "planning"
    elsewhere.mkdir()
    made = run_tsunagi("new", "03", "-o", "iwate.toml", cwd=elsewhere)
    assert made.returncode == 0, made.stderr
    text = (elsewhere / "iwate.toml").read_text(encoding="utf-8")
    assert "municipalities_2020.csv" in text
    check = run_tsunagi("validate", "iwate.toml", cwd=elsewhere)
    assert check.returncode == 0, check.stderr
    assert "岩手県: 33 municipalities" in check.stdout
    missing = run_tsunagi("new", "03", "-o", "b.toml", "--census", "nowhere.csv", cwd=elsewhere)
    assert missing.returncode == 2 and 'cannot read "nowhere.csv"' in missing.stderr
    assert not (elsewhere / "b.toml").exists()
