"""Escaping and formatting of text from the CSVs before it reaches HTML or JavaScript."""
from __future__ import annotations

import html
import json

import pandas as pd

from fronts.vocabulary import DATE_LABELS


def esc(value: object) -> str:
    """HTML-escape text, and also neutralise characters special to JS template literals and Jinja.

    folium writes popup and tooltip HTML into JavaScript template literals (backticks), so a
    backtick, ``${`` or a backslash in data would otherwise break out of the string; and it
    compiles popup HTML as a Jinja template, so ``{{`` or ``{%`` in data would be executed.
    """
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    text = html.escape(text, quote=True)
    for char, entity in (("`", "&#96;"), ("$", "&#36;"), ("\\", "&#92;"), ("{", "&#123;"), ("}", "&#125;")):
        text = text.replace(char, entity)
    return text


def script_json(data: object) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b %Y}"


def date_span(start: pd.Timestamp, end: pd.Timestamp | None, precision: str) -> str:
    """Human date with its precision, e.g. '1–7 Jun 2017 (within a week)'."""
    if end is None or pd.isna(end) or end == start:
        text = day(start)
    elif (start.year, start.month) == (end.year, end.month):
        text = f"{start.day}–{end.day} {end:%b %Y}"
    else:
        text = f"{day(start)} – {day(end)}"
    return f"{text} ({DATE_LABELS.get(precision, precision)})"


def actors(row: pd.Series) -> str:
    names = [row["actor1_name"]] + ([row["actor2_name"]] if row.get("actor2_name") else [])
    return " vs. ".join(n for n in names if n)


def deaths(low, high) -> str:
    """A reported death toll as the sources give it: ``12``, ``12–40``, ``at least 100`` (only a
    lowest figure, as for "more than 100") or ``up to 11`` (only a highest, as for "up to 11");
    blank when no source gives one."""
    import pandas as pd

    has_low, has_high = not pd.isna(low), not pd.isna(high)  # None, NaN and pandas' NA are all blank
    if has_low and has_high:
        return f"{int(low)}" if int(low) == int(high) else f"{int(low)}–{int(high)}"
    if has_low:
        return f"at least {int(low)}"
    if has_high:
        return f"up to {int(high)}"
    return ""
