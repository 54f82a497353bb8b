"""The repository's layout rules, checked by the scripts of tools/ (no binary needed).

- tools/check_layers.py: the folders of sim/ include each other only downwards.
- tools/check_mirror_tests.py: every source of sim/ has a mirror test under tests/cpp/
  or a reasoned line in tests/cpp/MIRROR_EXEMPTIONS.txt.

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


# --- mirror tests ------------------------------------------------------------------------

def test_every_sim_source_has_a_mirror_test_or_an_exemption():
    proc = run_script("check_mirror_tests")
    assert proc.returncode == 0, f"tools/check_mirror_tests.py failed:\n{proc.stdout}{proc.stderr}"


def make_mirror_tree(root: Path) -> None:
    write(root, "sim/core/date.hpp")
    write(root, "sim/core/date.cpp")
    write(root, "tests/cpp/core/date_test.cpp")
    write(root, "sim/core/ids.hpp")  # header only: a source of its own
    write(root, "sim/core/version.hpp")
    write(root, "sim/core/version.cpp.in")  # the template is the source, not the header
    write(root, "sim/cli/main.cpp")
    write(root, "tests/cpp/MIRROR_EXEMPTIONS.txt",
          "# comment\n\nsim/core/ids.hpp  types only; no behavioural test yet\n"
          "sim/core/version.cpp.in  tested by --version\n"
          "sim/cli/main.cpp   CLI: tested end to end\n")


def test_mirror_checker_passes_a_complete_fake_tree(tmp_path):
    mirror = load_tool("check_mirror_tests")
    make_mirror_tree(tmp_path)
    assert mirror.check(tmp_path) == ([], 4, 1, 3)


def test_mirror_checker_fails_for_a_missing_mirror(tmp_path):
    make_mirror_tree(tmp_path)
    write(tmp_path, "sim/core/random.cpp")
    proc = run_script("check_mirror_tests", "--root", tmp_path)
    assert proc.returncode == 1
    assert ("sim/core/random.cpp: no mirror test tests/cpp/core/random_test.cpp and no exemption"
            in proc.stdout), proc.stdout


@pytest.mark.parametrize("line, expected", [
    ("sim/core/random.cpp", "gives no reason"),                       # exists, no mirror, no reason
    ("sim/core/gone.cpp  was removed", "which does not exist"),
    ("sim/core/date.cpp  tested elsewhere", "stale exemption"),      # it has its mirror test
    ("sim/core/date.hpp  header", "not a source needing a mirror"),  # the .cpp is the source
    ("sim/cli/main.cpp  again", "exempted twice"),
])
def test_mirror_checker_refuses_bad_exemptions(tmp_path, line, expected):
    mirror = load_tool("check_mirror_tests")
    make_mirror_tree(tmp_path)
    write(tmp_path, "sim/core/random.cpp")
    exemptions = tmp_path / "tests/cpp/MIRROR_EXEMPTIONS.txt"
    exemptions.write_text(exemptions.read_text() + line + "\n")
    problems, *_ = mirror.check(tmp_path)
    assert any(expected in p for p in problems), problems


def test_the_cpp_is_formatted_with_the_repository_configuration():
    """tools/format.sh --check: every C++ file of sim/, tests/cpp, tests/fuzz and bench/ is as
    clang-format leaves it with .clang-format (run tools/format.sh to fix)."""
    import shutil
    import subprocess
    from pathlib import Path

    if not (shutil.which("clang-format") or shutil.which("clang-format-14")):
        import pytest

        pytest.skip("clang-format is not installed (tools/setup.sh installs it)")
    root = Path(__file__).resolve().parents[2]
    r = subprocess.run(["bash", str(root / "tools/format.sh"), "--check"], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
