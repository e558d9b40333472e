"""The data contract: field types and constraints as declared in ``data/datapackage.json``."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    constraints: dict[str, Any]

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    def parse(self, raw: str) -> tuple[Any, str | None]:
        """Return (typed value or None for blank, error message or None)."""
        if raw == "":
            return None, ("is required but blank" if self.required else None)
        if raw != raw.strip():
            return None, f"has leading or trailing spaces: {raw!r}"
        value, err = _typed(self.type, raw)
        if err:
            return None, err
        return value, self._check(value, raw)

    def _check(self, value: Any, raw: str) -> str | None:
        c = self.constraints
        if "enum" in c and value not in c["enum"]:
            return f"{raw!r} is not one of: {', '.join(map(str, c['enum']))}"
        if "pattern" in c and not re.fullmatch(c["pattern"], raw):
            return f"{raw!r} does not match the pattern {c['pattern']}"
        if "minLength" in c and len(raw) < c["minLength"]:
            return f"is {len(raw)} characters; at least {c['minLength']} needed"
        if "maxLength" in c and len(raw) > c["maxLength"]:
            return f"is {len(raw)} characters; at most {c['maxLength']} allowed"
        low, high = c.get("minimum"), c.get("maximum")
        if low is not None and value < _typed(self.type, str(low))[0]:
            return f"{raw} is below the minimum {low}"
        if high is not None and value > _typed(self.type, str(high))[0]:
            return f"{raw} is above the maximum {high}"
        return None


def _typed(kind: str, raw: str) -> tuple[Any, str | None]:
    if kind == "string":
        return raw, None
    if kind == "integer":
        if not INTEGER.fullmatch(raw):
            return None, f"{raw!r} is not a whole number"
        return int(raw), None
    if kind == "number":
        try:
            value = float(raw)
        except ValueError:
            return None, f"{raw!r} is not a number"
        if not math.isfinite(value):
            return None, f"{raw!r} is not a finite number"
        return value, None
    if kind == "date":
        try:
            if not ISO_DATE.fullmatch(raw):
                raise ValueError
            return date.fromisoformat(raw), None
        except ValueError:
            return None, f"{raw!r} is not a valid ISO date (YYYY-MM-DD)"
    raise ValueError(f"datapackage.json: unsupported field type {kind!r}")


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict[str, Any], ...]

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


def read_contract(data_dir: Path) -> dict[str, Resource]:
    """Parse ``datapackage.json`` into resources keyed by name."""
    spec = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    out = {}
    for res in spec["resources"]:
        schema = res["schema"]
        fields = tuple(Field(f["name"], f["type"], f.get("constraints", {})) for f in schema["fields"])
        pk = schema.get("primaryKey", [])
        out[res["name"]] = Resource(
            res["name"], res["path"], fields,
            tuple([pk] if isinstance(pk, str) else pk),
            tuple(schema.get("foreignKeys", [])),
        )
    return out
