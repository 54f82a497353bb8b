"""Loading run, experiment and sweep files into tidy tables, with provenance and scenario."""

import h5py
import numpy as np
import pytest

import analysis

R, M = 4, 18


def test_open_file_picks_the_reader(oita_pair, experiment_path, sweep_path):
    for path, kind in ((oita_pair[0], analysis.RunFile), (experiment_path, analysis.ExperimentFile),
                       (sweep_path, analysis.SweepFile)):
        with analysis.open_file(path) as f:
            assert type(f) is kind
    assert analysis.file_type(experiment_path) == "experiment"


def test_load_run_tidy_with_provenance(oita_pair):
    df = analysis.load(oita_pair[0], ["kikan_coverage", "kikan_stage"], replicates=[1, 3])
    with analysis.open_run(oita_pair[0]) as run:
        T = len(run.dates)
        seed, toml = run.attrs["seed"], run.scenario_toml
        stage = run.array("kikan_stage")
    cov = df[df.metric == "kikan_coverage"]
    assert len(cov) == 2 * T and cov["municipality"].isna().all()
    st = df[df.metric == "kikan_stage"]
    assert len(st) == 2 * T * M
    assert list(df.columns) == ["replicate", "date", "municipality", "metric", "value"]
    np.testing.assert_array_equal(st["value"].to_numpy().reshape(2, T, M), stage[[1, 3]])
    assert df.attrs["provenance"]["seed"] == seed
    assert df.attrs["provenance"]["tsunagi_version"] and df.attrs["provenance"]["git_commit"]
    assert df.attrs["scenario_toml"] == toml and df.attrs["file_type"] == "run"
    assert df.attrs["units"] == {"kikan_coverage": "fraction", "kikan_stage": "stage"}


def test_load_run_municipality_filter(oita_pair):
    df = analysis.load(oita_pair[0], "kikan_stage", replicates=0, municipalities=["44211", "44322"])
    assert set(df["municipality"]) == {"44211", "44322"}


def test_load_reads_only_requested_replicates(oita_pair, h5_reads):
    analysis.load(oita_pair[0], "kikan_stage", replicates=[2])
    h5_reads.assert_selective("/series/kikan_stage")


def test_experiment_reader(experiment_path, oita_pair):
    with analysis.open_experiment(experiment_path) as exp, analysis.open_run(oita_pair[1]) as b:
        assert exp.variant_names == ["outreach", "on_request"] and exp.baseline == "outreach"
        assert exp.overrides[1] == "advisers.strategy=on_request"
        v = exp.variant("on_request")
        np.testing.assert_array_equal(v.array("kikan_coverage"), b.array("kikan_coverage"))
        np.testing.assert_array_equal(v.array("kikan_stage", replicates=[2]), b.array("kikan_stage", replicates=[2]))
        assert v.labels("kikan_stage") == b.labels("kikan_stage")
        assert v.attrs["scenario_toml"] == b.scenario_toml
        assert analysis.probability_all_covered(v) == analysis.probability_all_covered(b)
        d = exp.differences("kikan_coverage")
        assert list(d.columns) == ["variant", "date", "mean", "lower", "upper"]
        assert (d[d.variant == "outreach"][["mean", "lower", "upper"]] == 0).all().all()
        with pytest.raises(KeyError, match="variants: outreach, on_request"):
            exp.variant("nope")


def test_experiment_reads_one_variant(experiment_path, h5_reads):
    with analysis.open_experiment(experiment_path) as exp:
        exp.variant(1).array("kikan_stage", replicates=[0])
        exp.variant(1).band("kikan_coverage")
    for name in ("/municipal_series/kikan_stage", "/series/kikan_coverage"):
        h5_reads.assert_selective(name)


def test_load_experiment_tidy(experiment_path):
    df = analysis.load(experiment_path, ["kikan_coverage"], variants=["on_request"])
    assert list(df.columns) == ["variant", "replicate", "date", "metric", "value"]
    assert set(df["variant"]) == {"on_request"} and df["replicate"].nunique() == R
    assert df.attrs["file_type"] == "experiment" and set(df.attrs["scenario_toml"]) == {"outreach", "on_request"}
    assert df.attrs["provenance"]["experiment_name"] == "oita_strategies"


def test_sweep_reader(sweep_path):
    with analysis.open_sweep(sweep_path) as sw:
        assert list(sw.parameters.index)[0] == "development.kikan.work_rate"
        d = sw.design
        assert len(d) == 5 * 16 and {"seed", "status", "block", "base_row", "error"} <= set(d.columns)
        assert d.loc[3, "status"] == 1 and d.loc[3, "error"]
        out = sw.output("kikan_coverage_2027")
        assert out.shape == (80, 3) and out.loc[3].isna().all()
        assert sw.output("kikan_coverage_2027", points=[5, 1]).index.tolist() == [1, 5]
        assert set(sw.output_summary("kikan_coverage_2027").columns) == {"mean", "var", "p05", "p50", "p95"}
        assert sw.output_info("kikan_coverage_2027")["date"] == "2027-03-31"
    df = analysis.load(sweep_path, "kikan_coverage", points=[0, 1])
    assert list(df.columns) == ["point", "replicate", "date", "metric", "value"] and len(df) == 2 * 3 * 4
    assert df.attrs["file_type"] == "sweep" and df.attrs["provenance"]["design"] == "sobol"


def test_wrong_file_type_is_named(oita_pair, tmp_path):
    with pytest.raises(analysis.SchemaError,
                       match=r"file_type is 'run' \(schema_version 1\), expected 'experiment' \(schema_version 1\)"):
        analysis.open_experiment(oita_pair[0])
    bad = tmp_path / "odd.h5"
    with h5py.File(bad, "w") as f:
        f.attrs["schema"], f.attrs["schema_version"], f.attrs["file_type"] = "tsunagi", np.int32(1), "movie"
    with pytest.raises(analysis.SchemaError, match="odd.h5: unknown file_type 'movie'"):
        analysis.open_file(bad)
    with pytest.raises(FileNotFoundError, match="missing.h5"):
        analysis.open_file(tmp_path / "missing.h5")
