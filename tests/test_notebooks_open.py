"""The notebooks as a reader opens them outside the book (issue 16).

- The committed files hold no glue records, no ``{glue}`` roles or directives, and no path that
  exists only on the built site; every figure cell has one output, and its caption and label as
  cell metadata (one mechanism for the whole book).
- The front chapters' shared UCDP section is the one :mod:`fronts.site.skeleton` writes.
- nbconvert's ``lab`` template (what nbviewer and most viewers show) renders every committed
  notebook, and headless Chromium, with every request off 127.0.0.1 blocked, counts the map
  markers and chart marks it shows: the same as the book's page for that chapter.
- JupyterLab, pinned and started on 127.0.0.1 by the test, opens a front chapter, runs all cells,
  and shows its map markers and chart marks, with no error output.
- A notebook pointed at a broken data folder stops with the file, row and column.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from fronts import FRONTS, load
from fronts.figures import assets
from fronts.site import skeleton
from tests.conftest import DATA, ROOT, make_package
from tests.site import chromium
from tests.support.siteprobe import COUNT_MAP_EVENTS, PageWatch, map_frame, serve, settled

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SITE_ONLY = ("vendor/", "../figures/", "../layers/", "../_build/", "fronts-inline:")
# Every map and chart a chapter shows: events on its map and timeline marks (the overview: all).
TIMELINE_MARKS = ("g.events_ranges_marks > path", "g.events_points_marks > path")


def _expected(stem: str) -> int | None:
    """Events a notebook's map and timeline show (None: the notebook has no map)."""
    ds = load(DATA)
    if stem == "overview":
        return len(ds.events)
    if stem in FRONTS:
        return len(ds.front(stem).events)
    return None


def _cells(path: Path):
    return nbformat.read(path, as_version=4).cells


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_is_self_contained(path):
    labels = []
    for n, cell in enumerate(_cells(path)):
        assert "{glue" not in cell.source, f"{path.name} cell {n}: a glue role or directive shows as literal text in Jupyter"
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            assert not any(k.startswith("application/papermill.record") for k in data), f"{path.name} cell {n}: glue record"
            markup = data.get("text/html", "")
            assert not [p for p in SITE_ONLY if p in markup], f"{path.name} cell {n}: a path that exists only on the site"
            assert assets.EXTERNAL_ASSET.findall(markup) == [], f"{path.name} cell {n}: a script or stylesheet from outside"
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure")
        if figure:
            labels.append(figure["name"])
            assert figure.get("caption"), f"{path.name} cell {n}: a figure without a caption"
            shown = [o for o in cell.outputs if o.output_type in ("display_data", "execute_result")]
            assert len(shown) == 1, f"{path.name} cell {n}: a figure cell must have exactly one output, has {len(shown)}"
            assert "summary.figure(" in cell.source
    sources = "\n".join(c.source for c in _cells(path))
    assert sources.count("summary.figure(") == len(labels), f"{path.name}: a figure output without caption metadata"
    assert len(set(labels)) == len(labels)


def test_figure_labels_unique_across_the_book():
    labels = [c.metadata["mystnb"]["figure"]["name"] for p in NOTEBOOKS for c in _cells(p)
              if c.get("metadata", {}).get("mystnb", {}).get("figure")]
    assert len(labels) >= 27 and len(set(labels)) == len(labels), labels


@pytest.mark.parametrize("front", list(skeleton.PREFIX))
def test_shared_section_is_the_skeleton(front):
    nb = json.loads((ROOT / "notebooks" / f"{front}.ipynb").read_text(encoding="utf-8"))
    assert skeleton.differences(nb, front) == []


def test_skeleton_caption_comes_from_the_attribution():
    from fronts.ucdp.figures import attribution

    for front in skeleton.PREFIX:
        fig = next(c for c in skeleton.ucdp_cells(front) if "mystnb" in c["metadata"])
        assert fig["metadata"]["mystnb"]["figure"]["caption"].endswith(attribution("markdown"))
        assert FRONTS[front] in fig["metadata"]["mystnb"]["figure"]["caption"]


def test_skeleton_apply_restores_a_drifted_copy():
    nb = json.loads((ROOT / "notebooks" / "raqqa.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if skeleton.TAG in c["metadata"].get("tags", []) and c["cell_type"] == "markdown")
    cell["source"] = "## Something else"
    assert skeleton.differences(nb, "raqqa")
    assert skeleton.differences(skeleton.apply(nb, "raqqa"), "raqqa") == []


# --- nbconvert's rendering, in Chromium -------------------------------------------------------

COUNT_SVG_IMAGE_MARKS = """(selectors) => {
  let marks = 0, charts = 0;
  for (const img of document.querySelectorAll('img[src^="data:image/svg+xml;base64,"]')) {
    const bytes = Uint8Array.from(atob(img.src.split(',')[1]), c => c.charCodeAt(0));
    const svg = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml');
    charts += 1;
    for (const sel of selectors) marks += svg.querySelectorAll(sel).length;
  }
  return {charts, marks};
}"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _block_outside(context, base: str) -> None:
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith((base, "data:", "blob:", "about:"))
                  else route.abort())


def render_lab(path: Path, out_dir: Path) -> Path:
    """``path`` as nbconvert's lab template renders it. The template's own two scripts (require.js
    and MathJax, from a CDN by default) point at an empty local file: the test is about the
    notebook's outputs, which need neither."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", require_js_url="empty.js", mathjax_url="empty.js")
    body, _ = exporter.from_filename(str(path))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "empty.js").write_text("", encoding="utf-8")
    (out_dir / "favicon.ico").write_bytes(b"")
    target = out_dir / f"{path.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_nbconvert_rendering_shows_every_map_and_chart(browser, tmp_path, path):
    page_file = render_lab(path, tmp_path)
    expected = _expected(path.stem)
    charts_in_notebook = sum("image/svg+xml" in o.get("data", {}) for c in _cells(path) for o in c.get("outputs", []))
    with serve(tmp_path) as base:
        context = browser.new_context()
        _block_outside(context, base)
        page = context.new_page()
        watch = PageWatch(context, page)
        page.goto(base + page_file.name, wait_until="load")
        if expected is not None:
            frame = map_frame(page)
            frame.wait_for_function("document.querySelectorAll('path.fronts-event, .marker-cluster').length > 0", timeout=20000)
            on_map = settled(frame, COUNT_MAP_EVENTS)
        charts = page.evaluate(COUNT_SVG_IMAGE_MARKS, list(TIMELINE_MARKS))
        tables = page.locator("table.fronts-table, table.fronts-events").count()
        context.close()
    assert charts["charts"] == charts_in_notebook >= 1
    if expected is not None:
        assert on_map["total"] == expected, on_map
        assert charts["marks"] == expected, charts
    assert tables >= 1
    assert watch.console_errors == [] and watch.page_errors == [], (watch.console_errors, watch.page_errors)
    assert watch.http_errors == [] and watch.external() == [], (watch.http_errors, watch.external())


# --- JupyterLab: open a chapter, run all cells ------------------------------------------------

LAB_FRONT = "at-tanf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"JupyterLab did not answer at {url} within {seconds} s")


@pytest.fixture
def lab(tmp_path):
    """The pinned JupyterLab on 127.0.0.1, serving a copy of one chapter (autosave never touches the
    committed file). Cells are not windowed, so every output is in the page to be counted."""
    work = tmp_path / "notebooks"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / f"{LAB_FRONT}.ipynb", work)
    settings = tmp_path / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    port, token = _free_port(), "fronts-test-token"
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    env.pop("FRONTS_ASSETS", None)  # the reader's default: self-contained figures
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
                             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
                             "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                             *(["--allow-root"] if os.geteuid() == 0 else [])],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/api/status?token={token}")
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


RUN_STATE = """() => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim());
  return {cells: prompts.length, done: prompts.filter(p => /^\\[\\d+\\]:$/.test(p)).length,
          busy: prompts.filter(p => p.includes('*')).length};
}"""

COUNT_LAB = """(selectors) => {
  let marks = 0;
  for (const sel of selectors) marks += document.querySelectorAll('.jp-OutputArea ' + sel).length;
  return {marks,
          charts: document.querySelectorAll('.jp-OutputArea .vega-embed svg').length,
          errors: document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
          tracebacks: [...document.querySelectorAll('.jp-OutputArea-output')].filter(o => o.textContent.includes('Traceback')).length};
}"""


@pytest.mark.browser
def test_jupyterlab_runs_a_chapter_and_shows_its_figures(browser, lab):
    base, token = lab
    expected = _expected(LAB_FRONT)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    _block_outside(context, base)
    page = context.new_page()
    watch = PageWatch(context, page)
    page.goto(f"{base}/lab/tree/{LAB_FRONT}.ipynb?token={token}", wait_until="load")
    page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook .jp-CodeCell')", timeout=120000)
    # The kernel session starts after the document opens; on a busy machine (the tests run in parallel)
    # that takes a while, and a run command sent before it is ready runs nothing.
    page.wait_for_function("""() => { const w = window.jupyterapp.shell.currentWidget, s = w && w.sessionContext;
        return !!(s && s.session && s.session.kernel && s.session.kernel.status === 'idle'); }""", timeout=120000)
    # Commands are started, not awaited: the promise of run-all-cells can stay pending, and an awaited
    # evaluate has no timeout. The loop below waits, with a deadline, for every cell to have run.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs'); return true; }")
    page.wait_for_timeout(1000)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }")
    deadline = time.monotonic() + 240
    state = page.evaluate(RUN_STATE)
    while time.monotonic() < deadline and not (state["cells"] and state["done"] == state["cells"] and state["busy"] == 0):
        page.wait_for_timeout(1000)
        state = page.evaluate(RUN_STATE)
    assert state["cells"] > 0 and state["done"] == state["cells"], state
    frame = None
    for _ in range(40):
        try:
            frame = map_frame(page)
            break
        except AssertionError:
            page.wait_for_timeout(500)
    assert frame is not None, "no map frame in the Lab outputs"
    frame.wait_for_function("document.querySelectorAll('path.fronts-event, .marker-cluster').length > 0", timeout=20000)
    on_map = settled(frame, COUNT_MAP_EVENTS)
    page.wait_for_function("document.querySelectorAll('.jp-OutputArea .vega-embed svg').length >= 2", timeout=30000)
    seen = settled(page, COUNT_LAB, list(TIMELINE_MARKS))
    context.close()
    assert on_map["total"] == expected, on_map
    assert seen["marks"] == expected, seen
    assert seen["errors"] == 0 and seen["tracebacks"] == 0, seen
    assert watch.page_errors == [], watch.page_errors
    assert watch.external() == [], watch.external()


# --- bad input ---------------------------------------------------------------------------------

def test_a_chapter_pointed_at_broken_data_names_file_row_and_column(tmp_path):
    """FRONTS_DATA (the README's way to point a chapter at another copy of the data) at a broken
    package: the setup cell stops with the file, row and column, not a blank figure."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    data = make_package(tmp_path / "data")
    events = data / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("2017-", "2017/", 1)
    events.write_text("".join(lines), encoding="utf-8")
    nb = nbformat.read(ROOT / "notebooks" / f"{LAB_FRONT}.ipynb", as_version=4)
    setup = next(c for c in nb.cells if c.cell_type == "code" and "fronts.load()" in c.source)
    nb.cells = [nbformat.v4.new_code_cell(setup.source)]
    os.environ["FRONTS_DATA"] = str(data)
    try:
        client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
        with pytest.raises(CellExecutionError) as err:
            client.execute()
    finally:
        del os.environ["FRONTS_DATA"]
    assert "events.csv:3:" in str(err.value), str(err.value)[-2000:]
    assert "date_start" in str(err.value)
