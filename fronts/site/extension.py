"""The book's Sphinx extension: it only connects the hooks; each job lives in a module of its own.

- ``config-inited``: :mod:`fronts.site.generate` (settings, data downloads, generated reference
  fragments, version in the footer); :mod:`fronts.site.theme` (template overrides, repository and
  launch buttons behind ``repository.url``).
- ``html-page-context``: :mod:`fronts.site.theme` drops repeated and Thebe scripts (Jupyter Book
  1.0.4 with Sphinx 7.4 adds the Thebe script twice; the book offers no live code, and Thebe's
  scripts name a CDN) and keeps the search scripts on the search page only.
- ``build-finished``: :mod:`fronts.site.finish` (vendored scripts and styles under ``vendor/``, the
  files the figures' outputs carry, their PNGs, the trimmed icon script);
  :mod:`fronts.site.page_fixes` (a real ``index.html``, no unrendered theme macro files);
  :mod:`fronts.site.timings` (where the build's time went).
- Execution: :mod:`fronts.site.execute` runs the notebooks in parallel before Sphinx reads them, into
  a jupyter-cache keyed on the package, ``data/``, the pins and the settings.
- Accessibility (checked by tests/test_a11y.py with axe-core): templates under ``fronts/templates``
  override two theme buttons whose names left out their visible text, and code-cell toggles lose
  the same kind of mismatched ``aria-label`` (:func:`fronts.site.page_fixes.visit_hide_cell_input`).
"""
from __future__ import annotations

from fronts.site import finish, generate, page_fixes, theme, timings


def setup(app):
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.setup_extension("fronts.site.execute")
    app.connect("config-inited", generate.generate, priority=100)
    app.connect("config-inited", theme.add_templates)
    app.connect("config-inited", theme.set_repository_buttons)
    app.add_node(HideCodeCellNode, override=True, html=(page_fixes.visit_hide_cell_input, depart_HideCellInput))
    app.connect("html-page-context", theme.dedupe_scripts, priority=900)
    app.connect("html-page-context", theme.search_page_only)
    app.connect("html-page-context", theme.design_files_where_used, priority=900)
    app.connect("build-finished", finish.finish)
    # After sphinx-external-toc (priority 500), which writes index.html only when it is missing.
    app.connect("build-finished", page_fixes.redirect_page, priority=900)
    app.connect("build-finished", page_fixes.drop_template_fragments)
    app.connect("env-before-read-docs", timings.stamp("env-before-read-docs"))
    app.connect("env-updated", timings.stamp("env-updated"))
    app.connect("build-finished", timings.stamp("build-finished"), priority=1)
    app.connect("build-finished", timings.write_timings, priority=999)
    return {"version": "3", "parallel_read_safe": True, "parallel_write_safe": True}
