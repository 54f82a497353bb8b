"""Analysis of tsunagi result files (HDF5 schema v1) in Python.

    import analysis
    with analysis.open_run("out/oita.h5") as run:
        run.band("kikan_coverage")          # mean and 5-95% band over replicates, by date
        run.series("kikan_stage", replicates=[0, 1])   # tidy long table
        analysis.probability_all_covered(run, "kikan", by="2027-03-31")
        analysis.establishment_date_distribution(run)  # per municipality
        analysis.never_visited(run).share              # advisers never went there
        analysis.why_never_visited(run)                # ... and why (no need, strategy, hours)

    df = analysis.load("out/oita.h5", ["kikan_coverage"])   # tidy, provenance in df.attrs
    with analysis.open_file("out/exp.h5") as exp:           # run, experiment or sweep file
        analysis.coverage_chart(exp.variants())
    analysis.write_report(["out/oita.h5", "out/oita_on_request.h5"], "report.html")
    with analysis.open_checked("out/fit.h5", "calibration") as f:   # any file, as h5py, checked
        f["parameters/fitted"][()]
    analysis.read_calibration("out/fit.h5").parameters      # fitted, intervals, flags

Files: runfile.py (run files), experiment.py, sweep.py, load.py (any file, tidy tables),
compare.py (scenarios side by side), workload.py (adviser hours), caseflow.py (cases),
report.py (the HTML page), export.py (CSV and Excel), fonts.py (Japanese in charts); schema.py opens
every file (open_checked: schema, file_type and schema_version checked against _schema.py,
generated from the C++ declaration). docs/analysis.md has the guide, docs/output.md every series.
"""

from .calibration import Calibration, read_calibration
from .caseflow import flow_diagram, has_cases, lost_chart, lost_per_year, mean_wait, waiting_chart
from .compare import (
    TARGET_DATE,
    at_risk,
    coverage_chart,
    difference_chart,
    establishment_chart,
    paired_difference,
    target_table,
)
from .experiment import ExperimentFile, Variant, open_experiment
from .export import export_csv, export_xlsx
from .fonts import use_cjk_font
from .load import file_type, load, open_file, provenance
from .report import build_html, write_report
from .runfile import RunFile, open_run
from .schema import FILE_TYPES, SCHEMA_NAME, SCHEMA_VERSION, SchemaError, check_file, open_checked, required_attributes
from .sources import settings as setting_sources
from .sources import undocumented as undocumented_settings
from .sweep import SweepFile, open_sweep
from .targets import (
    establishment_date_distribution,
    establishment_dates,
    probability_all_covered,
    probability_by_municipality,
)
from .visits import NeverVisited, never_visited, why_never_visited
from .workload import (
    activity_chart,
    hours_by_activity,
    has_idle_reasons,
    hours_by_municipality,
    idle_by_reason,
    idle_reason_chart,
    idle_reason_table,
    hour_accounting,
    municipality_chart,
    utilisation,
    utilisation_chart,
)

__all__ = [
    "Calibration",
    "read_calibration",
    "open_run", "RunFile", "open_file", "file_type", "load", "provenance", "setting_sources", "undocumented_settings",
    "open_experiment", "ExperimentFile", "Variant", "open_sweep", "SweepFile",
    "SchemaError", "SCHEMA_NAME", "SCHEMA_VERSION", "FILE_TYPES", "check_file", "open_checked", "required_attributes",
    "probability_all_covered", "probability_by_municipality", "establishment_dates",
    "establishment_date_distribution", "never_visited", "NeverVisited",
    "TARGET_DATE", "coverage_chart", "paired_difference", "difference_chart", "target_table", "at_risk",
    "establishment_chart",
    "hours_by_activity", "hours_by_municipality", "utilisation", "activity_chart", "municipality_chart",
    "utilisation_chart", "has_idle_reasons", "idle_by_reason", "idle_reason_table", "idle_reason_chart", "hour_accounting",
    "why_never_visited",
    "has_cases", "mean_wait", "waiting_chart", "lost_per_year", "lost_chart", "flow_diagram",
    "build_html", "write_report", "export_csv", "export_xlsx", "use_cjk_font",
]
