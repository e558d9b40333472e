"""Reproducible builds, and no stale output (issue 10, part 2), proved with one more build.

``make book`` (the very command a reader runs) builds a copy of this working tree, git history
included, whose ``data/events.csv`` differs in one word of one event's summary. Its site is set
beside the one `make test` built in ``_build/html``:

- **reproducible**: every file that does not show the edited summary must equal ``_build/html``
  byte for byte, apart from :data:`ALLOWED`, the build-time values (each is a pattern and a reason).
  A second clean build of an unedited copy used to prove this separately; it cost a whole build
  (about 90 s of `make test`) and checked, in addition, only the dozen files the edit touches.
- **no stale output**: exactly the files that show that summary may change: every file that changed
  must hold the new word (or be one of :data:`REPORTS_THE_CHANGE`, checked for what it must now
  say), and every file that holds it must have changed (zip members and the search index included).
  So no page keeps the old text, and no other page moves.

The copy shares the virtual environment and ``.cache`` (pinned Vega) with this tree, and imports
its own ``fronts`` and ``data`` (``PYTHONPATH``), so what is built is what is in the copy.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.site import require_site

pytestmark = pytest.mark.build
TOKEN = "qzxqzx"  # survives HTML and JSON escaping and the search index's stemming unchanged
SKIP_COPY = {".venv", "_build", ".cache", ".pytest_cache", ".ruff_cache", "__pycache__"}
# Site files whose bytes depend on the moment of the build: path pattern -> (pattern blanked, why).
ALLOWED: dict[str, list[tuple[str, str]]] = {
    r"\.buildinfo": [
        (r"config: [0-9a-f]+", "Sphinx's hash of its configuration, which holds absolute paths of this copy "
                               "(the templates folder); used only to decide on incremental rebuilds, never shown"),
    ],
    r"book/exec-stats\.html": [
        (r"<p>\d{4}-\d{2}-\d{2} \d{2}:\d{2}</p>", "when each notebook was executed (myst-nb's execution table; "
                                                "the page is kept out of the search index for this reason)"),
        (r"<p>\d+(?:\.\d+)?</p>", "how long each notebook took to run (the same table)"),
    ],
}


# Pages that change because the data changed without showing the summary itself.
REPORTS_THE_CHANGE = {
    "book/changelog.html": "lists the edited event as changed since the last release",
    "book/downloads.html": "gives each download's size, and the downloads hold the summary",
}


def _copy_tree(dest: Path) -> None:
    def ignore(folder, names):
        return [n for n in names if n in SKIP_COPY] if Path(folder) == ROOT else [n for n in names if n == "__pycache__"]

    shutil.copytree(ROOT, dest, symlinks=True, ignore=ignore)  # copy2 keeps mtimes: make sees nothing to install
    (dest / ".cache").symlink_to(ROOT / ".cache")


def _make_book(copy: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy)}
    env.pop("FRONTS_DATA", None)
    return subprocess.run(["make", "-C", str(copy), "book", f"VENV={ROOT / '.venv'}"], env=env,
                          capture_output=True, text=True)


def _edit_one_summary(copy: Path) -> tuple[str, str]:
    """Replace one long word of the first published Raqqa event's summary with TOKEN; return (id, word)."""
    path = copy / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    row = next(r for r in rows if r["front"] == "raqqa" and r.get("status", "published") == "published"
               and re.search(r"\b[A-Za-z]{7,}\b", r["summary"]))
    word = re.search(r"\b[A-Za-z]{7,}\b", row["summary"]).group(0)
    new_summary = row["summary"].replace(word, TOKEN, 1)
    assert text.count(row["summary"]) == 1
    path.write_text(text.replace(row["summary"], new_summary), encoding="utf-8")
    return row["event_id"], word


# A chart's Vega spec is a site file named by a hash of the spec, which holds the chart's data: the file
# of a chart showing the edited summary takes a new name (its page names it, and shows the edit too).
SPEC_FILE = re.compile(r"figures/chart-[0-9a-f]{12}-vega\.json")


def _common(a: dict[str, Path], b: dict[str, Path]) -> list[str]:
    """The files both sites hold, after checking that the only others are renamed chart specs that
    show the edit (as many in each site)."""
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    assert all(SPEC_FILE.fullmatch(f) for f in only_a + only_b), (only_a, only_b)
    assert len(only_a) == len(only_b) and all(_holds_token(b[f]) for f in only_b), (only_a, only_b)
    return sorted(set(a) & set(b))


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def _normalise(rel: str, data: bytes) -> bytes:
    for pattern, rules in ALLOWED.items():
        if re.fullmatch(pattern, rel):
            text = data.decode("utf-8")
            for rule, _why in rules:
                text = re.sub(rule, "<allowed/>", text)
            return text.encode("utf-8")
    return data


def _holds_token(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            return any(TOKEN in z.read(n).decode("utf-8", "replace").lower() for n in z.namelist())
    return TOKEN.encode() in data.lower()


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    require_site()
    edited = tmp_path_factory.mktemp("repro") / "edited"
    _copy_tree(edited)
    changed = _edit_one_summary(edited)
    r = _make_book(edited)
    assert r.returncode == 0, f"make book in the edited copy failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return edited / "_build" / "html", changed


def test_a_second_clean_build_is_identical_wherever_the_edit_does_not_show(builds):
    reference = ROOT / "_build" / "html"
    edited, _ = builds
    a, b = _files(reference), _files(edited)
    untouched = [rel for rel in _common(a, b) if not _holds_token(b[rel]) and rel not in REPORTS_THE_CHANGE]
    differ = [rel for rel in untouched if _normalise(rel, a[rel].read_bytes()) != _normalise(rel, b[rel].read_bytes())]
    assert differ == [], f"{len(differ)} of {len(untouched)} files differ between two clean builds: {differ[:20]}"
    assert len(a) > 100 and len(untouched) > 0.9 * len(a), (len(untouched), len(a))


def test_editing_one_summary_changes_exactly_the_files_that_show_it(builds):
    reference = ROOT / "_build" / "html"
    edited, (event_id, word) = builds
    a, b = _files(reference), _files(edited)
    common = _common(a, b)
    changed = {rel for rel in common if _normalise(rel, a[rel].read_bytes()) != _normalise(rel, b[rel].read_bytes())}
    showing = {rel for rel in common if _holds_token(b[rel])}
    front_page = "notebooks/raqqa.html"
    assert front_page in showing and event_id in b[front_page].read_text(encoding="utf-8")
    assert not any(_holds_token(p) for p in a.values()), "the reference site already holds the token"
    reports = set(REPORTS_THE_CHANGE)
    assert changed - showing - reports == set(), f"changed without showing the edited summary (stale or unstable): {sorted(changed - showing - reports)}"
    assert reports <= changed, f"should report the change but did not change: {sorted(reports - changed)}"
    changelog = b["book/changelog.html"].read_text(encoding="utf-8")
    assert "Unreleased changes" in changelog and event_id in changelog.split("Unreleased changes", 1)[1]
    zip_size = next(b[r] for r in b if r.endswith(".zip")).stat().st_size
    assert f'data-sort="{zip_size}"' in b["book/downloads.html"].read_text(encoding="utf-8")
    assert showing - changed == set(), f"show the new summary but did not change: {sorted(showing - changed)}"
    print(f"{event_id}: '{word}' -> '{TOKEN}' changed {len(changed)} of {len(a)} files: {sorted(changed)}")
