"""A Japanese-capable font for matplotlib, so that 基幹 and municipality names render in charts.

matplotlib's default DejaVu Sans has no CJK glyphs: without a CJK font every kanji is drawn
as an empty box. Debian's fonts-noto-cjk (installed by tools/setup.sh) ships Noto Sans CJK
as .ttc collections; :func:`use_cjk_font` registers the first one it finds and puts it first
in the sans-serif list, keeping DejaVu Sans behind it for Latin glyphs it lacks.
"""

from __future__ import annotations

import glob
import shutil
import subprocess
import warnings

import matplotlib
from matplotlib import font_manager

# Where Debian's fonts-noto-cjk puts the collections; fc-list is asked when none is here.
_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK*.ttc",
    "/usr/share/fonts/**/NotoSansCJK*.tt[cf]",
    "/usr/share/fonts/**/NotoSansJP*.[ot]tf",
)

_registered: str | None = None


def _find_font_file() -> str | None:
    """Path of a Noto Sans CJK font file, or None."""
    for pattern in _CANDIDATES:
        hits = sorted(glob.glob(pattern, recursive=True))
        if hits:
            return hits[0]
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=ja", "file"], capture_output=True, text=True).stdout
        files = sorted(line.split(":")[0].strip() for line in out.splitlines() if "Sans" in line)
        if files:
            return files[0]
    return None


def use_cjk_font(warn: bool = True) -> str | None:
    """Register a Noto Sans CJK font with matplotlib and make it the default sans-serif.

    Returns the family name used, or None when no CJK font is installed; then Japanese text
    draws as boxes and, with ``warn``, a warning says which package to install. Safe to call
    more than once.
    """
    global _registered
    if _registered is None:
        path = _find_font_file()
        if path is None:
            if warn:
                warnings.warn(
                    "no Noto Sans CJK font found (install Debian's fonts-noto-cjk, see tools/setup.sh): "
                    "Japanese text in charts will show as empty boxes",
                    stacklevel=2,
                )
            return None
        font_manager.fontManager.addfont(path)
        _registered = font_manager.FontProperties(fname=path).get_name()
    families = [_registered] + [f for f in matplotlib.rcParams["font.sans-serif"] if f != _registered]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = families
    return _registered
