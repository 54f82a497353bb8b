"""`tsunagi summarize` shows the advisers' idle hours split by reason (docs/model.md §3.5,
docs/output.md) by default for a run file that has them, and the split adds up to the idle
hours on every fiscal-year row."""

import csv
import io

from support import run_ok

REASONS = ["no_need", "at_limit", "cannot_fit", "not_booked"]


def test_summarize_shows_idle_hours_by_reason(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "oita.h5"
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", out, "-q", "--replicates", "2",
           "--set", "scenario.end=2026-03-31")
    table = run_ok(run_tsunagi, "summarize", out).stdout
    for r in REASONS:
        assert f"adviser_hours_idle_{r} (hours, total since the previous row)" in table, table
    rows = list(csv.DictReader(io.StringIO(run_ok(run_tsunagi, "summarize", out, "--format", "csv").stdout)))
    by = {}
    for row in rows:
        by.setdefault(row["metric"], {})[row["date"]] = float(row["mean"])
    assert "adviser_hours_idle" in by
    assert sum(by["adviser_hours_idle"].values()) > 0
    for date, idle in by["adviser_hours_idle"].items():
        parts = sum(by[f"adviser_hours_idle_{r}"][date] for r in REASONS)
        assert abs(parts - idle) <= 1e-6 * max(1.0, idle), (date, parts, idle)


def test_summarize_metric_choice_still_shows_only_what_is_asked(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "oita.h5"
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", out, "-q", "--replicates", "1",
           "--set", "scenario.end=2025-03-31")
    table = run_ok(run_tsunagi, "summarize", out, "--metric", "kikan_coverage").stdout
    assert "adviser_hours_idle" not in table
