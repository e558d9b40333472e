"""Cross-front views for the overview chapter: small-multiple timelines, tempo by front, who
fought whom, and each front's source mix. Built from the same data and vocabulary as the chapters."""
from __future__ import annotations

import altair as alt
import pandas as pd

from fronts.analysis.tempo import weekly_by_bloc
from fronts.data.load import FRONTS, Dataset
from fronts.figures.render import Html, chart_html
from fronts.figures.style import BLOC_COLORS, BLOC_LABELS

YEAR = alt.Scale(type="utc", domain=["2017-01-01", "2018-01-01"])


def _bloc_color(present: list[str], legend: alt.Legend | None = None) -> alt.Color:
    return alt.Color("bloc:N", title="Bloc of the first actor",
                     scale=alt.Scale(domain=[BLOC_LABELS[b] for b in present], range=[BLOC_COLORS[b] for b in present]),
                     legend=legend or alt.Legend(orient="bottom", columns=3))


def fronts_timeline(ds: Dataset, articles: pd.DataFrame, title: str, alt_text: str) -> Html:
    """One row per front on a shared time axis: a bar for each dated span, a tick for a known day,
    a triangle above the row for each milestone; the seed articles' publication dates as rules
    where the data knows them."""
    ev = ds.events
    end = ev["date_end"].fillna(ev["date_start"])
    frame = pd.DataFrame({
        "event_id": ev["event_id"], "front": ev["front"].map(FRONTS),
        "start": ev["date_start"].dt.strftime("%Y-%m-%d"), "end_excl": (end + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d"),
        "span_days": (end - ev["date_start"]).dt.days, "bloc": ev["actor1_bloc"].map(BLOC_LABELS),
        "summary": ev["summary"], "milestone": ev["milestone"],
    })
    present = [b for b in BLOC_COLORS if BLOC_LABELS[b] in set(frame["bloc"])]
    y = alt.Y("front:N", title=None, sort=list(FRONTS.values()), axis=alt.Axis(labelLimit=200))
    tooltip = [alt.Tooltip("event_id", title="Event"), alt.Tooltip("start:T", title="From", format="%d %b %Y"),
               alt.Tooltip("summary", title="Summary")]
    base = alt.Chart(frame).encode(y=y, color=_bloc_color(present), tooltip=tooltip)
    bars = base.transform_filter("datum.span_days > 0").mark_bar(height=10, opacity=0.55).encode(
        x=alt.X("start:T", title=None, scale=YEAR, axis=alt.Axis(format="%b")), x2="end_excl:T").properties(name="events_ranges")
    dots = base.transform_filter("datum.span_days == 0").mark_tick(thickness=2, size=16, opacity=0.8).encode(
        x=alt.X("start:T", scale=YEAR)).properties(name="events_points")
    marked = frame[frame["milestone"] != ""]
    milestones = alt.Chart(marked).mark_point(shape="triangle-down", size=60, filled=True, color="#333", yOffset=-13).encode(
        x=alt.X("start:T", scale=YEAR), y=y,
        tooltip=[alt.Tooltip("milestone:N", title="Milestone"), alt.Tooltip("event_id:N", title="Event"),
                 alt.Tooltip("start:T", title="Date", format="%d %b %Y")]).properties(name="milestone_marks")
    layers = [bars, dots, milestones]
    dated = articles.dropna(subset=["published"])
    if not dated.empty:
        rules = alt.Chart(pd.DataFrame({"date": dated["published"].dt.strftime("%Y-%m-%d"), "article": dated["publisher"]}))
        layers.append(rules.mark_rule(color="#444", strokeDash=[2, 2]).encode(x=alt.X("date:T", scale=YEAR),
                      tooltip=["article:N", alt.Tooltip("date:T", format="%d %b %Y")]).properties(name="article_rules"))
    chart = alt.layer(*layers).properties(width=520, height=40 * len(FRONTS), title=title).configure_view(stroke=None)
    return chart_html(chart, alt_text, ds.settings, name="timeline")


def tempo_by_front(ds: Dataset, title: str, alt_text: str) -> Html:
    """Violent events per week, one small chart per front, stacked by bloc (vague dates spread)."""
    parts = []
    for front, name in FRONTS.items():
        w = weekly_by_bloc(ds.events[ds.events["front"] == front])
        parts.append(w[w["events"] > 0].assign(front=name))
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.assign(bloc=frame["bloc"].map(BLOC_LABELS), week=frame["week"].dt.strftime("%Y-%m-%d"), events=frame["events"].round(2))
    present = [b for b in BLOC_COLORS if BLOC_LABELS[b] in set(frame["bloc"])]
    chart = alt.Chart(frame).mark_bar(width=5).encode(
        x=alt.X("week:T", title=None, scale=YEAR, axis=alt.Axis(format="%b")),
        y=alt.Y("sum(events):Q", title="per week"), color=_bloc_color(present),
        tooltip=[alt.Tooltip("front:N"), alt.Tooltip("week:T", title="Week of", format="%d %b %Y"), "bloc:N", "events:Q"],
    ).properties(width=520, height=70, name="tempo_bars").facet(
        row=alt.Row("front:N", title=None, sort=list(FRONTS.values()), header=alt.Header(labelAngle=0, labelAlign="left"))
    ).properties(title=title).configure_view(stroke=None)
    return chart_html(chart, alt_text, ds.settings, name="tempo")


def bloc_matrix(ds: Dataset) -> pd.DataFrame:
    """Events by bloc of the first actor (rows) and of the second (columns; 'none' when blank)."""
    second = ds.events["actor2_bloc"].where(ds.events["actor2_bloc"] != "", "none")
    table = pd.crosstab(ds.events["actor1_bloc"].map(BLOC_LABELS), second.map({**BLOC_LABELS, "none": "(no second actor)"}))
    table.index.name = "first actor ↓ / second actor →"
    table.columns.name = None
    return table


def bloc_heatmap(ds: Dataset, title: str, alt_text: str) -> Html:
    """Who fought whom: the bloc matrix as a heatmap with counts."""
    long = bloc_matrix(ds).stack().rename("events").reset_index()
    long.columns = ["first", "second", "events"]
    base = alt.Chart(long).encode(x=alt.X("second:N", title="Bloc of the second actor"), y=alt.Y("first:N", title="Bloc of the first actor"))
    rects = base.mark_rect().encode(color=alt.Color("events:Q", scale=alt.Scale(scheme="blues"), title="Events"),
                                    tooltip=["first:N", "second:N", "events:Q"]).properties(name="matrix_cells")
    text = base.mark_text(fontSize=11).encode(text="events:Q", color=alt.condition("datum.events > 20", alt.value("white"), alt.value("black")))
    chart = alt.layer(rects, text).properties(width=420, height=240, title=title).configure_view(stroke=None)
    return chart_html(chart, alt_text, ds.settings, name="matrix")


def source_mix(ds: Dataset) -> pd.DataFrame:
    """Per front: sources by publisher type, the share whose recorded stance names a side, the
    outlet (by origin) that carries most of the front's citations, and the share of events reported
    by two or more distinct publishers."""
    rows = []
    for front, name in FRONTS.items():
        view = ds.front(front)
        if view.events.empty:
            continue
        cited = view.citations.merge(view.sources, on="source_id")
        types = cited.drop_duplicates("source_id")["publisher_type"].value_counts()
        origin = cited["origin"].where(cited["origin"] != "", cited["publisher"])
        top = origin.value_counts()
        stance = cited.drop_duplicates("source_id")["stance"].str.lower()
        partisan = stance.str.contains("pro-|partisan|belligerent|coalition|kurdish|state", regex=True)
        rows.append({"front": name, "events": len(view.events), "sources": len(view.sources),
                     **{t: int(types.get(t, 0)) for t in ("news-agency", "newspaper", "state-media", "monitor", "belligerent", "think-tank", "encyclopedia", "blog")},
                     "reliability A–B": int(view.sources["reliability"].isin(["A", "B"]).sum()),
                     "sources with a declared side": f"{partisan.mean():.0%}",
                     "most-cited outlet": f"{top.index[0]} ({top.iloc[0] / len(cited):.0%} of citations)",
                     "events with 2+ publishers": f"{(view.events['n_publishers'] >= 2).mean():.0%}"})
    return pd.DataFrame(rows).set_index("front")
