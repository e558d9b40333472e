from __future__ import annotations

import re
import subprocess
import sys

from tests.test_validate import edit


def run(*args):
    return subprocess.run([sys.executable, "-m", "fronts", *args], capture_output=True, text=True)


def test_validate_ok(package):
    out = run("validate", str(package))
    assert out.returncode == 0, out.stderr
    assert re.search(r"valid \(3 events, 2 places, \d+ actors, 4 sources, 5 citations, 2 claims, 1 ucdp_review\)", out.stdout), out.stdout


def test_validate_reports_file_row_column(package):
    edit(package / "events.csv", 3, "date_start", "2017-02-30")
    out = run("validate", str(package))
    assert out.returncode == 1
    assert f"{package / 'events.csv'}:3:date_start: '2017-02-30' is not a valid ISO date" in out.stderr
    assert "1 problem(s)" in out.stderr


def test_vendor_command(tmp_path):
    out = run("vendor", str(tmp_path))
    assert out.returncode == 0 and (tmp_path / "vendor/leaflet/leaflet.css").exists()
