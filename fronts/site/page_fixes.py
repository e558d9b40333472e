"""What the built pages need beyond the theme: code-cell toggles named by their visible text, a real
``index.html`` instead of a bare redirect, and no unrendered theme macro files on the site."""
from __future__ import annotations

import html
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from fronts.paths import TEMPLATES

_JINJA = Environment(loader=FileSystemLoader(TEMPLATES / "fronts"), autoescape=select_autoescape(["html"]),
                     keep_trailing_newline=True)


def visit_hide_cell_input(self, node) -> None:
    """myst-nb's code-cell toggle without its ``aria-label="Toggle hidden content"``.

    The label hid the visible "Show code cell source", which is what a speech-input user would say
    (WCAG 2.5.3); without it the summary is named by the text it shows.
    """
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n'
                     f'<p class="collapsed admonition-title">{html.escape(node["prompt_show"])}</p>\n'
                     f'<p class="expanded admonition-title">{html.escape(node["prompt_hide"])}</p>\n</summary>\n')


def _icon_href(app) -> str:
    """The book's favicon for the redirect page: without a ``<link rel="icon">`` the browser asks for
    ``/favicon.ico``, which the site does not have (a 404 in the reader's console)."""
    icon = app.config.html_favicon
    if not icon:
        return ""
    return icon if "://" in icon else f"_static/{Path(icon).name}"


def redirect_page(app, exception) -> None:
    """Replace the bare ``<meta>`` redirect that sphinx-external-toc writes as ``index.html``
    (template ``fronts/templates/fronts/redirect.html``, autoescaped)."""
    if exception is not None or app.builder.format != "html":
        return
    page = _JINJA.get_template("redirect.html").render(
        language=app.config.language or "en", title=app.config.html_title or app.config.project,
        icon=_icon_href(app), root=f"{app.config.root_doc}.html")
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def drop_template_fragments(app, exception) -> None:
    """The theme copies its Jinja macro files (``*-macros.html``) into ``_static``; they are layout
    inputs, not pages, and their ``{{ pathto(...) }}`` links lead nowhere on the site."""
    if exception is None and app.builder.format == "html":
        for fragment in (Path(app.outdir) / "_static").glob("*macros.html"):
            if "{% macro" in fragment.read_text(encoding="utf-8", errors="replace"):
                fragment.unlink()
