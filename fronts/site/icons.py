"""Trim the theme's Font Awesome script to the icons the built site uses.

The pydata theme ships ``_static/scripts/fontawesome.js`` (1.49 MB): Font Awesome's SVG core with
all ~2,000 free icons, loaded by every page to turn ``<i class="fa-solid fa-bars">`` into SVG. The
site uses about twenty. :func:`subset_fontawesome` runs when the build finishes: it collects every
``fa-…`` name in the built pages and in the theme's own scripts (which add icons at run time), and
rewrites the script with only the icon entries whose name or alias is among them. The SVG core
itself is untouched, so the icons render exactly as before; tests/test_site.py checks in Chromium
that each page's icons are drawn and that no ``<i class="fa-…">`` is left unconverted.

Icons: Font Awesome Free, icons CC BY 4.0, code MIT (the theme's ``fontawesome.js.LICENSE.txt``).
"""
from __future__ import annotations

import re
from pathlib import Path

SCRIPT = "_static/scripts/fontawesome.js"
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


def subset_fontawesome(outdir: Path) -> dict[str, int] | None:
    """Rewrite ``<outdir>/_static/scripts/fontawesome.js`` in place; None when there is no such file."""
    path = Path(outdir) / SCRIPT
    if not path.exists():
        return None
    script = path.read_text(encoding="utf-8")
    before = len(script.encode("utf-8"))
    out, kept, dropped = subset(script, used_names(outdir))
    path.write_text(out, encoding="utf-8")
    return {"bytes_before": before, "bytes_after": len(out.encode("utf-8")), "kept": kept, "dropped": dropped}
