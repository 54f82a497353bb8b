"""`python3 -m analysis report | export | figure`: outputs, and bad input -> exit 2, nothing written."""

import subprocess
import sys

import pandas as pd
import pytest

from analysis.__main__ import main


def test_report_command(oita_pair, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", str(oita_pair[0]), str(oita_pair[1]), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "oita_on_request" in text
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left


def test_export_command(oita_pair, tmp_path):
    out = tmp_path / "csv"
    assert main(["export", str(oita_pair[0]), "--csv", str(out), "--detail", "replicates"]) == 0
    raw = (out / "kikan_stage.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel shows 大分市
    df = pd.read_csv(out / "kikan_stage.csv", encoding="utf-8-sig", dtype={"municipality": str})
    assert list(df.columns) == ["replicate", "date", "municipality", "municipality_name", "value", "label"]
    assert len(df) == 4 * 86 * 18 and "大分市" in set(df["municipality_name"])
    assert set(df["label"]) <= {"none", "exploring", "designing", "budgeted", "established", "functioning"}
    cov = pd.read_csv(out / "kikan_coverage.csv", encoding="utf-8-sig")
    assert list(cov.columns) == ["replicate", "date", "value"] and len(cov) == 4 * 86
    prov = pd.read_csv(out / "provenance.csv", encoding="utf-8-sig").set_index("key")["value"]
    assert {"seed", "git_commit", "tsunagi_version", "scenario_name"} <= set(prov.index)
    assert (out / "scenario.toml").read_text(encoding="utf-8").strip()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]
    years = tmp_path / "years"  # the default: per-municipality series per fiscal year, over replicates
    assert main(["export", str(oita_pair[0]), "-o", str(years)]) == 0
    df = pd.read_csv(years / "kikan_stage.csv", encoding="utf-8-sig", dtype={"municipality": str})
    assert list(df.columns) == ["fiscal_year", "municipality", "municipality_name", "mean", "low", "high", "median",
                                "label"]
    assert len(df) == 7 * 18  # FY2024..FY2030


def test_export_experiment_and_sweep(experiment_path, sweep_path, tmp_path):
    assert main(["export", str(experiment_path), "--csv", str(tmp_path / "e")]) == 0
    cov = pd.read_csv(tmp_path / "e" / "kikan_coverage.csv", encoding="utf-8-sig")
    assert list(cov.columns[:2]) == ["variant", "replicate"] and set(cov["variant"]) == {"outreach", "on_request"}
    assert len(cov) == 2 * 4 * 86  # one header although written a variant at a time
    assert (tmp_path / "e" / "differences_kikan_coverage.csv").is_file()
    assert main(["export", str(sweep_path), "--csv", str(tmp_path / "s")]) == 0
    design = pd.read_csv(tmp_path / "s" / "design.csv", encoding="utf-8-sig")
    assert len(design) == 80 and "development.kikan.work_rate" in design.columns
    assert len(pd.read_csv(tmp_path / "s" / "output_kikan_coverage_2027.csv", encoding="utf-8-sig")) == 80 * 3


@pytest.mark.parametrize("command", ["report", "export"])
def test_bad_input_exit_2_and_nothing_written(command, oita_pair, tmp_path, capsys):
    bad = tmp_path / "notes.h5"
    bad.write_text("not hdf5")
    target = tmp_path / "out"
    args = [command, str(oita_pair[0]), str(bad), "-o", str(target)] if command == "report" else \
        [command, str(bad), "--csv", str(target)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "notes.h5" in err and "not an HDF5 file" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.h5"]


def test_missing_file_and_existing_directory(oita_pair, tmp_path, capsys):
    assert main(["report", str(tmp_path / "gone.h5"), "-o", str(tmp_path / "r.html")]) == 2
    assert "gone.h5: no such file" in capsys.readouterr().err
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("x")
    assert main(["export", str(oita_pair[0]), "--csv", str(full)]) == 2
    assert "not an empty directory" in capsys.readouterr().err
    assert [p.name for p in full.iterdir()] == ["keep.txt"]


def test_module_entry_point(oita_pair, tmp_path, repo_root):
    """As users call it: a subprocess of /usr/bin/python3 -m analysis from the repository root."""
    out = tmp_path / "r.html"
    proc = subprocess.run([sys.executable, "-m", "analysis", "report", str(oita_pair[0]), "-o", str(out)],
                          cwd=repo_root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file()
