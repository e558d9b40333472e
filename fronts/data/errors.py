"""The error type every data problem is reported with: ``file:row:column: what is wrong``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one cell (row is the line number in the file; the header is line 1)."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


class DataError(ValueError):
    """Raised when the data package does not validate; carries every issue found."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(issues)
        shown = "\n".join(str(i) for i in self.issues[:50])
        more = f"\n… and {len(self.issues) - 50} more" if len(self.issues) > 50 else ""
        super().__init__(f"{len(self.issues)} problem(s) in the data package:\n{shown}{more}")
