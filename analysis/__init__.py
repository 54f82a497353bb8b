"""Analysis of tsunagi result files (HDF5 schema v1) in Python.

    import analysis
    with analysis.open_run("out/oita.h5") as run:
        run.band("kikan_coverage")          # mean and 5-95% band over replicates, by date
        run.series("kikan_stage", replicates=[0, 1])   # tidy long table
        analysis.probability_all_covered(run, "kikan", by="2027-03-31")
        analysis.establishment_date_distribution(run)  # per municipality
        analysis.never_visited(run).share              # advisers never went there

See analysis/runfile.py for the file layout and docs/output.md for every series.
"""

from .runfile import RunFile, open_run
from .schema import SCHEMA_NAME, SCHEMA_VERSION, SchemaError, check_file
from .targets import establishment_date_distribution, establishment_dates, probability_all_covered
from .visits import NeverVisited, never_visited

__all__ = [
    "open_run",
    "RunFile",
    "SchemaError",
    "SCHEMA_NAME",
    "SCHEMA_VERSION",
    "check_file",
    "probability_all_covered",
    "establishment_dates",
    "establishment_date_distribution",
    "never_visited",
    "NeverVisited",
]
