"""Command line: ``python -m fronts validate|codebook|release [DATA_DIR]``, ``python -m fronts vendor OUT_DIR``
and ``python -m fronts skeleton`` (the front chapters' shared sections, see fronts.site.skeleton)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fronts.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fronts")
    sub = parser.add_subparsers(dest="command", required=True)
    p_val = sub.add_parser("validate", help="validate the data package")
    p_val.add_argument("data_dir", nargs="?", default=None)
    p_ven = sub.add_parser("vendor", help="copy the offline JavaScript/CSS into OUT_DIR/vendor")
    p_ven.add_argument("out_dir")
    p_cb = sub.add_parser("codebook", help="regenerate the codebook in data/README.md from datapackage.json")
    p_cb.add_argument("data_dir", nargs="?", default=None)
    p_rel = sub.add_parser("release", help="snapshot the events as the current version (data/releases/<version>.csv)")
    p_rel.add_argument("data_dir", nargs="?", default=None)
    sub.add_parser("skeleton", help="write the sections shared by the front chapters into their notebooks")
    args = parser.parse_args(argv)
    settings = Settings.from_env()  # the command line is an edge: the environment is read here, once
    if args.command == "skeleton":
        from fronts.site.skeleton import sync

        changed = sync()
        print("updated: " + ", ".join(p.name for p in changed) if changed else "skeleton: every front notebook is up to date")
        return 0
    if args.command == "release":
        from fronts.data.releases import check_history, write_snapshot

        data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir
        print("wrote", write_snapshot(data_dir))
        problems = check_history(data_dir)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if args.command == "codebook":
        from fronts.data.codebook import update_readme

        data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir
        print("updated" if update_readme(data_dir) else "unchanged", data_dir / "README.md")
        return 0
    if args.command == "validate":
        from fronts.data.validate import validate

        data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir
        report = validate(data_dir)
        for issue in report.issues:
            print(issue, file=sys.stderr)
        if report.issues:
            print(f"{len(report.issues)} problem(s) in {data_dir}", file=sys.stderr)
            return 1
        counts = ", ".join(f"{len(t.rows)} {name}" for name, t in report.tables.items())
        print(f"{data_dir}: valid ({counts})")
        return 0
    from fronts.figures.assets import copy_vendor

    written = copy_vendor(Path(args.out_dir), settings)
    print(f"copied {len(written)} vendor files into {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
