"""The theme's options and templates: repository and launch buttons behind ``repository.url``, the
book's template overrides, search scripts on the search page only, sphinx-design's files only on a page
that uses it, and no repeated or CDN scripts."""
from __future__ import annotations

import re

from fronts.paths import TEMPLATES

BINDER_URL = "https://mybinder.org"
COLAB_URL = "https://colab.research.google.com"
# Theme options the book sets itself: a `sphinx.config.html_theme_options` block in _config.yml
# would replace, not extend, those Jupyter Book derives from the rest of that file.
THEME_OPTIONS = {"use_download_button": True, "show_toc_level": 2}
# Sphinx's search scripts and index: the theme puts them on every page, templates/layout.html keeps
# them on the search page only (the bench and tests/test_search.py read the same list).
SEARCH_PAGE_ONLY = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")


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


def set_repository_buttons(app, config) -> None:
    config.html_theme_options = repository_buttons(config.html_theme_options or {})


def add_templates(app, config) -> None:
    config.templates_path = [str(TEMPLATES), *config.templates_path]


# Jupyter Book loads sphinx-design on every page: its stylesheet (55 kB) and tab script serve only a
# page whose body uses one of its components (classes "sd-…"); no page of the book does today.
DESIGN_FILES = ("sphinx-design.min.css", "design-tabs.js")
DESIGN_CLASS = re.compile(r'class="(?:[^"]*\s)?sd-')


def design_files_where_used(app, pagename, templatename, context, doctree) -> None:
    if DESIGN_CLASS.search(str(context.get("body") or "")):
        return
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if files:
            context[key] = [f for f in files if not str(getattr(f, "filename", f) or "").endswith(DESIGN_FILES)]


def search_page_only(app, pagename, templatename, context, doctree) -> None:
    context["fronts_search_page_only"] = SEARCH_PAGE_ONLY


def dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
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
