"""The event timeline: one row per event, a bar for a date range, a dot for a known day."""
from __future__ import annotations

import altair as alt
import pandas as pd

from fronts.data.load import Dataset
from fronts.figures.render import Html, chart_html
from fronts.figures.style import BLOC_COLORS, BLOC_LABELS, DATE_LABELS

YEAR_SCALE = alt.Scale(type="utc", domain=["2017-01-01", "2018-01-01"])
RANGES = "events_ranges"
POINTS = "events_points"
WIDTH = 540


def timeline_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The columns the chart draws, as plain strings and numbers (dates in UTC ISO form)."""
    end = events["date_end"].fillna(events["date_start"])
    return pd.DataFrame({
        "event_id": events["event_id"],
        "label": events["event_id"] + " " + events["place_name"].str.replace(r"\s*\(.*\)$", "", regex=True).str.slice(0, 24),
        "start": events["date_start"].dt.strftime("%Y-%m-%d"),
        "end_excl": (end + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d"),
        "span_days": (end - events["date_start"]).dt.days,
        "when": [_when(r) for r in events.itertuples()],
        "bloc": events["actor1_bloc"].map(BLOC_LABELS),
        "actors": events["actor1_name"] + events["actor2_name"].map(lambda a: f" vs. {a}" if a else ""),
        "type": events["sub_event_type"],
        "corroboration": events["corroboration"],
        "summary": events["summary"],
    })


def _when(r) -> str:
    start = r.date_start.strftime("%d %b %Y")
    if pd.isna(r.date_end) or r.date_end == r.date_start:
        return f"{start} ({DATE_LABELS[r.date_precision]})"
    return f"{start} – {r.date_end:%d %b %Y} ({DATE_LABELS[r.date_precision]})"


def timeline_chart(ds: Dataset, title: str) -> alt.LayerChart:
    """The altair chart; date ranges drawn as ranges, milestones annotated."""
    frame = timeline_frame(ds.events)
    present = [b for b in BLOC_COLORS if BLOC_LABELS[b] in set(frame["bloc"])]
    color = alt.Color("bloc:N", title="Bloc of the first actor",
                      scale=alt.Scale(domain=[BLOC_LABELS[b] for b in present], range=[BLOC_COLORS[b] for b in present]),
                      legend=alt.Legend(orient="bottom", columns=2))
    x = alt.X("start:T", title=None, scale=YEAR_SCALE,
              axis=alt.Axis(format="%b", tickCount={"interval": "month", "step": 1}, grid=True))
    y = alt.Y("label:N", title=None, sort=list(frame["label"]), axis=alt.Axis(labelLimit=180, labelFontSize=10))
    tooltip = [alt.Tooltip(c, title=t) for c, t in [("event_id", "Event"), ("when", "When"), ("actors", "Actors"),
                                                      ("type", "Type"), ("corroboration", "Corroboration"), ("summary", "Summary")]]
    base = alt.Chart(frame).encode(y=y, color=color, tooltip=tooltip)
    ranges = base.transform_filter("datum.span_days > 0").mark_bar(height=9, opacity=0.8, cornerRadius=2).encode(
        x=x, x2="end_excl:T").properties(name=RANGES)
    points = base.transform_filter("datum.span_days == 0").mark_point(filled=True, size=60, opacity=0.95).encode(
        x=x).properties(name=POINTS)
    layers = [ranges, points] + _milestones(frame, ds.events, x, y)
    return alt.layer(*layers).properties(width=WIDTH, height=max(120, 17 * len(frame)), title=title).configure_view(stroke=None)


def _milestones(frame: pd.DataFrame, events: pd.DataFrame, x: alt.X, y: alt.Y) -> list[alt.Chart]:
    """A dashed rule at each milestone, labelled on the milestone event's own row (no overlaps)."""
    marked = frame[(events["milestone"] != "").to_numpy()].assign(milestone=events.loc[events["milestone"] != "", "milestone"].to_numpy())
    if marked.empty:
        return []
    late = marked["start"] >= "2017-09-01"
    layers = [alt.Chart(marked).mark_rule(strokeDash=[3, 3], color="#888").encode(x=x).properties(name="milestone_rules")]
    if (~late).any():
        layers.append(alt.Chart(marked[~late]).mark_text(align="left", dx=7, fontSize=10, fontWeight="bold", color="#333").encode(
        x=alt.X("end_excl:T", scale=YEAR_SCALE), y=y, text="milestone:N").properties(name="milestone_labels"))
    if late.any():
        layers.append(alt.Chart(marked[late]).mark_text(align="right", dx=-7, fontSize=10, fontWeight="bold", color="#333").encode(
        x=alt.X("start:T", scale=YEAR_SCALE), y=y, text="milestone:N").properties(name="milestone_labels_left"))
    return layers


def build_timeline(ds: Dataset, *, title: str, alt_text: str) -> Html:
    return chart_html(timeline_chart(ds, title), alt_text, ds.settings, name="timeline")
