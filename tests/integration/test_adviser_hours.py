"""Every adviser hour is accounted for: `tsunagi run` a scenario, then at every record of every
replicate the hours by activity (adviser_hours_<activity>) add up to adviser_hours_available."""

import h5py
import numpy as np
import pytest

# Every activity an adviser hour can go to (sim/model/adviser_state.hpp, kActivityNames).
ACTIVITIES = ["visit", "council", "online", "group_event", "liaison", "travel", "idle"]
# adviser_hours_* series that are not activities: the total, a sum of three activities, the
# per-municipality breakdown, and the idle hours split by reason (docs/model.md §3.5).
IDLE_REASONS = ["no_need", "at_limit", "cannot_fit", "not_booked", "region_bound"]
# adviser_hours_needed and adviser_hours_unmet are the municipalities' need, not adviser activities.
NOT_ACTIVITIES = {"available", "support", "by_municipality", "needed", "unmet"} | {f"idle_{r}" for r in IDLE_REASONS}


# Oita as asked; the other prefectures use other strategies, councils, liaison and islands.
@pytest.mark.parametrize("scenario", ["oita", "kochi", "niigata", "okinawa", "osaka", "saitama"])
def test_adviser_hours_by_activity_add_up_to_available(run_tsunagi, scenarios_dir, tmp_path, scenario):
    out = tmp_path / f"{scenario}.h5"
    proc = run_tsunagi("run", scenarios_dir / f"{scenario}.toml", "-o", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    with h5py.File(out, "r") as f:
        s = f["series"]
        found = sorted(n[len("adviser_hours_"):] for n in s if n.startswith("adviser_hours_"))
        assert sorted(set(found) - NOT_ACTIVITIES) == sorted(ACTIVITIES), "an activity was added or removed"
        available = s["adviser_hours_available"][()]
        parts = {a: s[f"adviser_hours_{a}"][()] for a in ACTIVITIES}
        n_rep, n_t = available.shape
        assert n_rep == f.attrs["replicates"] and n_t == len(f["time/date"])
    assert available.sum() > 0  # the scenario has advisers at work
    total = sum(parts.values())
    for a, x in parts.items():
        assert x.shape == available.shape, a
        assert (x >= 0).all(), f"negative adviser_hours_{a}"
    bad = ~np.isclose(total, available, rtol=1e-6, atol=0)
    r, t = np.argwhere(bad)[0] if bad.any() else (0, 0)
    assert not bad.any(), (f"{bad.sum()} of {bad.size} (replicate, record) pairs: e.g. replicate {r}, record {t}: "
                           f"activities {total[r, t]!r} vs available {available[r, t]!r}")


# The idle hours split by reason (docs/model.md §3.5) add up to the idle hours, record by
# record, on every shipped prefecture.
@pytest.mark.parametrize("scenario", ["oita", "kochi", "niigata", "okinawa", "osaka", "saitama"])
def test_idle_hours_by_reason_add_up_to_idle(run_tsunagi, scenarios_dir, tmp_path, scenario):
    out = tmp_path / f"{scenario}.h5"
    proc = run_tsunagi("run", scenarios_dir / f"{scenario}.toml", "-o", out, "--quiet", "--replicates", "3")
    assert proc.returncode == 0, proc.stderr
    with h5py.File(out, "r") as f:
        s = f["series"]
        idle = s["adviser_hours_idle"][()]
        reasons = {r: s[f"adviser_hours_idle_{r}"][()] for r in IDLE_REASONS}
        for r in IDLE_REASONS:
            assert s[f"adviser_hours_idle_{r}"].attrs["kind"] in ("flow", b"flow")
    assert idle.sum() > 0
    for r, x in reasons.items():
        assert x.shape == idle.shape and (x >= 0).all(), r
    np.testing.assert_allclose(sum(reasons.values()), idle, rtol=1e-9, atol=1e-9)
