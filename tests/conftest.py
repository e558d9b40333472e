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
    for csv in csv_dir.glob("*.csv"):
        shutil.copy(csv, target / csv.name)
    return target


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return make_package(tmp_path / "data")


@pytest.fixture
def site_mode(monkeypatch):
    monkeypatch.setenv("FRONTS_ASSETS", "site")
    monkeypatch.setenv("FRONTS_ASSET_BASE", "../vendor/")


@pytest.fixture
def inline_mode(monkeypatch):
    monkeypatch.setenv("FRONTS_ASSETS", "inline")
