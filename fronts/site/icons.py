"""Trim the theme's Font Awesome script to the icons the built site uses.

The pydata theme ships ``_static/scripts/fontawesome.js`` (1.49 MB): Font Awesome's SVG core with
all ~2,000 free icons, loaded by every page to turn ``<i class="fa-solid fa-bars">`` into SVG. The
site uses about twenty. :func:`subset_fontawesome` runs when the build finishes: it collects every
``fa-…`` name in the built pages and in the theme's own scripts (which add icons at run time), and
rewrites the script with only the icon entries whose name or alias is among them. The SVG core
itself is untouched, so the icons render exactly as before; tests/test_a11y.py checks in Chromium
that each page's icons are drawn and that no ``<i class="fa-…">`` is left unconverted.

The theme's stylesheet also declares Font Awesome's web fonts, which a page downloads as soon as
it shows a glyph drawn with them: an ``<i>`` icon before the script has replaced it, or a
pseudo-element icon of the theme's own rules (an admonition's title, the collapsed contents
button). :func:`trim_stylesheet` drops the theme stylesheet's ``.fa-NAME:before`` rules of icons the
site does not use (86 kB of its 397 kB), and :func:`subset_fonts` cuts each font (fa-solid-900.woff2 alone is 156 kB) to the glyphs of
those rules and of the icons the site uses, with fontTools; the glyphs kept are unchanged.

Icons: Font Awesome Free, icons CC BY 4.0, code MIT (the theme's ``fontawesome.js.LICENSE.txt``);
fonts SIL OFL 1.1, which allows a subset.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

SCRIPT = "_static/scripts/fontawesome.js"
# Under the site's _static/, and under the theme's own static folder (:func:`theme_static`).
FONTS = "vendor/fontawesome/webfonts"
STYLESHEET = "styles/pydata-sphinx-theme.css"
CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
CSS_GLYPH = re.compile(r'content:\s*"\\([0-9a-fA-F]{2,5})"')
ICON_SELECTOR = re.compile(r"^\.fa-([a-z0-9]+(?:-[a-z0-9]+)*)::?before$")
# One icon: name: [width, height, [aliases], "unicode", "path" | ["path", …]].
ENTRY = re.compile(r'(?P<name>"[^"]+"|[A-Za-z_$][\w$]*|\d+):\[\d+,\d+,\[(?P<aliases>[^\]]*)\],"[0-9a-f]+",(?:"[^"]*"|\[[^\]]*\])\]')
USED = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")


def used_names(outdir: Path) -> set[str]:
    """Every ``fa-NAME`` in the built pages and in the site's scripts other than Font Awesome."""
    names: set[str] = set()
    for path in Path(outdir).rglob("*"):
        if path.suffix in (".html", ".js") and path.name != "fontawesome.js" and path.is_file():
            names |= set(USED.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def _name(token: str) -> str:
    return token.strip('"')


def subset(script: str, keep: set[str], minimum: int = 500) -> tuple[str, int, int]:
    """``script`` with only the icon entries named (or aliased) in ``keep``; also the counts kept and
    dropped. Raises if the script does not hold icon packs in the expected form."""
    kept = dropped = 0

    def pack(match: re.Match) -> str:
        nonlocal kept, dropped
        entries = []
        for m in ENTRY.finditer(match.group(1)):
            aliases = {_name(a.strip()) for a in m.group("aliases").split(",") if a.strip()}
            if _name(m.group("name")) in keep or aliases & keep:
                entries.append(m.group(0))
                kept += 1
            else:
                dropped += 1
        return "{" + ",".join(entries) + "}"

    # A pack is an object literal made only of icon entries.
    entry = re.sub(r"\(\?P<\w+>", "(?:", ENTRY.pattern)
    out = re.sub(r"\{((?:" + entry + r",)*" + entry + r")\}", pack, script)
    if dropped + kept < minimum:
        raise ValueError(f"{SCRIPT}: found only {dropped + kept} icon entries; the theme's Font Awesome bundle has changed form")
    return out, kept, dropped


def theme_static() -> Path:
    """The pydata theme's own static folder: the originals of the files the build trims."""
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def subset_fontawesome(outdir: Path, names: set[str]) -> dict[str, int] | None:
    """Rewrite ``<outdir>/_static/scripts/fontawesome.js`` in place; None when there is no such file."""
    path = Path(outdir) / SCRIPT
    if not path.exists():
        return None
    script = path.read_text(encoding="utf-8")
    before = len(script.encode("utf-8"))
    out, kept, dropped = subset(script, names)
    path.write_text(out, encoding="utf-8")
    return {"bytes_before": before, "bytes_after": len(out.encode("utf-8")), "kept": kept, "dropped": dropped}


def _icon_rule_unused(selectors: str, body: str, names: set[str]) -> bool:
    icons = [ICON_SELECTOR.match(sel.strip()) for sel in selectors.split(",")]
    return bool(CSS_GLYPH.search(body)) and all(icons) and not {m.group(1) for m in icons} & names


def trim_stylesheet(outdir: Path, names: set[str], theme: Path | None = None) -> tuple[int, int] | None:
    """Write the theme's stylesheet (from ``theme``, the theme's static folder, so a rebuild never trims
    a trimmed copy) into the site without the ``.fa-NAME:before`` rules of icons not in ``names``;
    (bytes before, after)."""
    target = Path(outdir) / "_static" / STYLESHEET
    if not target.exists():
        return None
    css = ((theme or theme_static()) / STYLESHEET).read_text(encoding="utf-8")
    out = CSS_RULE.sub(lambda m: "" if _icon_rule_unused(m.group(1), m.group(2), names) else m.group(0), css)
    if len(out) > 0.95 * len(css):
        raise ValueError(f"{STYLESHEET}: found few Font Awesome icon rules; the theme's stylesheet has changed form")
    target.write_text(out, encoding="utf-8")
    return len(css.encode("utf-8")), len(out.encode("utf-8"))


def glyphs_used(outdir: Path, names: set[str]) -> set[int]:
    """The code points a page may draw with the web fonts: every pseudo-element glyph of the site's
    stylesheets, except Font Awesome's own ``.fa-NAME:before`` rules for icons the site does not use."""
    points: set[int] = set()
    for css in sorted((Path(outdir) / "_static").rglob("*.css")):
        for selectors, body in CSS_RULE.findall(css.read_text(encoding="utf-8", errors="replace")):
            if not _icon_rule_unused(selectors, body, names):
                points |= {int(code, 16) for code in CSS_GLYPH.findall(body)}
    return points


def subset_fonts(outdir: Path, names: set[str], theme: Path | None = None) -> dict[str, tuple[int, int]]:
    """Write each Font Awesome web font of ``theme`` (the theme's static folder, so a rebuild never
    cuts an already cut font) into the site, cut to :func:`glyphs_used`; name → (bytes before, after)."""
    folder = Path(outdir) / "_static" / FONTS
    if not folder.is_dir():
        return {}
    cache = Path(outdir).parent / ".fonts"
    # The glyphs follow from the stylesheets and the names alone: kept beside the site under their hash.
    digest = hashlib.sha256(repr(sorted(names)).encode())
    for css in sorted((Path(outdir) / "_static").rglob("*.css")):
        digest.update(css.read_bytes())
    known = cache / f"glyphs-{digest.hexdigest()[:20]}.json"
    if known.exists():
        points = set(json.loads(known.read_text(encoding="utf-8")))
    else:
        points = glyphs_used(outdir, names)
        known.parent.mkdir(parents=True, exist_ok=True)
        known.write_text(json.dumps(sorted(points)), encoding="utf-8")
    if len(points) < 5:
        raise ValueError(f"only {len(points)} Font Awesome glyphs found in the site's stylesheets: has the theme changed form?")
    # A rebuild meets the theme's full fonts again (Sphinx copies its static files on every build): the
    # cuts are kept beside the site, named by the glyphs and the original font, and copied in.
    sizes = {}
    for font_path in sorted(((theme or theme_static()) / FONTS).glob("*.woff2")):
        original = font_path.read_bytes()
        key = hashlib.sha256(original + repr(sorted(points)).encode()).hexdigest()[:20]
        cut = cache / f"{key}-{font_path.name}"
        if not cut.exists():
            from fontTools import subset as ft  # a third of a second to import: only when a cut is made

            cut.parent.mkdir(parents=True, exist_ok=True)
            options = ft.Options()
            options.flavor = "woff2"
            options.recalc_timestamp = False  # the same bytes on every build
            font = ft.load_font(str(font_path), options)
            cmap = set(font.getBestCmap())
            subsetter = ft.Subsetter(options)
            subsetter.populate(unicodes=sorted(points & cmap))
            subsetter.subset(font)
            ft.save_font(font, str(cut), options)
        target = folder / font_path.name
        target.write_bytes(cut.read_bytes())
        sizes[font_path.name] = (len(original), target.stat().st_size)
    return sizes
