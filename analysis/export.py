"""Export a tsunagi file to CSV for spreadsheet users: one tidy CSV per series.

    /usr/bin/python3 -m analysis export out/oita.h5 --csv out/oita_csv

Files are UTF-8 **with a byte-order mark** (``utf-8-sig``): Excel opens a CSV without one in
the system code page and garbles Japanese names (大分市); with it, Excel, LibreOffice,
pandas (``encoding="utf-8-sig"``) and R read them correctly. Layout of DIR:

* ``<series>.csv`` for every series: columns [variant | point], replicate, date,
  [municipality, municipality_name], [category axis, e.g. agency], value, and for coded
  series (stages, modes) label, the name of the code. Written a
  replicate at a time, so a national file never sits whole in memory.
* experiments: ``differences_<series>.csv`` (variant, date, mean, lower, upper)
* sweeps: ``design.csv`` and ``output_<name>.csv`` (point, replicate, value)
* ``municipalities.csv``, ``provenance.csv`` (key, value), ``scenario.toml`` (runs) /
  ``experiment.toml`` / ``sweep.toml``

Everything is written to a temporary directory beside DIR and renamed into place when
complete; DIR must not exist yet (or be empty), so nothing is overwritten or left half done.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pandas as pd

from .experiment import ExperimentFile
from .load import open_file, provenance
from .sweep import SweepFile

ENCODING = "utf-8-sig"


def _write_series(run, name: str, path: str, extra: dict | None = None) -> None:
    """One series, a replicate at a time, with municipality names beside the codes."""
    names = run.municipalities["name"]
    try:
        codes = dict(enumerate(run.labels(name)))  # a coded series (stage, mode): its names too
    except KeyError:
        codes = None
    first = True
    for r in run.replicates:
        df = run.series(name, replicates=int(r))
        if "municipality" in df:
            df.insert(df.columns.get_loc("municipality") + 1, "municipality_name", df["municipality"].map(names))
        df["date"] = df["date"].dt.strftime("%Y-%m-%d")
        if codes is not None:
            df["label"] = df["value"].map(codes)
        for i, (k, v) in enumerate((extra or {}).items()):
            df.insert(i, k, v)
        df.to_csv(path, mode="w" if first else "a", header=first, index=False, encoding=ENCODING if first else "utf-8")
        first = False


def _write_text(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def _export_into(f, tmp: str) -> list[str]:
    written = []

    def put(name):
        written.append(name)
        return os.path.join(tmp, name)

    prov = pd.DataFrame(sorted(provenance(f).items()), columns=["key", "value"])
    prov.to_csv(put("provenance.csv"), index=False, encoding=ENCODING)
    if isinstance(f, SweepFile):
        f.design.to_csv(put("design.csv"), encoding=ENCODING)
        for name in f.output_names():
            out = f.output(name).reset_index().melt(id_vars="point", var_name="replicate", value_name="value")
            out.to_csv(put(f"output_{name}.csv"), index=False, encoding=ENCODING)
        for name in f.series_names():
            s = f.series(name)
            s["date"] = s["date"].dt.strftime("%Y-%m-%d")
            s.to_csv(put(f"{name}.csv"), index=False, encoding=ENCODING)
        _write_text(put("sweep.toml"), f.attrs.get("sweep_toml", ""))
        return written
    base = f.variant(0) if isinstance(f, ExperimentFile) else f
    base.municipalities.reset_index().to_csv(put("municipalities.csv"), index=False, encoding=ENCODING)
    if isinstance(f, ExperimentFile):
        for name in base.series_names():
            path = put(f"{name}.csv")
            for i, v in enumerate(f.variants()):
                part = os.path.join(tmp, f".part{i}")
                _write_series(v, name, part, {"variant": v.name})
                with open(part, "rb") as src, open(path, "ab") as dst:
                    data = src.read()
                    dst.write(data if i == 0 else data.split(b"\n", 1)[1])  # one header, one BOM
                os.unlink(part)
        for name in f.difference_names():
            d = f.differences(name)
            d["date"] = d["date"].dt.strftime("%Y-%m-%d")
            d.to_csv(put(f"differences_{name}.csv"), index=False, encoding=ENCODING)
        _write_text(put("experiment.toml"), f.attrs.get("experiment_toml", ""))
    else:
        for name in f.series_names():
            _write_series(f, name, put(f"{name}.csv"))
        _write_text(put("scenario.toml"), f.attrs.get("scenario_toml", ""))
    return written


def export_csv(path, directory) -> list[str]:
    """Writes the CSVs of the file at ``path`` into the new directory ``directory`` and returns
    the file names. Raises FileExistsError when ``directory`` exists and is not empty."""
    directory = os.path.abspath(os.fspath(directory))
    if os.path.exists(directory) and (not os.path.isdir(directory) or os.listdir(directory)):
        raise FileExistsError(f"{directory}: exists and is not an empty directory; choose a new one")
    parent = os.path.dirname(directory)
    os.makedirs(parent, exist_ok=True)
    with open_file(path) as f:
        tmp = tempfile.mkdtemp(prefix=".export-", dir=parent)
        try:
            written = _export_into(f, tmp)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o777 & ~umask)
            if os.path.isdir(directory):
                os.rmdir(directory)  # empty, checked above
            os.rename(tmp, directory)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return written
