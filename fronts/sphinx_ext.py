"""Sphinx extension for the book: serve vendored assets from the site, and de-duplicate scripts.

- ``build-finished`` copies the vendored JavaScript/CSS to ``<outdir>/vendor`` (not ``_static``,
  whose files Jupyter Book injects into every page).
- ``html-page-context`` drops repeated script files: Jupyter Book 1.0.4 with Sphinx 7.4 adds the
  Thebe script twice, which raises "Identifier 'THEBE_JS_URL' has already been declared". The book
  does not offer live code (Thebe is off in _config.yml), so the Thebe scripts, which name a CDN,
  are dropped altogether.
"""
from __future__ import annotations

from pathlib import Path

from .assets import copy_vendor


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


def _copy_vendor(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        copy_vendor(Path(app.outdir))


def setup(app):
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("build-finished", _copy_vendor)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
