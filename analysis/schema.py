"""The identity of tsunagi's output files and the one checked way this package opens them.

The names come from ``analysis/_schema.py``, generated from the C++ declaration
(sim/output/schema.cpp) by ``tsunagi_schema``; see docs/output.md#schema-identity-and-versioning.
A file carries them as root attributes:

* ``schema``          -- UTF-8 string, ``"tsunagi"``
* ``file_type``       -- UTF-8 string: run, experiment, sweep, checkpoint or calibration
                         (absent in a version-1 run file written before it existed)
* ``schema_version``  -- integer, the version of that file type's layout

:func:`open_checked` is how every reader of the package opens a file: it checks the three
and raises :class:`SchemaError` naming the file, the type and version found and expected.
"""

from __future__ import annotations

import os

import h5py
import numpy as np

from . import _schema

SCHEMA_NAME = _schema.SCHEMA_NAME
FILE_TYPES = {name: spec["version"] for name, spec in _schema.FILE_TYPES.items()}  # file_type -> schema_version
FILE_TYPE_WHEN_ABSENT = _schema.FILE_TYPE_WHEN_ABSENT
# The schema_version of run files (kept for scripts written when there was one version).
SCHEMA_VERSION = FILE_TYPES["run"]


class SchemaError(ValueError):
    """A file is not a tsunagi file of the type and schema version this package reads."""


def _text(value) -> str:
    """An attribute value as text (h5py may return bytes or numpy strings)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def required_attributes(file_type: str) -> tuple[tuple[str, str], ...]:
    """The root attributes a file of ``file_type`` must have, as (name, type): the common
    ones, then the type's own, as sim/output/schema.cpp declares them."""
    return _schema.COMMON_ATTRIBUTES + _schema.FILE_TYPES[file_type]["attributes"]


def optional_attributes(file_type: str) -> tuple[tuple[str, str], ...]:
    """Root attributes added within the current schema_version of ``file_type``, as (name,
    type): a file may lack them (e.g. a run file's ``output_level``, absent in files written
    before output levels, which hold every series)."""
    return _schema.FILE_TYPES[file_type]["optional"]


def _expected(expected_type) -> tuple[str, ...] | None:
    if expected_type is None:
        return None
    names = (expected_type,) if isinstance(expected_type, str) else tuple(expected_type)
    for name in names:
        if name not in FILE_TYPES:
            raise ValueError(f"unknown file type {name!r}; the file types are {', '.join(FILE_TYPES)}")
    return names


def _describe(names) -> str:
    return " or ".join(f"{n!r} (schema_version {FILE_TYPES[n]})" for n in names)


def check_file(h5file, path, expected_type=None) -> str:
    """Raise SchemaError unless the open h5py File ``h5file`` is a tsunagi file of a type
    and schema version this package reads; return its file_type.

    ``expected_type``: a file type name, several (a tuple), or None for any. ``path`` is
    only used in the message, which names the file, what was found and what was expected.
    """
    expected = _expected(expected_type)
    attrs = h5file.attrs
    if "schema" not in attrs:
        raise SchemaError(
            f"{path}: no root attribute 'schema'; expected schema = {SCHEMA_NAME!r} "
            "(is this a file written by tsunagi?)"
        )
    name = _text(attrs["schema"])
    if name != SCHEMA_NAME:
        raise SchemaError(f"{path}: root attribute schema is {name!r}, expected {SCHEMA_NAME!r}")
    want = _describe(expected or (FILE_TYPE_WHEN_ABSENT,))
    if "schema_version" not in attrs:
        raise SchemaError(f"{path}: no root attribute 'schema_version'; expected a file_type and schema_version: {want}")
    raw = attrs["schema_version"]
    if not isinstance(raw, (int, np.integer)) or isinstance(raw, bool):
        raise SchemaError(f"{path}: root attribute schema_version is {raw!r}, expected an integer: {want}")
    version = int(raw)
    absent = "file_type" not in attrs
    kind = FILE_TYPE_WHEN_ABSENT if absent else _text(attrs["file_type"])
    if kind not in FILE_TYPES:
        raise SchemaError(f"{path}: unknown file_type {kind!r} (schema_version {version}); expected "
                          f"{_describe(expected or FILE_TYPES)}")
    if expected is not None and kind not in expected:
        if absent:
            raise SchemaError(f"{path}: no root attribute 'file_type' (a file without one is a {kind!r} file, "
                              f"schema_version {version}); expected file_type {want}")
        raise SchemaError(f"{path}: file_type is {kind!r} (schema_version {version}), expected {want}")
    if version != FILE_TYPES[kind]:
        raise SchemaError(
            f"{path}: schema_version is {version} for file_type {kind!r}, expected {FILE_TYPES[kind]} "
            f"(this analysis package reads schema version {FILE_TYPES[kind]} of {kind!r} files; "
            f"{'a newer tsunagi wrote it' if version > FILE_TYPES[kind] else 'an older tsunagi wrote it'})"
        )
    return kind


def open_checked(path, expected_type=None) -> h5py.File:
    """Open a tsunagi file read-only after checking schema, file_type and schema_version
    (:func:`check_file`); the h5py File is also a context manager.

        with analysis.open_checked("out/oita.h5", "run") as f:
            f["series/kikan_coverage"][...]

    Raises FileNotFoundError for a missing file, SchemaError for a file that is not HDF5 or
    not of the expected type and version, OSError for a damaged one.
    """
    path = os.fspath(path)
    _expected(expected_type)  # a misspelt type is the caller's error, whatever the file
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file")
    if os.path.isfile(path) and not h5py.is_hdf5(path):
        raise SchemaError(f"{path}: not an HDF5 file; expected a file written by tsunagi"
                          + (f" ({_describe(_expected(expected_type))})" if expected_type else ""))
    try:
        f = h5py.File(path, "r")
    except FileNotFoundError:
        raise
    except OSError as e:
        raise OSError(f"{path}: cannot open the HDF5 file (truncated or damaged?): {e}") from e
    try:
        check_file(f, path, expected_type)
    except BaseException:
        f.close()
        raise
    return f
