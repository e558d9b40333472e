"""Sphinx extension for the book: generated reference pages, downloads, figures, offline assets.

- ``config-inited``: writes the data downloads into ``<outdir>/downloads/`` and the generated
  fragments (event index, bibliography, downloads table, changelog, citation examples) into
  ``book/_generated/``; points ``$FRONTS_FIGURE_DIR`` at ``<outdir>/figures/`` for the notebooks'
  figure downloads; puts the version in the footer and in the ``{{ version }}`` substitution.
- ``html-page-context`` drops repeated script files: Jupyter Book 1.0.4 with Sphinx 7.4 adds the
  Thebe script twice, which raises "Identifier 'THEBE_JS_URL' has already been declared". The book
  does not offer live code (Thebe is off in _config.yml), so the Thebe scripts, which name a CDN,
  are dropped altogether.
- ``build-finished`` copies the vendored JavaScript/CSS to ``<outdir>/vendor`` (not ``_static``,
  whose files Jupyter Book injects into every page), renders every figure SVG to PNG, and trims the
  theme's 1.49 MB Font Awesome script to the icons the pages use (``fronts.site.icons``).
- Accessibility (checked by tests/test_a11y.py with axe-core): templates under ``fronts/templates``
  override two theme buttons whose names left out their visible text; code-cell toggles lose the
  same kind of mismatched ``aria-label``; ``index.html`` becomes a real page (language, title and a
  link) rather than a bare redirect; and the theme's unrendered Jinja macro files are not published.
"""
from __future__ import annotations

import html
import json
import os
import time
from pathlib import Path

from fronts.site.assets import copy_vendor

GENERATED = "book/_generated"
# Where the build's own phase timings go (beside the site, never in it: they differ on every build);
# scripts/bench.py reads them to say where a clean build's time goes.
TIMINGS = "build-timings.json"
_STAMPS: dict[str, float] = {}


def _stamp(name: str):
    def handler(app, *args) -> None:
        _STAMPS[name] = time.perf_counter()
    return handler


def _timed(name: str, fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    _STAMPS[f"{name}_s"] = time.perf_counter() - start
    return out


def _write_timings(app, exception) -> None:
    """Seconds per phase of this build, and each notebook's execution time as myst-nb measured it."""
    if exception is not None or app.builder.format != "html":
        return
    from myst_nb.sphinx_ import NbMetadataCollector

    s = _STAMPS
    notebooks = {}
    for docname in sorted(app.env.found_docs):
        data = NbMetadataCollector.get_exec_data(app.env, docname)
        if data and data.get("runtime") is not None:
            notebooks[docname] = round(float(data["runtime"]), 3)
    out = {
        "generate_s": round(s.get("generate_s", 0.0), 3),
        "read_s": round(s["env-updated"] - s["env-before-read-docs"], 3),
        "notebook_execution_s": notebooks,
        "write_s": round(s["build-finished"] - s["env-updated"], 3),
        "copy_vendor_s": round(s.get("copy_vendor_s", 0.0), 3),
        "render_pngs_s": round(s.get("render_pngs_s", 0.0), 3),
        "subset_fontawesome_s": round(s.get("subset_fontawesome_s", 0.0), 3),
        "finish_s": round(time.perf_counter() - s["build-finished"], 3),
    }
    (Path(app.outdir).parent / TIMINGS).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
from fronts.paths import TEMPLATES  # noqa: E402

# Sphinx's search scripts and index: the theme puts them on every page, templates/layout.html keeps
# them on the search page only (the bench and tests/test_search.py read the same list).
SEARCH_PAGE_ONLY = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")


def _search_page_only(app, pagename, templatename, context, doctree) -> None:
    context["fronts_search_page_only"] = SEARCH_PAGE_ONLY


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        attrs = getattr(script, "attributes", {})
        key = (str(getattr(script, "filename", None) or ""), str(attrs.get("body", "")))
        if key in seen or "thebe" in key[0].lower() or "THEBE_JS_URL" in key[1]:
            continue
        seen.add(key)
        unique.append(script)
    context["script_files"] = unique


def _generate(app, config) -> None:
    _timed("generate", _generate_pages, app, config)


def _generate_pages(app, config) -> None:
    from fronts import load
    from fronts.site import downloads, pages
    from fronts.version import RELEASED, __version__

    outdir = Path(app.outdir)
    os.environ["FRONTS_FIGURE_DIR"] = str(outdir / "figures")
    root = Path(app.confdir)
    ds = load()
    written = downloads.write_all(ds, outdir / "downloads", licence=root / "LICENSE-CONTENT.md")
    pages.write_fragments(ds, root / GENERATED, written, root=root)
    subs = dict(getattr(config, "myst_substitutions", None) or {})
    subs.update({"version": __version__, "released": RELEASED})
    config.myst_substitutions = subs
    options = dict(config.html_theme_options or {})
    footer = options.get("extra_footer", "")
    options["extra_footer"] = f"<p>Version {__version__}, released {RELEASED}.</p>{footer}"
    config.html_theme_options = options


def _finish(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        from fronts.figures.export import render_pngs
        from fronts.site.icons import subset_fontawesome

        _STAMPS.setdefault("build-finished", time.perf_counter())
        _timed("copy_vendor", copy_vendor, Path(app.outdir))
        _timed("render_pngs", render_pngs, Path(app.outdir) / "figures")
        _timed("subset_fontawesome", subset_fontawesome, Path(app.outdir))


BINDER_URL = "https://mybinder.org"
COLAB_URL = "https://colab.research.google.com"


# Theme options the book sets itself: a `sphinx.config.html_theme_options` block in _config.yml
# would replace, not extend, those Jupyter Book derives from the rest of that file.
THEME_OPTIONS = {"use_download_button": True, "show_toc_level": 2}


def repository_buttons(options: dict) -> dict:
    """Theme options with the repository, issues, Binder and Colab buttons on exactly when the one
    setting ``repository.url`` in ``_config.yml`` is given (off otherwise: no address is invented).

    Jupyter Book copies ``repository.url`` into ``repository_url`` and ``launch_buttons`` as they
    are; this turns the buttons that need the address on or off together, and keeps any Binder or
    Colab service the config names."""
    out = {**THEME_OPTIONS, **options}
    url = str(out.get("repository_url") or "").strip()
    launch = dict(out.get("launch_buttons") or {})
    for key in ("use_repository_button", "use_issues_button"):
        out[key] = bool(url)
    if url:
        launch["binderhub_url"] = launch.get("binderhub_url") or BINDER_URL
        launch["colab_url"] = launch.get("colab_url") or COLAB_URL
    else:
        out["use_edit_page_button"] = False
        launch.update(binderhub_url="", colab_url="", jupyterhub_url="")
    out["launch_buttons"] = launch
    return out


def _repository_buttons(app, config) -> None:
    config.html_theme_options = repository_buttons(config.html_theme_options or {})


def _add_templates(app, config) -> None:
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def _visit_hide_cell_input(self, node) -> None:
    """myst-nb's code-cell toggle without its ``aria-label="Toggle hidden content"``.

    The label hid the visible "Show code cell source", which is what a speech-input user would say
    (WCAG 2.5.3); without it the summary is named by the text it shows.
    """
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n'
                     f'<p class="collapsed admonition-title">{html.escape(node["prompt_show"])}</p>\n'
                     f'<p class="expanded admonition-title">{html.escape(node["prompt_hide"])}</p>\n</summary>\n')


def _icon_link(app) -> str:
    """The book's favicon for the redirect page: without a ``<link rel="icon">`` the browser asks for
    ``/favicon.ico``, which the site does not have (a 404 in the reader's console)."""
    icon = app.config.html_favicon
    if not icon:
        return ""
    href = icon if "://" in icon else f"_static/{Path(icon).name}"
    return f'<link rel="icon" href="{html.escape(href)}">\n'


def _redirect_page(app, exception) -> None:
    """Replace the bare ``<meta>`` redirect that sphinx-external-toc writes as ``index.html``."""
    if exception is not None or app.builder.format != "html":
        return
    root = f"{app.config.root_doc}.html"
    title = html.escape(app.config.html_title or app.config.project)
    (Path(app.outdir) / "index.html").write_text(
        f'<!DOCTYPE html>\n<html lang="{html.escape(app.config.language or "en")}">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{title}</title>\n{_icon_link(app)}<meta http-equiv="Refresh" content="0; url={html.escape(root)}">\n</head>\n'
        f'<body>\n<main>\n<h1>{title}</h1>\n<p><a href="{html.escape(root)}">Start reading</a></p>\n</main>\n</body>\n</html>\n',
        encoding="utf-8")


def _drop_template_fragments(app, exception) -> None:
    """The theme copies its Jinja macro files (``*-macros.html``) into ``_static``; they are layout
    inputs, not pages, and their ``{{ pathto(...) }}`` links lead nowhere on the site."""
    if exception is None and app.builder.format == "html":
        for fragment in (Path(app.outdir) / "_static").glob("*macros.html"):
            if "{% macro" in fragment.read_text(encoding="utf-8", errors="replace"):
                fragment.unlink()


def setup(app):
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.connect("config-inited", _generate, priority=100)
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", _repository_buttons)
    app.add_node(HideCodeCellNode, override=True, html=(_visit_hide_cell_input, depart_HideCellInput))
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _search_page_only)
    app.connect("build-finished", _finish)
    # After sphinx-external-toc (priority 500), which writes index.html only when it is missing.
    app.connect("build-finished", _redirect_page, priority=900)
    app.connect("build-finished", _drop_template_fragments)
    app.connect("env-before-read-docs", _stamp("env-before-read-docs"))
    app.connect("env-updated", _stamp("env-updated"))
    app.connect("build-finished", _stamp("build-finished"), priority=1)
    app.connect("build-finished", _write_timings, priority=999)
    return {"version": "3", "parallel_read_safe": True, "parallel_write_safe": True}
