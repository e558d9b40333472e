"""The sections every front chapter shares, written once: the UCDP GED section.

A notebook is a file a reader opens on its own, so each front notebook holds its own copy of these
cells; this module is where they are written, and :func:`sync` puts them in place
(``python -m fronts skeleton``). ``tests/test_notebooks_open.py`` fails if any chapter's copy
differs from what :func:`ucdp_cells` gives, so the five copies cannot drift apart.

The cells call the chapter's ``ucdp`` context (``context.front_context``) and take the figure's
caption from :func:`fronts.ucdp.context.weekly_caption`, which ends with UCDP's attribution.
"""
from __future__ import annotations

from pathlib import Path

from fronts.paths import REPO
from fronts.ucdp.context import weekly_caption

TAG = "skeleton-ucdp"
PREFIX = {"deir-ez-zor": "dez", "raqqa": "raq", "daraa": "dar", "at-tanf": "tnf", "iraq-border": "irq"}
NOTEBOOKS = REPO / "notebooks"

UNMATCHED = """### Curated events with no UCDP counterpart

Each with the first reason that applies: outside Syria (UCDP's file covers Syria only), not lethal
by type, no deaths reported, a near miss just outside the tolerance, or none found."""

NEXT = """### What UCDP has that we have not curated

The deadliest 2017 UCDP events in this front's area that no curated event (on any front)
matches: the next events to curate, once sources for them are found and read. A UCDP event placed
only to a district or province, or dated only to a month, may stand for fighting our events already
cover more precisely; its precision is shown under its place."""


REVIEW = """### UCDP's deadliest events and what our record does with them

Every UCDP GED event of 2017 in this front's area with a best estimate of 25 or more deaths has a
curated counterpart, or a stated reason for having none: it repeats fighting another curated event
covers, it lies outside this front's story, or no source for it could be retrieved. The decisions
are data (`data/ucdp_review.csv`); an event not yet decided is marked so."""


def _cell(kind: str, source: str, n: int, tags: list[str], figure: dict | None = None) -> dict:
    metadata: dict = {"tags": [*tags, TAG]}
    if figure:
        metadata["mystnb"] = {"figure": figure}
    cell = {"cell_type": kind, "id": f"{TAG}-{n}", "metadata": metadata, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def ucdp_cells(front: str) -> list[dict]:
    """The UCDP section of ``front``'s chapter as notebook cells (without outputs)."""
    prefix = PREFIX[front]
    specs = [
        ("markdown", "## The full record beside ours: UCDP GED", []),
        ("code", "ucdp.introduction()", ["remove-input", "ucdp"]),
        ("code", "ucdp.summary()", ["hide-input", "ucdp"]),
        ("code", f'summary.figure("{prefix}-ucdp", ucdp.weekly_figure())', ["hide-input", "ucdp"]),
        ("markdown", UNMATCHED, []),
        ("code", "ucdp.unmatched_table()", ["hide-input", "ucdp"]),
        ("markdown", NEXT, []),
        ("code", "ucdp.next_table()", ["hide-input", "ucdp"]),
        ("markdown", REVIEW, []),
        ("code", "ucdp.review_table(ds.ucdp_review)", ["hide-input", "ucdp"]),
    ]
    figure = {"name": f"fig-{prefix}-ucdp", "caption": weekly_caption(front)}
    return [_cell(kind, src, n, tags, figure if "weekly_figure" in src else None) for n, (kind, src, tags) in enumerate(specs)]


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _shape(cell: dict) -> tuple:
    return cell["cell_type"], _source(cell), cell.get("metadata", {})


def differences(nb: dict, front: str) -> list[str]:
    """Where ``nb``'s copy of the shared section differs from the one written here (empty: none)."""
    have = [c for c in nb["cells"] if TAG in c.get("metadata", {}).get("tags", [])]
    want = ucdp_cells(front)
    if len(have) != len(want):
        return [f"{len(have)} cells tagged {TAG}, expected {len(want)}"]
    return [f"cell {w['id']}: differs from fronts.site.skeleton" for h, w in zip(have, want, strict=True) if _shape(h) != _shape(w)]


def apply(nb: dict, front: str) -> dict:
    """``nb`` with its shared-section cells replaced by the current ones (outputs kept where the code
    is unchanged). The section must be one run of tagged cells."""
    cells = nb["cells"]
    at = [i for i, c in enumerate(cells) if TAG in c.get("metadata", {}).get("tags", [])]
    if not at or at != list(range(at[0], at[-1] + 1)):
        raise ValueError(f"{front}: the cells tagged {TAG} must be one unbroken run")
    old = {_source(cells[i]): cells[i] for i in at}
    new = []
    for cell in ucdp_cells(front):
        before = old.get(_source(cell))
        if cell["cell_type"] == "code" and before is not None:
            cell.update(outputs=before.get("outputs", []), execution_count=before.get("execution_count"))
        new.append(cell)
    nb["cells"] = cells[:at[0]] + new + cells[at[-1] + 1:]
    return nb


def sync(folder: Path = NOTEBOOKS) -> list[Path]:
    """Write the shared section into every front notebook; returns the files changed."""
    import json

    import nbformat

    changed = []
    for front in PREFIX:
        path = Path(folder) / f"{front}.ipynb"
        text = path.read_text(encoding="utf-8")
        nb = apply(json.loads(text), front)
        out = nbformat.writes(nbformat.from_dict(nb))
        if not out.endswith("\n"):
            out += "\n"
        if out != text:
            path.write_text(out, encoding="utf-8")
            changed.append(path)
    return changed
