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
  whose files Jupyter Book injects into every page) and renders every figure SVG to PNG.
"""
from __future__ import annotations

import os
from pathlib import Path

from .assets import copy_vendor

GENERATED = "book/_generated"


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
    from . import downloads, load, pages
    from .version import RELEASED, __version__

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
        from .export import render_pngs

        copy_vendor(Path(app.outdir))
        render_pngs(Path(app.outdir) / "figures")


def setup(app):
    app.connect("config-inited", _generate, priority=100)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("build-finished", _finish)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
