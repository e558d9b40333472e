"""At the start of a build (``config-inited``): the settings, the data downloads, the generated
reference fragments under ``book/_generated/``, and the version in the footer and substitutions."""
from __future__ import annotations

import hashlib
from pathlib import Path

from fronts.paths import notebook_title
from fronts.settings import Settings
from fronts.site.execute import build_key
from fronts.site.timings import timed

GENERATED = "book/_generated"
KEYED_FILES = ("CITATION.cff", "LICENSE-CONTENT.md")


def generation_key(settings: Settings, root: Path) -> str:
    """A hash of what the downloads and the generated fragments are made from."""
    titles = [notebook_title(nb) for nb in sorted((root / "notebooks").glob("*.ipynb"))]
    parts = [build_key(settings), repr(titles)]
    parts += [(root / name).read_text(encoding="utf-8") for name in KEYED_FILES]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def generate(app, config) -> None:
    timed("generate", _generate_pages, app, config)


def _generate_pages(app, config) -> None:
    from fronts import load
    from fronts.site import downloads, pages
    from fronts.version import RELEASED, __version__

    outdir = Path(app.outdir)
    root = Path(app.confdir)
    # The extension is an edge: its settings are read from the environment here, once, and passed down.
    app.fronts_settings = settings = Settings.from_env()
    # The downloads and the fragments depend on the data, the package and the settings (the build's
    # execution key), the chapters' titles, the citation file and the content licence: when none of
    # these changed since the build that wrote them, and they are still there, they are not rewritten.
    key = generation_key(settings, root)
    stamp = outdir.parent / ".generated-key"
    present = any((outdir / "downloads").glob("*")) and any((root / GENERATED).glob("*.md"))
    if not (present and stamp.exists() and stamp.read_text(encoding="utf-8") == key):
        ds = load(settings=settings)
        written = downloads.write_all(ds, outdir / "downloads", licence=root / "LICENSE-CONTENT.md")
        pages.write_fragments(ds, root / GENERATED, written, root=root)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(key, encoding="utf-8")
    subs = dict(getattr(config, "myst_substitutions", None) or {})
    subs.update({"version": __version__, "released": RELEASED})
    config.myst_substitutions = subs
    options = dict(config.html_theme_options or {})
    footer = options.get("extra_footer", "")
    options["extra_footer"] = f"<p>Version {__version__}, released {RELEASED}.</p>{footer}"
    config.html_theme_options = options
