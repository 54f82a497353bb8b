"""Command line of the analysis package: ``/usr/bin/python3 -m analysis figure OUT.h5 -o PNG``."""

from __future__ import annotations

import argparse
import sys

from .plots import save_band_chart
from .schema import SchemaError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m analysis", description="Read tsunagi result files.")
    sub = parser.add_subparsers(dest="command", required=True)
    fig = sub.add_parser("figure", help="chart of one series: mean over replicates and 5-95%% band")
    fig.add_argument("file", help="result file written by tsunagi run")
    fig.add_argument("-o", "--output", required=True, help="image to write (.png, .svg, .pdf)")
    fig.add_argument("--series", default="kikan_coverage", help="a (replicate, time) series (default: kikan_coverage)")
    args = parser.parse_args(argv)
    try:
        save_band_chart(args.file, args.output, args.series)
    except (SchemaError, KeyError, ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
