"""Launch buttons behind one setting (issue 16): ``repository.url`` in ``_config.yml``.

The committed config names no address, and its built chapters show no repository, issues, Binder or
Colab button. A build of the same sources with a temporary config that sets a sample address (and
nothing else changed but a short table of contents and no execution, to keep it quick) shows all four.
"""
from __future__ import annotations

import os
import re
import subprocess

import pytest
import yaml

from fronts.site.theme import BINDER_URL, COLAB_URL, repository_buttons
from tests.conftest import ROOT
from tests.site import require_site

SAMPLE = "https://github.com/sample-owner/sample-repository"  # a test value only; never in _config.yml
BUTTONS = {
    "binder": re.compile(r'href="https://mybinder\.org/v2/gh/sample-owner/sample-repository/main\?urlpath=lab/tree/notebooks/at-tanf\.ipynb"'),
    "colab": re.compile(r'href="https://colab\.research\.google\.com/github/sample-owner/sample-repository/blob/main/notebooks/at-tanf\.ipynb"'),
    "issues": re.compile(r'href="https://github\.com/sample-owner/sample-repository/issues/new\?title='),
    "repository": re.compile(r'href="https://github\.com/sample-owner/sample-repository"'),
}


def test_committed_config_names_no_address():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert not (config.get("repository") or {}).get("url")
    assert not {k: v for k, v in (config.get("launch_buttons") or {}).items() if k.endswith("_url") and v}


def test_one_setting_turns_every_button_on_or_off():
    off = repository_buttons({"repository_url": "", "launch_buttons": {"notebook_interface": "jupyterlab"}})
    assert off["use_repository_button"] is off["use_issues_button"] is False
    assert off["launch_buttons"]["binderhub_url"] == off["launch_buttons"]["colab_url"] == ""
    on = repository_buttons({"repository_url": SAMPLE, "launch_buttons": {"notebook_interface": "jupyterlab"}})
    assert on["use_repository_button"] is on["use_issues_button"] is True
    assert (on["launch_buttons"]["binderhub_url"], on["launch_buttons"]["colab_url"]) == (BINDER_URL, COLAB_URL)


def test_built_chapter_shows_no_launch_button():
    page = (require_site() / "notebooks" / "at-tanf.html").read_text(encoding="utf-8")
    assert not [name for name, pattern in BUTTONS.items() if pattern.search(page)]
    assert "mybinder" not in page and "colab.research" not in page


@pytest.mark.build
def test_a_sample_address_turns_the_buttons_on(tmp_path):
    """The book's own sources, built with a temporary config that differs from the committed one only
    in ``repository.url`` (and, to keep it quick, in not executing the notebooks), and a table of
    contents of one chapter."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["repository"]["url"] = SAMPLE
    config["execute"]["execute_notebooks"] = "off"  # the stored outputs are enough to find the buttons
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nchapters:\n  - file: notebooks/at-tanf\n", encoding="utf-8")
    env = {**os.environ, "FRONTS_ASSETS": "site"}
    env.pop("FRONTS_DATA", None)
    run = subprocess.run([str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(ROOT), "--builder", "html",
                          "--config", str(tmp_path / "_config.yml"), "--toc", str(tmp_path / "_toc.yml"),
                          "--path-output", str(tmp_path / "out")], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    page = (tmp_path / "out" / "_build" / "html" / "notebooks" / "at-tanf.html").read_text(encoding="utf-8")
    missing = [name for name, pattern in BUTTONS.items() if not pattern.search(page)]
    assert missing == [], missing
