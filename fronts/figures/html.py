"""HTML from template files (``fronts/templates/figures/``), every value escaped.

Jinja's own autoescape uses markupsafe, which escapes HTML only. Values from the CSVs also end up in
folium's JavaScript template literals and its Jinja-compiled popups, so every ``{{ value }}`` here
goes through :func:`fronts.text.esc` (HTML, plus backticks, ``$``, backslashes and braces) unless
the package marks it as its own markup with :class:`markupsafe.Markup`. Line breaks and indentation
between tags are the templates' layout, not the page's: they are dropped, so a template can be read
and the HTML stays as compact as before.
"""
from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from fronts.paths import TEMPLATES
from fronts.text import esc

__all__ = ["Markup", "render"]
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")


def _escape(value: object) -> object:
    return value if isinstance(value, Markup) else esc(value)


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES / "figures"), autoescape=False, finalize=_escape,
                       trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined, keep_trailing_newline=False)


def render(name: str, **values: object) -> Markup:
    """The template ``name`` with ``values``; escaped text in, trusted markup out."""
    text = _environment().get_template(name).render(**values)
    return Markup(_BETWEEN_TAGS.sub("><", text).strip())
