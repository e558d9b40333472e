"""Fetch files from one pinned npm package, checked against its registry integrity hash.

    python scripts/npm_fetch.py NAME VERSION SHA512_BASE64 DEST MEMBER [MEMBER ...]

Runs ``npm pack NAME@VERSION`` in a temporary folder (the registry is the only network use), checks
the tarball's sha512 against the pinned one, and puts the named members (paths inside the package,
such as ``build/vega.min.js``) flat into DEST. Used by ``make axe`` and ``make vega``; the files
land under .cache/ (git-ignored) and are never committed.
"""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path


def fetch(name: str, version: str, sha512: str, dest: Path, members: list[str]) -> list[Path]:
    if shutil.which("npm") is None:
        sys.exit(f"{name} {version} comes from the npm registry, but npm is missing: install Node.js with npm "
                 "(Debian: 'sudo apt-get install npm'), then run make again.")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "--silent", "--no-fund", "--no-audit", f"{name}@{version}"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        tarball = Path(tmp) / f"{name.replace('@', '').replace('/', '-')}-{version}.tgz"
        got = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if got != sha512:
            sys.exit(f"{tarball.name}: sha512-{got} is not the pinned sha512-{sha512}")
        dest.mkdir(parents=True, exist_ok=True)
        out = []
        with tarfile.open(tarball) as tar:
            for member in members:
                data = tar.extractfile(f"package/{member}")
                if data is None:
                    sys.exit(f"{name}@{version} has no file {member}")
                target = dest / Path(member).name
                target.write_bytes(data.read())
                out.append(target)
    return out


if __name__ == "__main__":
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    name, version, sha, dest, *members = sys.argv[1:]
    for path in fetch(name, version, sha, Path(dest), members):
        print(f"{name} {version}: {path}")
