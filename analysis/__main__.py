"""Command line of the analysis package (run from the repository root with /usr/bin/python3):

    python3 -m analysis report OUT.h5 [OTHER.h5 ...] -o report.html   # one self-contained page
    python3 -m analysis report OUT.h5 -o report.html --pdf             # ... and report.pdf (Chromium)
    python3 -m analysis report OUT.h5 -o report.html --lang both       # ... and report.ja.html (日本語)
    python3 -m analysis export OUT.h5 --csv DIR                        # summary, then CSVs that fit a spreadsheet
    python3 -m analysis export OUT.h5 --format xlsx -o OUT.xlsx        # the same as one workbook (python3-openpyxl)
    python3 -m analysis figure OUT.h5 -o coverage.png                  # one band chart

Bad input (a missing or non-tsunagi file, an unknown series, an existing export directory)
prints a message naming the file and the problem and exits with code 2, writing nothing.
"""

from __future__ import annotations

import argparse
import os
import sys

from .export import DETAILS, FORMATS, MissingPackage
from .schema import SchemaError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m analysis", description="Read tsunagi result files.")
    sub = parser.add_subparsers(dest="command", required=True)
    fig = sub.add_parser("figure", help="chart of one series: mean over replicates and 5-95%% band")
    fig.add_argument("file", help="result file written by tsunagi run")
    fig.add_argument("-o", "--output", required=True, help="image to write (.png, .svg, .pdf)")
    fig.add_argument("--series", default="kikan_coverage", help="a (replicate, time) series (default: kikan_coverage)")
    rep = sub.add_parser("report", help="one self-contained HTML report of run, experiment and sweep files")
    rep.add_argument("files", nargs="+", help="result files; with several runs the first is the baseline")
    rep.add_argument("-o", "--output", required=True, help="HTML file to write")
    rep.add_argument("--pdf", action="store_true",
                     help="also print the page to PDF (OUTPUT with .pdf) with headless Chromium; exit 2 without it")
    rep.add_argument("--lang", choices=("en", "ja", "both"), default="en",
                     help="language of the report: en (default), ja (日本語), or both: the English edition at "
                     "OUTPUT and the Japanese one beside it (report.html and report.ja.html), each linking to the "
                     "other")
    exp = sub.add_parser("export", help="a summary, then every series, as CSV files (UTF-8 with BOM) or one Excel "
                         "workbook; no file or sheet longer than a spreadsheet holds")
    exp.add_argument("file", help="run, experiment or sweep file")
    where = exp.add_mutually_exclusive_group(required=True)
    where.add_argument("--csv", metavar="DIR", help="new directory to write the CSV files into (--format csv)")
    where.add_argument("-o", "--output", help="new directory (csv) or workbook file (xlsx) to write")
    exp.add_argument("--format", choices=FORMATS, default="csv",
                     help="csv (default): one file per table; xlsx: one workbook, a sheet per table (needs the "
                     "Debian package python3-openpyxl)")
    exp.add_argument("--by", default="2027-03-31", metavar="DATE",
                     help="target date of the summary (default 2027-03-31, the end of FY2026)")
    exp.add_argument("--detail", choices=DETAILS, default="years",
                     help="per-municipality series: years (default): mean and 5-95%% band over replicates per "
                     "fiscal year; replicates: every value of every replicate and record date, split into parts "
                     "of at most 1,048,575 rows")
    return parser


def _run(args) -> None:
    if args.command == "figure":
        from .plots import save_band_chart

        save_band_chart(args.file, args.output, args.series)
    elif args.command == "report":
        from .load import file_type
        from .report import edition_path, write_report
        from .report_pdf import find_chromium

        pdf = os.path.splitext(args.output)[0] + ".pdf" if args.pdf else None
        if pdf is not None:
            find_chromium()  # before any work: no Chromium, exit 2 with what to do
        for path in args.files:
            file_type(path)  # every input checked before any work: names the bad file
        write_report(args.files, args.output, pdf=pdf, lang=args.lang)
        langs = ("en", "ja") if args.lang == "both" else (args.lang,)
        written = [edition_path(args.output, g) if args.lang == "both" else args.output for g in langs]
        if pdf:
            written += [edition_path(pdf, g) if args.lang == "both" else pdf for g in langs]
        print("wrote " + ", ".join(written))
    elif args.command == "export":
        from .export import MAX_ROWS, export_csv, export_xlsx

        if args.csv is not None and args.format != "csv":
            raise ValueError(f"--csv writes CSV files; with --format {args.format} give -o FILE instead")
        target = args.csv if args.csv is not None else args.output
        export = export_xlsx if args.format == "xlsx" else export_csv
        result = export(args.file, target, by=args.by, detail=args.detail)
        what, contents = ("sheets", "contents") if args.format == "xlsx" else ("files", "contents.csv")
        print(f"wrote {len(result)} {what} to {target} ({result.files[0]} first, {contents} lists them)")
        for table, n in result.split.items():
            print(f"  {table}: {n} parts of at most {MAX_ROWS:,} rows (Excel's limit); {contents} says "
                  "which rows each holds")


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        _run(args)
    except (SchemaError, KeyError, ValueError, OSError, MissingPackage) as e:
        message = e.args[0] if isinstance(e, KeyError) and e.args else e
        print(f"error: {message}", file=sys.stderr)
        return 2
    except RuntimeError as e:  # a tool the command runs failed (Chromium for --pdf): not the input's fault
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
