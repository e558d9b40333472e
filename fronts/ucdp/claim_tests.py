"""The seed articles' claims about intensity, tested against UCDP GED.

Each test turns a claim into a count over UCDP events: an area (a circle round a place of
``data/places.csv`` or a front's area), a window of days, and the sides (UCDP ``dyad_name``). Three
kinds of measure:

- ``rate``: events and deaths per week in the window against the four weeks before
  (:func:`fronts.ucdp.agreement.intensity`); a ratio of 1.25 or more reads as an increase, 0.8 or less
  as a decrease, anything between as no clear change;
- ``days``: on how many days of the window UCDP records at least one event ("almost daily");
- ``count``: how many events UCDP records at all (zero means UCDP holds no such fighting).

The windows end on the latest day the article can have been written about (the seed articles'
publication dates are not stated in any retrieved copy; see the claims ledger): Russia Insider's
maps are captioned 5 June, and Funker530's text knows the HIMARS move to al-Tanf reported on
14–15 June. UCDP is one record with its own rules (only events with at least one death; its own
sources), so a test weighs with the curated evidence; it does not replace it.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fronts.ucdp import agreement
from fronts.ucdp.areas import AL_TANF, AREAS, DEIR_EZ_ZOR_CITY, Area, Circle
from fronts.ucdp.counts import select, spread

INCREASE, DECREASE = 1.25, 0.8


@dataclass(frozen=True)
class ClaimTest:
    claim_id: str
    question: str
    area: Area
    first: str
    last: str
    sides: tuple[str, ...]  # a UCDP event counts when its dyad_name contains any of these
    kind: str  # rate | days | count


def _circle(front: str, lat: float, lon: float, km: float, label: str) -> Area:
    return Area(front, label, (Circle(lat, lon, km, label),))


# Places as in data/places.csv (deir-ez-zor, daraa, al-tanf).
TESTS = (
    ClaimTest("RI-45", "Did Islamic State attacks on the Deir ez-Zor enclave step up in the days before 5 June?",
              _circle("deir-ez-zor", *DEIR_EZ_ZOR_CITY, 15.0, "15 km around Deir ez-Zor city"),
              "2017-05-30", "2017-06-05", ("IS",), "rate"),
    ClaimTest("RI-09", "Was fighting in and around Dar'a heavier in the days before 5 June?",
              AREAS["daraa"], "2017-05-30", "2017-06-05", ("Government of Syria - Syrian insurgents",), "rate"),
    ClaimTest("F530-09", "Were forces at al-Tanf under 'almost daily' Islamic State attack in the month to 14 June?",
              _circle("at-tanf", *AL_TANF, 55.0, "the 55 km zone around al-Tanf"),
              "2017-05-15", "2017-06-14", ("IS",), "days"),
    ClaimTest("F530-29", "Does UCDP record government–SDF fighting west of Raqqa in June 2017?",
              AREAS["raqqa"], "2017-06-01", "2017-06-30", ("Government of Syria - SDF", "SDF - Government of Syria"), "count"),
    ClaimTest("F530-18", "Does UCDP record fighting between US-backed forces and the Iraqi PMU in 2017?",
              AREAS["iraq-border"], "2017-01-01", "2017-12-31", ("PMU", "Popular Mobilization"), "count"),
)


def _sides(ucdp: pd.DataFrame, sides: tuple[str, ...]) -> pd.DataFrame:
    names = ucdp["dyad_name"].astype(str)
    keep = pd.Series(False, index=ucdp.index)
    for s in sides:
        keep |= names.str.split(" - ").apply(lambda parts, s=s: s in parts) if " - " not in s else names.eq(s)
    return ucdp[keep]


def _reading(ratio: float, what: str) -> str:
    if pd.isna(ratio):
        return f"no {what} in either period"
    if ratio >= INCREASE:
        return f"an increase in {what}"
    if ratio <= DECREASE:
        return f"a decrease in {what}"
    return f"no clear change in {what}"


def run(test: ClaimTest, ucdp: pd.DataFrame) -> dict:
    """One test's figures and a plain reading of them."""
    rows = _sides(ucdp, test.sides)
    first, last = pd.Timestamp(test.first), pd.Timestamp(test.last)
    out = {"claim_id": test.claim_id, "question": test.question, "area": test.area.description,
           "window": f"{first:%d %b} – {last:%d %b %Y}", "sides": ", ".join(test.sides)}
    if test.kind == "rate":
        t = agreement.intensity(rows, test.area, first, last).set_index("period")
        ev, de = t.loc["window ÷ baseline", "events_per_week"], t.loc["window ÷ baseline", "best_per_week"]
        out["figures"] = (f"events per week {t.loc['window', 'events_per_week']:.1f} against {t.loc['baseline', 'events_per_week']:.1f} "
                          f"in the four weeks before ({ev:.2f}×); deaths per week (best) {t.loc['window', 'best_per_week']:.1f} "
                          f"against {t.loc['baseline', 'best_per_week']:.1f} ({de:.2f}×)")
        out["reading"] = f"UCDP shows {_reading(ev, 'events')} and {_reading(de, 'deaths')}"
        out["supports"] = bool(ev >= INCREASE or de >= INCREASE)
    elif test.kind == "days":
        daily = spread(select(rows, test.area))
        daily = daily[(daily["day"] >= first) & (daily["day"] <= last)]
        # A day counts only for events dated to that very day (spread weight 1): a span is not a daily attack.
        exact = daily[daily["events"] >= 1.0]
        n_days, span = exact["day"].nunique(), (last - first).days + 1
        out["figures"] = (f"{n_days} of {span} days with at least one UCDP event dated to that day; "
                          f"{daily['id'].nunique()} events in all")
        out["reading"] = "UCDP supports 'almost daily'" if n_days >= span / 2 else "UCDP does not show attacks on most days"
        out["supports"] = bool(n_days >= span / 2)
    elif test.kind == "count":
        inside = select(rows, test.area)
        inside = inside[(inside["date_end"] >= first) & (inside["date_start"] <= last)]
        out["figures"] = f"{len(inside)} UCDP events"
        out["reading"] = ("UCDP records no such fighting (it codes no event between these sides)" if inside.empty
                          else f"UCDP records {len(inside)} such event{'' if len(inside) == 1 else 's'}")
        out["supports"] = not inside.empty
    else:
        raise ValueError(f"unknown kind {test.kind!r}")
    return out


def run_all(ucdp: pd.DataFrame, tests: tuple[ClaimTest, ...] = TESTS) -> pd.DataFrame:
    return pd.DataFrame([run(t, ucdp) for t in tests])


def table_html(ds):
    """The tests as a table for the claims ledger, with our verdict beside UCDP's reading; or a plain
    note that the UCDP data is absent and how to get it."""
    from fronts.figures.html import Markup, render
    from fronts.figures.render import Html, stylesheet
    from fronts.text import esc
    from fronts.ucdp import context
    from fronts.ucdp import figures as ucdp_figures
    from fronts.ucdp import ged as ucdp

    st = ucdp.status(ds.settings.ucdp_path)
    if not st.available:
        return context.absent_note(st)
    results = run_all(context.load_file(str(st.path)))
    verdicts = ds.claims.set_index("claim_id")["verdict"]
    rows = [[Markup(f'<a href="#{esc(r.claim_id)}">{esc(r.claim_id)}</a>'), r.question,
             Markup(f"{esc(r.area)}<br><small>{esc(r.window)}; sides: {esc(r.sides)}</small>"), r.figures, r.reading,
             verdicts.get(r.claim_id, "")] for r in results.itertuples()]
    head = ["Claim", "Question", "Area, window and sides", "UCDP figures", "What UCDP shows", "Our verdict"]
    return Html(render("tables/markup-table.html.jinja", rows=rows, head=head, caption="Intensity claims tested against UCDP GED",
                       cls="fronts-claim-tests", stylesheet=Markup(stylesheet(ds.settings)),
                       after=Markup(ucdp_figures.attribution("html"))))
