"""Reading UCDP's Georeferenced Event Dataset (GED) for Syria, in UCDP's own published CSV format.

The file is external data: it is never committed. It is looked for at

1. ``$FRONTS_UCDP_FILE`` (a file), else
2. ``$FRONTS_EXTERNAL_DATA/ucdp-ged-syria/ged_syria_2016_2019.csv.gz``, else
3. ``<repo>/data/external/ucdp-ged-syria/ged_syria_2016_2019.csv.gz`` (``data/external/`` is
   gitignored); ``make ucdp`` downloads it there (``scripts/fetch_ucdp.py``).

:func:`status` says whether it is there and, if not, how to get it; :func:`load_ucdp` reads it
strictly. Columns are found by UCDP's names (GED 19.1 codebook), so the column order and extra
columns of other GED releases do not matter. Plain CSV and gzip are both read (by content, not by
file name). Every problem is reported as ``file:line:column: what is wrong`` and nothing is
dropped: a file with any problem raises :class:`UcdpFormatError` listing them all.

One rule has an explicit escape hatch: UCDP's estimates should satisfy ``low ≤ best ≤ high``, but
the published Syria file breaks it in 101 of its 16,566 rows (51 of them in 2017). By default such
rows are errors; ``estimate_order="flag"`` keeps them, marks them ``estimates_ordered = False`` and
lists them in ``frame.attrs["ucdp_flagged"]``.
"""
from __future__ import annotations

import csv
import gzip
import io
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from fronts.data.errors import DataError, Issue
from fronts.paths import REPO
from fronts.settings import UCDP_RELATIVE_PATH, Settings

RELATIVE_PATH = UCDP_RELATIVE_PATH
GET_COMMAND = "make ucdp"

# Precision codes, UCDP GED codebook 19.1 (Högbladh 2019), in our words.
WHERE_PREC = {
    1: "exact place",
    2: "near a named place",
    3: "somewhere in a district (district centroid)",
    4: "somewhere in a province (province centroid)",
    5: "part of the country, between places or loosely described",
    6: "somewhere in the country (country centroid)",
    7: "at sea or in international airspace",
}
DATE_PREC = {
    1: "known day",
    2: "within 2–6 days",
    3: "within a week",
    4: "within a month",
    5: "within a year",
}
TYPE_OF_VIOLENCE = {1: "state-based conflict", 2: "non-state conflict", 3: "one-sided violence"}
EVENT_CLARITY = {1: "clear", 2: "lower clarity (aggregated reports)"}

REQUIRED = [
    "id", "year", "type_of_violence", "dyad_name", "side_a", "side_b", "number_of_sources", "source_headline",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "low", "best", "high",
]
WHOLE_REQUIRED = ["id", "year", "type_of_violence", "number_of_sources", "where_prec", "event_clarity", "date_prec",
                  "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low", "best", "high"]
WHOLE_OPTIONAL = ["active_year", "conflict_new_id", "dyad_new_id", "side_a_new_id", "side_b_new_id",
                  "gwnoa", "gwnob", "priogrid_gid", "country_id"]
CODES = {"where_prec": WHERE_PREC, "date_prec": DATE_PREC, "type_of_violence": TYPE_OF_VIOLENCE,
         "event_clarity": EVENT_CLARITY}
WHOLE = re.compile(r"-?\d+(?:\.0*)?")  # R and pandas write whole numbers as "652.0"; that is accepted
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00:00(?:\.0+)?)?")


class UcdpFormatError(DataError):
    """The UCDP file does not read as UCDP GED; carries every issue found."""

    def __init__(self, issues: list[Issue], hint: str = ""):
        super().__init__(issues)
        shown = "\n".join(str(i) for i in self.issues[:50])
        more = f"\n… and {len(self.issues) - 50} more" if len(self.issues) > 50 else ""
        ValueError.__init__(self, f"{len(self.issues)} problem(s) in the UCDP GED file:\n{shown}{more}{hint}")


class UcdpMissing(FileNotFoundError):
    """The UCDP file is not where it is looked for; the message says how to get it."""


def external_dir(settings: Settings | None = None) -> Path:
    """``settings.external_dir`` (``$FRONTS_EXTERNAL_DATA`` at an edge), else ``data/external/``."""
    return (settings or Settings.from_env()).external_dir


def ucdp_path(settings: Settings | None = None) -> Path:
    """Where the UCDP GED Syria file is looked for (see the module docstring). Without ``settings``
    this is an edge (a script, a test) and they are read from the environment."""
    return (settings or Settings.from_env()).ucdp_path


@dataclass(frozen=True)
class UcdpStatus:
    """Whether the UCDP file is present, where it is looked for, and a sentence for the reader."""

    available: bool
    path: Path
    message: str

    def __bool__(self) -> bool:
        return self.available


def shown(path: Path) -> str:
    """``path`` as a page may print it: relative to the repository when inside it.

    The message goes into the built pages, so an absolute path would publish the builder's
    directory and make two checkouts of the same commit build different sites.
    """
    try:
        return path.resolve().relative_to(REPO.resolve()).as_posix()
    except ValueError:
        return str(path)


def status(path: Path | str | None = None) -> UcdpStatus:
    """Present or absent; when absent the message gives the exact command that fetches it."""
    path = Path(path) if path else ucdp_path()
    if path.is_file():
        return UcdpStatus(True, path, f"UCDP GED data: {shown(path)} ({path.stat().st_size:,} bytes).")
    return UcdpStatus(False, path, (
        f"The UCDP GED data is absent: there is no file at {shown(path)}. "
        f"To download it (needs internet), run: {GET_COMMAND}  "
        f"(or point FRONTS_EXTERNAL_DATA at the folder holding {RELATIVE_PATH.parent}/, "
        "or FRONTS_UCDP_FILE at the file itself). No UCDP figures are shown without it."))


def available() -> bool:
    """True when the UCDP file is present."""
    return status().available


def load_ucdp(path: Path | str | None = None, years: int | Iterable[int] | None = None,
              estimate_order: str = "error") -> pd.DataFrame:
    """Read and type a UCDP GED CSV (plain or gzip); optionally keep only some ``year`` values.

    Adds ``where_prec_label``, ``date_prec_label``, ``violence`` (type of violence in words),
    ``span_days`` (date_end − date_start), ``estimates_ordered`` and ``file_line`` (the line the
    event starts on in the file, for tracing a figure back to UCDP's record). Raises :class:`UcdpMissing`
    when the file is absent and :class:`UcdpFormatError` on any problem.
    """
    if estimate_order not in ("error", "flag"):
        raise ValueError("estimate_order must be 'error' or 'flag'")
    st = status(path)
    if not st.available:
        raise UcdpMissing(st.message)
    label = str(st.path)
    header, lines, cells, issues = _read_rows(st.path, label)
    if issues:
        raise UcdpFormatError(issues)
    df = pd.DataFrame(cells, columns=header, dtype=object)
    df, issues = _typed(df, lines, label)
    order = _order_issues(df, lines, label)
    if issues or (order and estimate_order == "error"):
        hint = ("\nUCDP's published Syria file itself has rows with low ≤ best ≤ high broken; to keep them, "
                "flagged, call load_ucdp(..., estimate_order='flag').") if order else ""
        raise UcdpFormatError(issues + (order if estimate_order == "error" else []), hint)
    df["estimates_ordered"] = (df["low"] <= df["best"]) & (df["best"] <= df["high"])
    if years is not None:
        wanted = {int(years)} if isinstance(years, numbers.Integral) else {int(y) for y in years}
        df = df[df["year"].isin(wanted)]
    df = df.sort_values(["date_start", "id"], kind="stable").reset_index(drop=True)
    df.attrs["ucdp_file"] = label
    df.attrs["ucdp_flagged"] = [str(i) for i in sorted(order)] if estimate_order == "flag" else []
    return df


def _open_text(path: Path) -> io.TextIOBase:
    with path.open("rb") as fh:
        magic = fh.read(2)
    raw = gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _read_rows(path: Path, label: str) -> tuple[list[str], list[int], list[list[str]], list[Issue]]:
    """Header, the line each record starts on, the records, and structural issues."""
    issues: list[Issue] = []
    header: list[str] = []
    lines: list[int] = []
    cells: list[list[str]] = []
    with _open_text(path) as fh:
        reader = csv.reader(fh, strict=True)
        try:
            header = next(reader, None)
            if not header:
                return [], [], [], [Issue(label, 1, "-", "file is empty; expected UCDP GED's header (id, year, …)")]
            issues += _header_issues(header, label)
            if issues:
                return header, [], [], issues
            start = reader.line_num + 1
            width = len(header)
            for row in reader:
                if len(row) != width:
                    issues.append(Issue(label, start, "-", f"row has {len(row)} fields but the header has {width}"))
                else:
                    lines.append(start)
                    cells.append(row)
                start = reader.line_num + 1
        except csv.Error as exc:
            issues.append(Issue(label, reader.line_num + 1, "-", f"cannot parse this row: {exc}"))
        except (UnicodeDecodeError, EOFError, OSError) as exc:
            issues.append(Issue(label, reader.line_num + 1, "-", f"cannot read the file: {exc}"))
    if not cells and not issues:
        issues.append(Issue(label, 2, "-", "the file has a header but no events"))
    return header, lines, cells, issues


def _header_issues(header: list[str], label: str) -> list[Issue]:
    out = [Issue(label, 1, name, "required column is missing from the header") for name in REQUIRED if name not in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    out += [Issue(label, 1, name or "(blank)", "column name is repeated") for name in repeated]
    return out


def _typed(df: pd.DataFrame, lines: list[int], label: str) -> tuple[pd.DataFrame, list[Issue]]:
    issues: list[Issue] = []
    line = pd.Series(lines, index=df.index)

    def report(mask: pd.Series, column: str, message) -> None:
        for i in df.index[mask.to_numpy()]:
            issues.append(Issue(label, int(line[i]), column, message(df.at[i, column])))

    for col in WHOLE_REQUIRED + [c for c in WHOLE_OPTIONAL if c in df.columns]:
        text = df[col].str.strip()
        blank = text == ""
        ok = text.str.fullmatch(WHOLE.pattern)
        report(~ok & ~blank, col, lambda v: f"{v!r} is not a whole number")
        if col in WHOLE_REQUIRED:
            report(blank, col, lambda v: "is blank; a whole number is required")
        values = pd.to_numeric(text.where(ok & ~blank), errors="coerce").astype("Int64")
        negative = values.lt(0).fillna(False).astype(bool)
        report(negative, col, lambda v: f"{v!r} is negative")
        df[col] = values if col in WHOLE_OPTIONAL or (blank | ~ok).any() else values.astype("int64")
    for col, codes in CODES.items():
        unknown = df[col].notna() & ~df[col].isin(list(codes))
        report(unknown.fillna(False).astype(bool), col,
               lambda v, codes=codes: f"unknown code {v}; UCDP's codes are {', '.join(map(str, codes))}")
    for col, lo, hi in (("latitude", -90, 90), ("longitude", -180, 180)):
        values = pd.to_numeric(df[col].str.strip(), errors="coerce")
        report(values.isna(), col, lambda v: f"{v!r} is not a number")
        report(values.notna() & ((values < lo) | (values > hi)), col, lambda v, lo=lo, hi=hi: f"{v} is outside {lo}..{hi}")
        df[col] = values.astype("float64")
    for col in ("date_start", "date_end"):
        day = df[col].str.strip().str.fullmatch(DATE.pattern)
        parsed = pd.to_datetime(df[col].str.slice(0, 10).where(day), format="%Y-%m-%d", errors="coerce")
        report(parsed.isna(), col, lambda v: f"{v!r} is not a date (YYYY-MM-DD)")
        df[col] = parsed
    report((df["date_end"] < df["date_start"]).fillna(False).astype(bool), "date_end",
           lambda v: f"{v} is before date_start")
    first = df["id"].duplicated(keep="first") & df["id"].notna()
    seen = dict(zip(df.loc[~first, "id"], line[~first], strict=False))
    for i in df.index[first.to_numpy()]:
        issues.append(Issue(label, int(line[i]), "id", f"id {df.at[i, 'id']} repeats line {seen[df.at[i, 'id']]}"))
    if not issues:
        df = _labels(df)
        df["file_line"] = lines
    return df, issues


def _order_issues(df: pd.DataFrame, lines: list[int], label: str) -> list[Issue]:
    """Rows breaking low ≤ best ≤ high (only checked once the numbers themselves read)."""
    if not all(pd.api.types.is_integer_dtype(df[c]) for c in ("low", "best", "high")):
        return []
    out = []
    broken = ((df["low"] > df["best"]) | (df["best"] > df["high"])).fillna(False).astype(bool)
    for i in df.index[broken.to_numpy()]:
        lo, best, hi = df.at[i, "low"], df.at[i, "best"], df.at[i, "high"]
        column = "low" if lo > best else "high"
        out.append(Issue(label, lines[i], column, f"estimates out of order: low={lo}, best={best}, high={hi} (must be low ≤ best ≤ high)"))
    return out


def _labels(df: pd.DataFrame) -> pd.DataFrame:
    df["where_prec_label"] = df["where_prec"].map(WHERE_PREC)
    df["date_prec_label"] = df["date_prec"].map(DATE_PREC)
    df["violence"] = df["type_of_violence"].map(TYPE_OF_VIOLENCE)
    df["span_days"] = (df["date_end"] - df["date_start"]).dt.days.astype("int64")
    return df
