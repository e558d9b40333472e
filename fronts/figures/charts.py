"""The analyses' figures: the tempo chart, the claims-ledger chart, progress and approach charts, and a
zone's map layer. The numbers behind them come from :mod:`fronts.analysis`; a chart made from a
dataset takes its settings from it (``ds.settings``), one made from a derived frame takes them first.
"""
from __future__ import annotations

import altair as alt
import folium
import pandas as pd

from fronts.analysis.distance import place_point
from fronts.analysis.ledger import VERDICT_COLORS, VERDICTS
from fronts.analysis.tempo import agreements, weekly_by_bloc
from fronts.data.load import FRONTS, Dataset
from fronts.figures.render import Html, chart_html
from fronts.figures.style import BLOC_COLORS, BLOC_LABELS, GEO_LABELS
from fronts.settings import Settings


def tempo_chart(ds: Dataset, title: str, alt_text: str) -> Html:
    """Stacked weekly bars by bloc, with a dashed rule and label at each agreement."""
    weekly = weekly_by_bloc(ds.events)
    weekly = weekly[weekly["events"] > 0].assign(
        bloc_label=lambda f: f["bloc"].map(BLOC_LABELS), week=lambda f: f["week"].dt.strftime("%Y-%m-%d"),
        events=lambda f: f["events"].round(2))
    present = [b for b in BLOC_COLORS if b in set(weekly["bloc"])]
    x = alt.X("week:T", title="Week", scale=alt.Scale(type="utc", domain=["2017-01-01", "2018-01-01"]), axis=alt.Axis(format="%b"))
    bars = alt.Chart(weekly).mark_bar(width=7).encode(
        x=x, y=alt.Y("sum(events):Q", title="Violent events per week"),
        color=alt.Color("bloc_label:N", title="Bloc of the first actor",
                        scale=alt.Scale(domain=[BLOC_LABELS[b] for b in present], range=[BLOC_COLORS[b] for b in present]),
                        legend=alt.Legend(orient="bottom", columns=2)),
        tooltip=[alt.Tooltip("week:T", title="Week of", format="%d %b %Y"), alt.Tooltip("bloc_label:N", title="Bloc"),
                 alt.Tooltip("events:Q", title="Events (fractional for vague dates)")],
    ).properties(name="tempo_bars")
    ag = agreements(ds.events).assign(date=lambda f: f["date"].dt.strftime("%Y-%m-%d"))
    ag["ypx"] = ag["number"].astype(int) % 3 * 11 + 6
    rules = alt.Chart(ag).mark_rule(strokeDash=[4, 3], color="#555").encode(
        x=alt.X("date:T", scale=alt.Scale(type="utc", domain=["2017-01-01", "2018-01-01"])),
        tooltip=[alt.Tooltip("number:N", title="No."), alt.Tooltip("label:N", title="Agreement"),
                 alt.Tooltip("date:T", title="Date", format="%d %b %Y")]).properties(name="agreement_rules")
    labels = alt.Chart(ag).mark_text(align="left", dx=3, fontSize=9, color="#333").encode(
        x=alt.X("date:T", scale=alt.Scale(type="utc", domain=["2017-01-01", "2018-01-01"])),
        y=alt.Y("ypx:Q", scale=None, axis=None), text="number:N").properties(name="agreement_labels")
    chart = alt.layer(bars, rules, labels).properties(width=520, height=260, title=title).configure_view(stroke=None)
    return chart_html(chart, alt_text, ds.settings, name="tempo")


def verdict_chart(ds: Dataset, title: str, alt_text: str) -> Html:
    """Stacked bars of verdicts per article and front."""
    names = ds.sources.set_index("source_id")["publisher"]
    frame = ds.claims.assign(article=ds.claims["source_id"].map(names), front=ds.claims["front"].map(FRONTS))
    frame = frame.groupby(["article", "front", "verdict"], as_index=False).size().rename(columns={"size": "claims"})
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("front:N", title=None, sort=list(FRONTS.values())), x=alt.X("sum(claims):Q", title="Claims"),
        color=alt.Color("verdict:N", scale=alt.Scale(domain=list(VERDICTS), range=list(VERDICT_COLORS)), legend=alt.Legend(orient="bottom")),
        order=alt.Order("verdict_order:Q"), tooltip=["article:N", "front:N", "verdict:N", "claims:Q"],
    ).transform_calculate(verdict_order=f"indexof({list(VERDICTS)!r}, datum.verdict)").properties(
        width=430, height=150, name="verdict_bars").facet(row=alt.Row("article:N", title=None)).properties(title=title)
    return chart_html(chart.configure_view(stroke=None), alt_text, ds.settings, name="verdicts")


def progress_chart(settings: Settings, weekly: pd.DataFrame, *, title: str, y_title: str, alt_text: str, name: str,
                   colors: dict[str, str] | None = None) -> Html:
    """The best-so-far line per group (a step), with each week's extreme event as a point."""
    data = weekly.assign(week=weekly["week"].dt.strftime("%Y-%m-%d"))
    groups = list(dict.fromkeys(data["group"]))
    scale = alt.Scale(domain=groups, range=[colors[g] for g in groups]) if colors else alt.Undefined
    x = alt.X("week:T", title="Week", scale=alt.Scale(type="utc", domain=["2017-01-01", "2018-01-01"]), axis=alt.Axis(format="%b"))
    color = alt.Color("group:N", title=None, scale=scale, legend=alt.Legend(orient="bottom"))
    line = alt.Chart(data).mark_line(interpolate="step-after", strokeWidth=2).encode(
        x=x, y=alt.Y("best_so_far_km:Q", title=y_title), color=color).properties(name=f"{name}_line")
    points = alt.Chart(data).mark_point(filled=True, size=45, opacity=0.8).encode(
        x=x, y="distance_km:Q", color=color,
        tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("week:T", title="Week of", format="%d %b %Y"),
                 alt.Tooltip("event_id:N", title="Event"), alt.Tooltip("distance_km:Q", title="km (this week)"),
                 alt.Tooltip("best_so_far_km:Q", title="km (best so far)")]).properties(name=f"{name}_points")
    chart = alt.layer(line, points).properties(width=520, height=260, title=title).configure_view(stroke=None)
    return chart_html(chart, alt_text, settings, name=name)


def approach_chart(settings: Settings, frame: pd.DataFrame, radius_km: float, title: str, alt_text: str) -> Html:
    """Distance from the reference place over time for events involving government forces."""
    gov = frame[frame["involves_government"]].copy()
    data = pd.DataFrame({
        "event_id": gov["event_id"], "date": gov["date"].dt.strftime("%Y-%m-%d"),
        "distance_km": gov["distance_km"], "bloc": gov["bloc"].map(BLOC_LABELS),
        "low_km": (gov["distance_km"] - gov["uncertainty_km"]).clip(lower=0), "high_km": gov["distance_km"] + gov["uncertainty_km"],
        "where": gov["place"] + " (" + gov["geo_precision"].map(GEO_LABELS) + ")",
        "zone": gov["zone"].map({"inside": "inside the zone", "outside": "outside the zone", "uncertain": "cannot tell (placed only to an area)"}),
    })
    present = [b for b in BLOC_COLORS if BLOC_LABELS[b] in set(data["bloc"])]
    x = alt.X("date:T", title=None, scale=alt.Scale(type="utc", domain=["2017-01-01", "2018-01-01"]), axis=alt.Axis(format="%b"))
    points = alt.Chart(data).mark_point(filled=True, size=70).encode(
        x=x, y=alt.Y("distance_km:Q", title="Distance from the garrison (km)", scale=alt.Scale(zero=True)),
        color=alt.Color("bloc:N", title="Bloc of the first actor", scale=alt.Scale(domain=[BLOC_LABELS[b] for b in present], range=[BLOC_COLORS[b] for b in present]), legend=alt.Legend(orient="bottom", direction="vertical")),
        shape=alt.Shape("zone:N", title="Zone", legend=alt.Legend(orient="bottom", direction="vertical")),
        tooltip=[alt.Tooltip("event_id", title="Event"), alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
                 alt.Tooltip("where", title="Where"), alt.Tooltip("distance_km", title="km from the garrison")],
    ).properties(name="approach_points")
    bars = alt.Chart(data).mark_rule(opacity=0.35, strokeWidth=2).encode(
        x=x, y="low_km:Q", y2="high_km:Q", color=alt.Color("bloc:N", title="Bloc of the first actor",
        scale=alt.Scale(domain=[BLOC_LABELS[b] for b in present], range=[BLOC_COLORS[b] for b in present]))).properties(name="approach_uncertainty")
    rule = alt.Chart(pd.DataFrame({"km": [radius_km], "label": [f"{radius_km:g} km deconfliction zone"]}))
    line = rule.mark_rule(color="#0072B2", strokeDash=[5, 3]).encode(y="km:Q").properties(name="zone_rule")
    text = rule.mark_text(align="left", dx=4, dy=-6, color="#0072B2", fontSize=11).encode(
        y="km:Q", x=alt.value(0), text="label:N").properties(name="zone_label")
    chart = alt.layer(bars, points, line, text).properties(width=520, height=260, title=title).configure_view(stroke=None)
    return chart_html(chart, alt_text, settings, name="approach")


def zone_layer(ds: Dataset, place_id: str, radius_km: float, label: str) -> folium.FeatureGroup:
    """The zone as a toggleable map overlay (a geodesic circle drawn by Leaflet)."""
    lat, lon = place_point(ds, place_id)
    group = folium.FeatureGroup(name=label, show=True)
    folium.Circle(location=[lat, lon], radius=radius_km * 1000, color="#0072B2", weight=2,
                  dash_array="8 6", fill=False, class_name="fronts-zone").add_to(group)
    return group
