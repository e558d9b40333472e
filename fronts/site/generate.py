"""At the start of a build (``config-inited``): the settings, the data downloads, the generated
reference fragments under ``book/_generated/``, and the version in the footer and substitutions."""
from __future__ import annotations

from pathlib import Path

from fronts.settings import Settings
from fronts.site.timings import timed

GENERATED = "book/_generated"


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
    ds = load(settings=settings)
    written = downloads.write_all(ds, outdir / "downloads", licence=root / "LICENSE-CONTENT.md")
    pages.write_fragments(ds, root / GENERATED, written, root=root)
    subs = dict(getattr(config, "myst_substitutions", None) or {})
    subs.update({"version": __version__, "released": RELEASED})
    config.myst_substitutions = subs
    options = dict(config.html_theme_options or {})
    footer = options.get("extra_footer", "")
    options["extra_footer"] = f"<p>Version {__version__}, released {RELEASED}.</p>{footer}"
    config.html_theme_options = options
