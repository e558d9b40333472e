"""The data codebook in data/README.md, generated from datapackage.json so the two never drift."""
from __future__ import annotations

import json
from pathlib import Path

START, END = "<!-- codebook:start -->", "<!-- codebook:end -->"


def codebook_markdown(data_dir: Path) -> str:
    spec = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    out = []
    for res in spec["resources"]:
        schema = res["schema"]
        pk = schema.get("primaryKey", [])
        out.append(f"### {res['path']}\n\n{res.get('description', '')} Primary key: `{', '.join(pk)}`.\n")
        out.append("| column | type | required | rule | meaning |\n|---|---|---|---|---|")
        for f in schema["fields"]:
            c = f.get("constraints", {})
            rules = []
            if "enum" in c:
                rules.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
            if "pattern" in c:
                rules.append(f"pattern `{c['pattern']}`")
            for key, word in (("minimum", "≥"), ("maximum", "≤"), ("minLength", "length ≥"), ("maxLength", "length ≤")):
                if key in c:
                    rules.append(f"{word} {c[key]}")
            if c.get("unique"):
                rules.append("unique")
            refs = [fk["reference"] for fk in schema.get("foreignKeys", []) if fk["fields"] == [f["name"]]]
            for ref in refs:
                rules.append(f"→ `{ref['resource'] or res['name']}.{ref['fields'][0]}`")
            rule = "; ".join(rules).replace("|", "\\|")
            desc = f.get("description", "").replace("|", "\\|")
            out.append(f"| `{f['name']}` | {f['type']} | {'yes' if c.get('required') else ''} | {rule} | {desc} |")
        out.append("")
    return "\n".join(out)


def update_readme(data_dir: Path) -> bool:
    """Rewrite the generated part of data/README.md; True when it changed."""
    path = data_dir / "README.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{codebook_markdown(data_dir)}\n{END}{tail}"
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False
