"""The parallel execution cache (issue 20): its key covers every input, so it never serves a stale page.

- :func:`fronts.site.execute.build_key` changes with an edit to the package, to ``data/``, to the pins,
  to the UCDP file and to the settings; it does not change when nothing changed.
- Within a key, jupyter-cache matches a notebook by its code: a prose edit still matches (a rebuild
  re-reads the page without executing it), a code edit does not (it is executed again).
- A Sphinx build of a small book through the same extension proves it end to end: an edit to the data
  a notebook reads re-executes it and changes the page; a prose edit changes the page without
  executing anything.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from fronts.paths import PACKAGE, REPO
from fronts.settings import Settings
from fronts.site import execute
from tests.conftest import DATA


@pytest.fixture
def inputs(tmp_path):
    """Copies of the package, data/ and the pins, to edit."""
    shutil.copytree(PACKAGE, tmp_path / "fronts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("external"))
    for name in execute.PINS:
        shutil.copy(REPO / name, tmp_path / name)
    ucdp = tmp_path / "ged.csv"
    ucdp.write_text("id\n1\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", ucdp_file=ucdp, assets="site")
    return tmp_path, settings


def _key(root: Path, settings: Settings) -> str:
    return execute.build_key(settings, package=root / "fronts", pins_dir=root)


def _append(path: Path, text: str) -> None:
    path.write_bytes(path.read_bytes() + text.encode("utf-8"))


def test_the_key_is_stable_when_nothing_changed(inputs):
    root, settings = inputs
    assert _key(root, settings) == _key(root, settings)
    assert len(_key(root, settings)) == 20


@pytest.mark.parametrize("edit", [
    "fronts/figures/maps.py", "fronts/templates/figures/popup.html.jinja", "fronts/static/fronts.css",
    "data/events.csv", "data/sources.csv", "requirements.txt", "pyproject.toml",
])
def test_an_edit_to_each_input_changes_the_key(inputs, edit):
    root, settings = inputs
    before = _key(root, settings)
    _append(root / edit, "\n")
    assert _key(root, settings) != before, edit


def test_a_new_data_file_and_a_removed_one_change_the_key(inputs):
    root, settings = inputs
    before = _key(root, settings)
    (root / "data" / "new.csv").write_text("a\n", encoding="utf-8")
    added = _key(root, settings)
    (root / "data" / "new.csv").unlink()
    (root / "data" / "actors.csv").unlink()
    assert len({before, added, _key(root, settings)}) == 3


def test_the_ucdp_file_and_the_settings_are_in_the_key(inputs):
    root, settings = inputs
    before = _key(root, settings)
    _append(settings.ucdp_path, "2\n")
    after_ucdp = _key(root, settings)
    assert after_ucdp != before
    assert _key(root, settings.with_(assets="inline")) != after_ucdp
    assert _key(root, settings.with_(site_url="https://example.org/")) != after_ucdp
    missing = settings.with_(ucdp_file=root / "absent.csv")
    assert _key(root, missing) not in (before, after_ucdp)


def _notebook(code: str, prose: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(prose), nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_within_a_key_a_notebook_matches_by_its_code_not_its_prose(tmp_path):
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(tmp_path / "cache"))
    executed = _notebook("print(1)", "# Old title")
    executed.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    cache.cache_notebook_bundle(CacheBundleIn(executed, "nb.ipynb"), check_validity=False)
    assert cache.match_cache_notebook(_notebook("print(1)", "# A new title")) is not None
    with pytest.raises(KeyError):
        cache.match_cache_notebook(_notebook("print(2)", "# Old title"))


def test_sphinx_rereads_every_page_when_the_key_changes():
    env = SimpleNamespace(found_docs={"a", "b", "c"})
    app = SimpleNamespace(fronts_execution_key="k1")
    assert execute.outdated(app, env, set(), set(), set()) == []  # a fresh state: everything is read anyway
    assert execute.outdated(app, env, set(), {"a"}, set()) == []  # same key: only what Sphinx found
    app.fronts_execution_key = "k2"
    assert execute.outdated(app, env, set(), {"a"}, set()) == ["b", "c"]
    assert env.fronts_execution_key == "k2"


BOOK_CONF = """
extensions = ["myst_nb", "fronts.site.execute"]
nb_execution_mode = "cache"
nb_execution_raise_on_error = True
exclude_patterns = ["_build", "data"]
"""


def _book(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "data" / "value.txt").write_text("first value", encoding="utf-8")
    (root / "conf.py").write_text(BOOK_CONF, encoding="utf-8")
    (root / "index.md").write_text("# Book\n\n```{toctree}\nchapter\n```\n", encoding="utf-8")
    code = "import os, pathlib\nprint(pathlib.Path(os.environ['FRONTS_DATA'], 'value.txt').read_text())"
    nbformat.write(_notebook(code, "# Chapter\n\nOld prose."), root / "chapter.ipynb")
    return root


def _build(root: Path) -> tuple[str, str]:
    env = {"FRONTS_DATA": str(root / "data"), "PATH": str(Path(sys.executable).parent), "HOME": str(root),
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    r = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", str(root), str(root / "_build" / "html")],
                       env=env, capture_output=True, text=True, timeout=300, cwd=root)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return (root / "_build" / "html" / "chapter.html").read_text(encoding="utf-8"), r.stdout


def _executed(log: str) -> bool:
    return "fronts: executing 1 of 1 notebook(s) in parallel" in log or "Executing notebook using" in log


@pytest.mark.build
def test_a_rebuild_executes_again_exactly_when_an_input_changed(tmp_path):
    root = _book(tmp_path / "book")
    page, log = _build(root)
    assert "first value" in page and "Old prose" in page
    # Nothing changed: nothing is read or executed.
    page, log = _build(root)
    assert "first value" in page and not _executed(log)
    # A prose-only edit: the page is read again, the notebook is not executed.
    nb = nbformat.read(root / "chapter.ipynb", 4)
    nb.cells[0].source = "# Chapter\n\nNew prose."
    nbformat.write(nb, root / "chapter.ipynb")
    page, log = _build(root)
    assert "New prose" in page and "first value" in page and not _executed(log)
    # An edit to the data the notebook reads: a new key, the notebook is executed, the page shows it.
    (root / "data" / "value.txt").write_text("second value", encoding="utf-8")
    page, log = _build(root)
    assert _executed(log), log[-2000:]
    assert "second value" in page and "first value" not in page
    caches = [p.name for p in (root / "_build" / execute.CACHE_ROOT).iterdir()]
    assert len(caches) == 1, caches  # the earlier key's cache is gone


def test_the_generated_pages_are_rewritten_exactly_when_what_they_show_changed(tmp_path):
    from fronts.site.generate import KEYED_FILES, generation_key

    root = tmp_path / "book"
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    for name in KEYED_FILES:
        shutil.copy(REPO / name, root / name)
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("external"))
    settings = Settings(data_dir=data)
    before = generation_key(settings, root)
    # A prose edit below a chapter's title: the same key.
    path = root / "notebooks" / "raqqa.ipynb"
    nb = nbformat.read(path, 4)
    first = next(c for c in nb.cells if c.cell_type == "markdown")
    first.source += "\n\nMore prose."
    nbformat.write(nb, path)
    assert generation_key(settings, root) == before
    # The title, the citation file, the licence and the data each change it.
    keys = {before}
    first.source = first.source.replace("#", "# A new title:", 1)
    nbformat.write(nb, path)
    keys.add(generation_key(settings, root))
    for name in KEYED_FILES:
        _append(root / name, "\n")
        keys.add(generation_key(settings, root))
    _append(data / "events.csv", "\n")
    keys.add(generation_key(settings, root))
    assert len(keys) == 2 + len(KEYED_FILES) + 1
