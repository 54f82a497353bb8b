"""Dependencies of the analysis package (pyproject.toml holds everything else).

Debian's python3-h5py registers its distribution as "h5py._debian_h5py_serial" (or
"_mpi"), so pip, asked for "h5py", finds nothing installed and, offline, fails. The
requirement names whichever h5py distribution is installed where the package is built
(pip install --no-build-isolation builds in the target environment), and plain "h5py" when
there is none yet (pip then installs it from an index).
"""

from importlib import metadata

from setuptools import setup

H5PY_DISTRIBUTIONS = ("h5py", "h5py._debian_h5py_serial", "h5py._debian_h5py_mpi")


def _h5py_requirement() -> str:
    for name in H5PY_DISTRIBUTIONS:
        try:
            metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        return f"{name}>=3.7"
    return "h5py>=3.7"


setup(install_requires=["numpy>=1.24", "pandas>=1.5", _h5py_requirement(), "matplotlib>=3.6", "scipy>=1.10"])
