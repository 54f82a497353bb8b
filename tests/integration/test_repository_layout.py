"""The repository's layout rules, checked by the scripts of tools/ (no binary needed).

- tools/check_layers.py: the folders of sim/ include each other only downwards.

Each script is run on the repository (must pass) and, through its functions, on a
small fake tree (must find what is planted there), so these tests can fail.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
TOOLS = REPO / "tools"


def load_tool(name):
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_script(name, *args):
    return subprocess.run([sys.executable, str(TOOLS / f"{name}.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def write(root: Path, rel: str, text: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


# --- layers -----------------------------------------------------------------------------

def test_sim_folders_include_only_downwards():
    proc = run_script("check_layers")
    assert proc.returncode == 0, f"tools/check_layers.py failed:\n{proc.stdout}{proc.stderr}"


def test_layer_checker_reports_an_upward_include_with_file_and_line(tmp_path):
    layers = load_tool("check_layers")
    write(tmp_path, "sim/core/date.hpp", "#pragma once\n")
    write(tmp_path, "sim/engine/run.hpp", "#pragma once\n")
    # downward (model -> core), own folder, system and third-party includes: fine
    write(tmp_path, "sim/model/state.hpp",
          '#pragma once\n#include <vector>\n#include "core/date.hpp"\n#include "model/other.hpp"\n'
          '#include "toml++/toml.hpp"\n')
    # upward: core -> engine on line 3
    write(tmp_path, "sim/core/random.cpp", '#include "core/date.hpp"\n\n#include "engine/run.hpp"\n')
    write(tmp_path, "sim/cli/main.cpp", '#include "engine/run.hpp"\n#include "core/date.hpp"\n')

    problems, files, includes = layers.check(tmp_path)
    assert problems == ['sim/core/random.cpp:3: core -> engine (include "engine/run.hpp")']
    assert files == 5 and includes == 6

    proc = run_script("check_layers", "--root", tmp_path)
    assert proc.returncode == 1
    assert 'sim/core/random.cpp:3: core -> engine (include "engine/run.hpp")' in proc.stdout

    (tmp_path / "sim/core/random.cpp").write_text('#include "core/date.hpp"\n')
    proc = run_script("check_layers", "--root", tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.count("\n") == 1 and "OK" in proc.stdout


def test_layer_checker_refuses_a_folder_outside_the_order(tmp_path):
    layers = load_tool("check_layers")
    write(tmp_path, "sim/gadgets/thing.cpp", '#include "core/date.hpp"\n')
    problems, _, _ = layers.check(tmp_path)
    assert len(problems) == 1 and "sim/gadgets is not in the layer list" in problems[0]


def test_docs_show_the_order_of_the_script():
    layers = load_tool("check_layers")
    assert " < ".join(f"`{name}`" for name in layers.LAYERS) in (REPO / "docs" / "layers.md").read_text()
