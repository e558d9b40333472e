"""Reading one CSV file strictly: UTF-8 (a BOM is accepted), any line ending, nothing dropped."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from fronts.data.errors import Issue


@dataclass
class CsvFile:
    """The rows of a CSV file keyed by header name, each with the line it starts on."""

    path: str
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def read_csv(path: Path, label: str, expected: list[str]) -> CsvFile:
    """Read ``path``; report problems against ``label`` (the name shown in messages)."""
    out = CsvFile(label)
    if not path.exists():
        out.issues.append(Issue(label, 0, "-", "file is missing"))
        return out
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.issues.append(Issue(label, line, "-", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8"))
        return out
    if not text.strip():
        out.issues.append(Issue(label, 1, "-", f"file is empty; expected the header {','.join(expected)}"))
        return out
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        out.issues.append(Issue(label, 1, "-", f"cannot parse the header: {exc}"))
        return out
    out.header = header
    if not _header_ok(header, expected, out):
        return out
    start = reader.line_num + 1
    try:
        for cells in reader:
            if not cells or all(not c.strip() for c in cells):
                out.issues.append(Issue(label, start, "-", "blank line; remove it"))
            elif len(cells) != len(header):
                out.issues.append(Issue(label, start, "-", f"row has {len(cells)} fields but the header has {len(header)}; check quoting of commas"))
            else:
                out.rows.append((start, dict(zip(header, cells, strict=False))))
            start = reader.line_num + 1
    except csv.Error as exc:
        out.issues.append(Issue(label, start, "-", f"cannot parse this row: {exc}"))
    return out


def _header_ok(header: list[str], expected: list[str], out: CsvFile) -> bool:
    ok = True
    for name in expected:
        if name not in header:
            out.issues.append(Issue(out.path, 1, name, "column is missing from the header"))
            ok = False
    for name in header:
        if name not in expected:
            out.issues.append(Issue(out.path, 1, name or "(blank)", f"unexpected column; the columns are {','.join(expected)}"))
            ok = False
    if len(set(header)) != len(header):
        out.issues.append(Issue(out.path, 1, "-", "a column name is repeated"))
        ok = False
    if ok and header != expected:
        out.issues.append(Issue(out.path, 1, "-", f"columns are out of order; expected {','.join(expected)}"))
        ok = False
    return ok
