"""The theme's Font Awesome script, trimmed to the icons the site uses (fronts.site.icons)."""
from __future__ import annotations

import pytest

from fronts.site import icons
from tests.site import require_site
from tests.test_a11y import PAGES

PACK = ('var p={bars:[448,512,["navicon"],"f0c9","M0 96z"],sun:[512,512,[9728],"f185","M1 1z"],'
        '0:[320,512,[],"30","M0 1z"],"circle-half-stroke":[512,512,[9680,"adjust"],"f042","M2 2z"]};')


def test_subset_keeps_named_and_aliased_icons_and_drops_the_rest():
    out, kept, dropped = icons.subset("x();" + PACK + "y();", {"bars", "adjust"}, minimum=1)
    assert (kept, dropped) == (2, 2)
    assert out.startswith("x();") and out.endswith("y();")
    assert 'bars:[448,512,["navicon"],"f0c9","M0 96z"]' in out
    assert '"circle-half-stroke":[512' in out and "sun:" not in out and "0:[320" not in out
    assert icons.subset(PACK, {"navicon"}, minimum=1)[1] == 1  # an alias keeps its icon


def test_subset_refuses_a_script_it_does_not_understand():
    with pytest.raises(ValueError, match="changed form"):
        icons.subset("var p={};", {"bars"})


def test_used_names_reads_pages_and_scripts_but_not_font_awesome_itself(tmp_path):
    (tmp_path / "_static/scripts").mkdir(parents=True)
    (tmp_path / "a.html").write_text('<i class="fa-solid fa-bars"></i>', encoding="utf-8")
    (tmp_path / "_static/scripts/theme.js").write_text('e.className="fa-solid fa-moon"', encoding="utf-8")
    (tmp_path / "_static/scripts/fontawesome.js").write_text('"fa-sun"', encoding="utf-8")
    assert icons.used_names(tmp_path) == {"solid", "bars", "moon"}


def test_the_icon_script_is_trimmed():
    script = require_site() / icons.SCRIPT
    assert script.stat().st_size < 150_000, f"{script} is {script.stat().st_size:,} bytes: not trimmed"


# That every page draws its icons with the trimmed script (and leaves no <i class="fa-…"> behind) is
# checked in Chromium on the same visit as the accessibility audit: tests/test_a11y.py.


def test_the_fonts_keep_the_glyphs_of_the_theme_rules_and_of_the_icons_used(tmp_path):
    css = tmp_path / "_static" / "styles" / "theme.css"
    css.parent.mkdir(parents=True)
    css.write_text('.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-sun:before{content:"\\f185"}'
                   '@media print{.admonition>.admonition-title:after{content:"\\f05a";font:var(--fa-font-solid)}}'
                   '.x{color:red}', encoding="utf-8")
    assert icons.glyphs_used(tmp_path, {"navicon"}) == {0xF0C9, 0xF05A}
    assert icons.glyphs_used(tmp_path, set()) == {0xF05A}


def test_the_site_serves_cut_fonts():
    fonts = require_site() / "_static" / icons.FONTS
    sizes = {p.name: p.stat().st_size for p in fonts.glob("*.woff2")}
    assert "fa-solid-900.woff2" in sizes and all(size < 20_000 for size in sizes.values()), sizes


def test_the_stylesheet_loses_only_the_rules_of_icons_no_page_uses(tmp_path):
    theme = tmp_path / "theme"
    original = theme / icons.STYLESHEET
    original.parent.mkdir(parents=True)
    rules = ['.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}', '.fa-sun:before{content:"\\f185"}',
             '.fa-moon:before{content:"\\f186"}', ".fa-solid{font-family:x}",
             '.admonition-title:after{content:"\\f05a"}'] + [f'.fa-i{n}:before{{content:"\\f{n:03x}"}}' for n in range(40)]
    original.write_text("".join(rules), encoding="utf-8")
    site = tmp_path / "site"
    (site / "_static" / "styles").mkdir(parents=True)
    (site / "_static" / icons.STYLESHEET).write_text("", encoding="utf-8")
    (site / "a.html").write_text('<i class="fa-solid fa-bars"></i><i class="fa-moon"></i>', encoding="utf-8")
    before, after = icons.trim_stylesheet(site, icons.used_names(site), theme)
    out = (site / "_static" / icons.STYLESHEET).read_text(encoding="utf-8")
    assert out == rules[0] + rules[2] + rules[3] + rules[4] and before > after == len(out)


def test_sphinx_design_files_load_only_where_a_page_uses_them():
    from types import SimpleNamespace

    from fronts.site import theme

    files = [SimpleNamespace(filename="_static/sphinx-design.min.css"), SimpleNamespace(filename="_static/basic.css")]
    scripts = [SimpleNamespace(filename="_static/design-tabs.js"), SimpleNamespace(filename="_static/doctools.js")]
    plain = {"body": '<p class="x">text</p>', "css_files": list(files), "script_files": list(scripts)}
    theme.design_files_where_used(None, "p", "page.html", plain, None)
    assert [f.filename for f in plain["css_files"] + plain["script_files"]] == ["_static/basic.css", "_static/doctools.js"]
    card = {"body": '<div class="docutils sd-card">x</div>', "css_files": list(files), "script_files": list(scripts)}
    theme.design_files_where_used(None, "p", "page.html", card, None)
    assert card["css_files"] == files and card["script_files"] == scripts


def test_no_page_of_the_site_loads_sphinx_design():
    site = require_site()
    for path in PAGES:
        text = (site / path).read_text(encoding="utf-8")
        assert "sphinx-design.min.css" not in text and "design-tabs.js" not in text, path
