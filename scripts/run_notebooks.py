"""Re-execute notebooks in place so their stored outputs match the code and data (`make notebooks`).

Timing metadata is not recorded, so an unchanged notebook is byte-for-byte unchanged.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def run(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    nbformat.write(nb, path)
    print(f"executed {path}")


if __name__ == "__main__":
    # One notebook per CPU at a time, as the book build runs them (fronts.site.execute).
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(run, [Path(arg) for arg in sys.argv[1:]]))
