"""The identity of tsunagi result files (HDF5 schema v1) and the check made before reading.

The names mirror sim/output/schema.hpp (``tsunagi::schema::kName`` and ``kVersion``);
change both together. A result file carries them as root attributes:

* ``schema``          -- UTF-8 string, ``"tsunagi"``
* ``schema_version``  -- integer, ``1``
"""

from __future__ import annotations

import numpy as np

# Mirrors sim/output/schema.hpp: keep in step with the C++ writer.
SCHEMA_NAME = "tsunagi"
SCHEMA_VERSION = 1


class SchemaError(ValueError):
    """A file is not a tsunagi result file of the schema version this package reads."""


def _text(value) -> str:
    """An attribute value as text (h5py may return bytes or numpy strings)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def check_file(h5file, path) -> None:
    """Raise SchemaError unless the open h5py File ``h5file`` is a tsunagi v1 result file.

    ``path`` is only used in the message. The message names the file, what was found
    and what was expected.
    """
    attrs = h5file.attrs
    if "schema" not in attrs:
        raise SchemaError(
            f"{path}: no root attribute 'schema'; expected schema = {SCHEMA_NAME!r} "
            "(is this a file written by `tsunagi run`?)"
        )
    name = _text(attrs["schema"])
    if name != SCHEMA_NAME:
        raise SchemaError(f"{path}: root attribute schema is {name!r}, expected {SCHEMA_NAME!r}")
    if "schema_version" not in attrs:
        raise SchemaError(
            f"{path}: no root attribute 'schema_version'; expected schema_version = {SCHEMA_VERSION}"
        )
    raw = attrs["schema_version"]
    if not isinstance(raw, (int, np.integer)) or isinstance(raw, bool):
        raise SchemaError(
            f"{path}: root attribute schema_version is {raw!r}, expected the integer {SCHEMA_VERSION}"
        )
    version = int(raw)
    if version != SCHEMA_VERSION:
        raise SchemaError(
            f"{path}: schema_version is {version}, expected {SCHEMA_VERSION} "
            f"(this analysis package reads schema version {SCHEMA_VERSION} only)"
        )
