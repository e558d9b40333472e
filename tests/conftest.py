from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_package(target: Path, csv_dir: Path = FIXTURES / "valid") -> Path:
    """A data package in ``target``: the fixture CSVs with the real contract, outline and actors."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("datapackage.json", "outline.geojson", "actors.csv"):
        shutil.copy(DATA / name, target / name)
    shutil.copytree(DATA / "basemap", target / "basemap", dirs_exist_ok=True)
    for csv in csv_dir.glob("*.csv"):
        shutil.copy(csv, target / csv.name)
    return target


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return make_package(tmp_path / "data")


@pytest.fixture
def site_mode(monkeypatch):
    """The book build's settings: at the edge (``fronts.load()``) from the environment, and as the object."""
    from fronts.settings import Settings

    monkeypatch.setenv("FRONTS_ASSETS", "site")
    monkeypatch.setenv("FRONTS_ASSET_BASE", "../vendor/")
    return Settings.from_env()


@pytest.fixture
def inline_mode(monkeypatch):
    """A reader's settings (self-contained outputs): from the environment at the edge, and as the object."""
    from fronts.settings import Settings

    monkeypatch.setenv("FRONTS_ASSETS", "inline")
    return Settings.from_env()


def _ucdp_absent() -> bool:
    from fronts.ucdp import ged as ucdp

    return not ucdp.status().available


def pytest_report_header(config):
    from fronts.ucdp import ged as ucdp

    st = ucdp.status()
    if st.available:
        return f"UCDP GED: {st.path} (notebook cells tagged 'ucdp' are compared like every other cell)"
    return ("UCDP GED: absent; notebook cells tagged 'ucdp' are executed but their stored outputs (made with the "
            "data) are not compared. Set FRONTS_EXTERNAL_DATA (see README) to check them.")


def pytest_collection_modifyitems(config, items):
    """Start the builds first, then the browser tests and the notebooks (the longest: `make test` runs
    the tests over pytest-xdist workers, ``--dist loadscope --no-loadscope-reorder``, which keeps each
    module, class and notebook on one worker and hands them out in this order); and, without the external UCDP file, run the UCDP
    cells (they must not fail) without comparing their outputs, which were stored with the data present."""
    def weight(item) -> int:
        if item.get_closest_marker("build"):
            return 0
        return 1 if item.get_closest_marker("browser") or str(item.fspath).endswith(".ipynb") else 2
    items.sort(key=weight)
    if not _ucdp_absent():
        return
    for item in items:
        cell = getattr(item, "cell", None)
        options = getattr(item, "options", None)
        if cell is not None and isinstance(options, dict) and "ucdp" in cell.get("metadata", {}).get("tags", []):
            options["check"] = False


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, one per test module (tests/test_browser.py keeps its own copy)."""
    from tests.site import chromium

    with chromium() as b:
        yield b
