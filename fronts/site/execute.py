"""Execute the book's notebooks in parallel before Sphinx reads them, into a cache that cannot go stale.

Jupyter Book (myst-nb) executes notebooks one after another as it reads them. This extension runs
them first, over a pool of one process per CPU (jupyter-cache's ``local-parallel`` executor), into a
jupyter-cache folder; myst-nb, in ``cache`` mode (``_config.yml``), then reads the executed copies.

The cache folder is named by :func:`build_key`, a hash of everything besides the notebook that makes
an output: the ``fronts`` package (code, templates, scripts, styles), every file under ``data/``, the
pins (``requirements.txt``, ``pyproject.toml``), the Python version, and the settings the build runs
with, with the content of the UCDP GED file and of the pinned Vega they name. Inside that folder,
jupyter-cache matches each notebook by its code cells. So:

- a prose-only edit of a notebook re-reads that page without executing anything;
- an edit to a code cell re-executes that notebook;
- an edit to ``data/``, the package, the pins or the settings names a new folder: every notebook is
  executed again, and :func:`outdated` has Sphinx re-read every page (its saved state knows nothing of
  ``data/``), so no page is served from before the edit.

The extension stands alone (the bench's floor book loads it too, to be built by the same pipeline).
"""
from __future__ import annotations

import hashlib
import logging
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from sphinx.util import logging as sphinx_logging

from fronts.paths import PACKAGE, REPO
from fronts.settings import Settings
from fronts.site.timings import timed

CACHE_ROOT = ".jupyter_cache"  # beside the site, in the build folder
PINS = ("requirements.txt", "pyproject.toml")
SKIP = {"__pycache__", ".ipynb_checkpoints"}
LOGGER = logging.getLogger(__name__)
SPHINX_LOGGER = sphinx_logging.getLogger(__name__)


def _files(folder: Path) -> Iterable[Path]:
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not SKIP & set(path.relative_to(folder).parts):
                yield path


def _add(digest, label: str, path: Path | None) -> None:
    digest.update(label.encode() + b"\0")
    if path is not None and path.is_file():
        digest.update(path.read_bytes())
    digest.update(b"\1")


def build_key(settings: Settings, package: Path = PACKAGE, pins_dir: Path = REPO) -> str:
    """A hash of every input of a notebook's outputs except the notebook itself (module docstring)."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for name in PINS:
        _add(digest, f"pin:{name}", pins_dir / name)
    for path in _files(package):
        _add(digest, f"package:{path.relative_to(package).as_posix()}", path)
    for path in _files(settings.data_dir):
        _add(digest, f"data:{path.relative_to(settings.data_dir).as_posix()}", path)
    _add(digest, "ucdp", settings.ucdp_path)
    _add(digest, "vega", settings.vega_dir / "vega.min.js")
    digest.update(repr(settings).encode())
    return digest.hexdigest()[:20]


def _prune(root: Path, keep: Path) -> None:
    """Remove the caches of earlier keys: they can never match again."""
    if root.is_dir():
        for old in root.iterdir():
            if old != keep and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)


def use_keyed_cache(app) -> None:
    """``builder-inited`` (after myst-nb's): point myst-nb at the cache folder of this build's key."""
    key = build_key(Settings.from_env())
    folder = Path(app.outdir).parent / CACHE_ROOT / key
    _prune(folder.parent, folder)
    app.fronts_execution_key = key
    app.env.mystnb_config = app.env.mystnb_config.copy(execution_cache_path=str(folder))


def outdated(app, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: every page, when the key differs from the one the saved state was built with."""
    key = app.fronts_execution_key
    previous = getattr(env, "fronts_execution_key", None)
    env.fronts_execution_key = key
    if previous is None or previous == key:
        return []
    return sorted(env.found_docs - set(added) - set(changed))


def notebooks_to_run(app, docnames: Iterable[str]) -> list[Path]:
    paths = []
    for docname in docnames:
        path = Path(app.env.doc2path(docname))
        if path.suffix == ".ipynb":
            paths.append(path.resolve())
    return sorted(paths)


def execute_in_parallel(app, env, docnames) -> None:
    """``env-before-read-docs``: execute the notebooks Sphinx is about to read that the cache lacks."""
    config = env.mystnb_config
    if config.execution_mode != "cache":
        return
    paths = notebooks_to_run(app, docnames)
    if paths:
        timed("parallel_execution", run, paths, Path(config.execution_cache_path), config.execution_timeout,
              config.execution_allow_errors)


def run(paths: list[Path], folder: Path, timeout: int, allow_errors: bool) -> None:
    """Execute the notebooks missing from the jupyter-cache at ``folder``, one process per CPU.

    A notebook that fails is left out of the cache: myst-nb then executes it again as it reads it, and
    reports the error with its traceback, failing the build."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    cache = get_cache(str(folder))
    for path in paths:
        cache.add_nb_to_project(str(path))
    uris = [str(p) for p in paths]
    missing = cache.list_unexecuted(uris)
    if missing:
        SPHINX_LOGGER.info(f"fronts: executing {len(missing)} of {len(paths)} notebook(s) in parallel")
        executor = load_executor("local-parallel", cache=cache, logger=LOGGER)
        executor.run_and_cache(filter_uris=uris, timeout=timeout, allow_errors=allow_errors)


def executed_notebooks(app) -> dict[str, dict]:
    """Each notebook page's executed copy, as this build rendered it (docname → notebook).

    In ``cache`` mode myst-nb renders the cached copy but writes the unexecuted input to its output
    folder, so the executed copy is read from the cache, matched by the notebook's code as myst-nb
    matched it; in any other mode, from myst-nb's output folder."""
    import nbformat

    config = app.env.mystnb_config
    out: dict[str, dict] = {}
    cache = None
    if config.execution_mode == "cache":
        from jupyter_cache import get_cache

        cache = get_cache(config.execution_cache_path)
    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        if source.suffix != ".ipynb":
            continue
        if cache is not None:
            record = cache.match_cache_notebook(nbformat.read(source, as_version=4))
            out[docname] = cache.get_cache_bundle(record.pk).nb
        elif (executed := Path(config.output_folder) / f"{docname}.ipynb").exists():
            out[docname] = nbformat.read(executed, as_version=4)
    return out


def setup(app):
    app.connect("builder-inited", use_keyed_cache, priority=900)
    app.connect("env-get-outdated", outdated)
    app.connect("env-before-read-docs", execute_in_parallel, priority=100)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
