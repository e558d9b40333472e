"""Where the repository's own folders are, found from the package's place in it, and the two files
read straight from them: a figure template, and a notebook's title."""
from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = Path(__file__).resolve().parent
# Files that are not Python: the scripts and stylesheets the site and the maps serve, and the
# Jinja templates (the Sphinx theme's overrides, and the HTML and JavaScript the figures emit).
STATIC = PACKAGE / "static"
TEMPLATES = PACKAGE / "templates"


def read_template(name: str) -> str:
    """The text of a figure template (JavaScript, or a Jinja template for a folium element) under
    ``fronts/templates/figures/``."""
    return (TEMPLATES / "figures" / name).read_text(encoding="utf-8")


def notebook_title(path: Path) -> str:
    """A notebook's title: the first line of its first cell, without the heading marks (read without
    pandas or nbformat, so the build can key on the chapters' titles cheaply)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return "".join(nb["cells"][0]["source"]).splitlines()[0].lstrip("# ").strip()
