"""The package's layout is its pipeline: data → analysis → figures → ucdp → site.

A module imports only from its own stage, from earlier stages, or from the base modules (settings,
paths, text, vocabulary, version), which import from no stage. No module uses another's private
names, no module is over 300 lines, the environment is read in one place, and no coordinate from
``data/places.csv`` is written into the package's code.
"""
from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

PACKAGE = ROOT / "fronts"
STAGES = ("data", "analysis", "figures", "ucdp", "site")
BASE = {"settings", "paths", "text", "vocabulary", "version"}
EDGES = {"__init__", "__main__"}  # the package's front door and the command line may import any stage
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in STAGES:
        return parts[1]
    return "base" if len(parts) >= 2 and parts[1] in BASE else "edge"


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Every ``fronts`` import in the module, at any depth (functions import lazily too)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "fronts":
            out.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name, []) for a in node.names if a.name.split(".")[0] == "fronts"]
    return out


def _target_stage(module: str, names: list[str]) -> set[str]:
    if module == "fronts":  # `from fronts import load` and friends come through the front door
        return {"data"} if set(names) <= {"load", "validate", "DataError", "Dataset", "FRONTS", "BLOCS", "Issue"} else {"edge"}
    if module.count(".") == 1 and module.split(".")[1] in STAGES:  # `from fronts.figures import maps`
        return {module.split(".")[1]}
    return {_stage(module)}


def test_imports_follow_the_pipeline():
    rank = {"base": -1, **{s: i for i, s in enumerate(STAGES)}}
    wrong = []
    for path in MODULES:
        me = _name(path)
        if me.split(".")[-1] in EDGES and me.count(".") == 1:
            continue
        mine = _stage(me)
        for line, module, names in _imports(path):
            for target in _target_stage(module, names):
                if target == "edge" or rank[target] > rank[mine] or (mine == "base" and target != "base"):
                    wrong.append(f"{path.relative_to(ROOT)}:{line}: {mine} imports {module} ({target})")
    assert not wrong, "\n".join(wrong)


def test_the_check_above_catches_a_backward_import(tmp_path):
    bad = PACKAGE / "data" / "_architecture_probe.py"
    bad.write_text("from fronts.figures import maps\n", encoding="utf-8")
    try:
        MODULES.append(bad)
        with pytest.raises(AssertionError, match="data imports fronts.figures"):
            test_imports_follow_the_pipeline()
    finally:
        MODULES.remove(bad)
        bad.unlink()


def test_no_module_uses_another_modules_private_names():
    used = []
    for path in MODULES + sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "scripts").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fronts"):
                used += [f"{path.relative_to(ROOT)}:{node.lineno}: {a.name}" for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and isinstance(node.value, ast.Name) and node.value.id in _fronts_module_aliases(tree)):
                used.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
    assert not used, "\n".join(used)


def _fronts_module_aliases(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fronts"):
            names |= {a.asname or a.name for a in node.names if (PACKAGE / node.module.replace("fronts.", "").replace(".", "/") / f"{a.name}.py").exists()
                      or (ROOT / node.module.replace(".", "/") / f"{a.name}.py").exists()}
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_300_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300


def test_the_environment_is_read_only_in_settings():
    readers = [f"{p.relative_to(ROOT)}" for p in MODULES
               if re.search(r"os\.environ|os\.getenv|getenv\(", p.read_text(encoding="utf-8"))]
    assert readers == ["fronts/settings.py"]


def test_no_gazetteer_coordinate_is_copied_into_the_package():
    with (DATA / "places.csv").open(encoding="utf-8") as fh:
        coords = {v for row in csv.DictReader(fh) for v in (row["lat"], row["lon"]) if v and len(v.split(".")[-1]) >= 3}
    code = "\n".join(p.read_text(encoding="utf-8") for p in MODULES)
    found = sorted(c for c in coords if re.search(rf"(?<![\d.]){re.escape(c)}(?!\d)", code))
    assert not found, f"coordinates from data/places.csv in fronts/: {found}"
