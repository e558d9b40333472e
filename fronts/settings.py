"""The book's settings: one object, built once at an edge and passed down.

The edges are the command line (``python -m fronts``), the Sphinx extension, and a notebook's set-up
cell (``fronts.load()``, which builds it when none is given). :meth:`Settings.from_env` is the only
place the package reads the environment; every other module receives the object (usually as
``ds.settings``, the settings the data were loaded with).

=======================  ===========================================  ================================
variable                 what                                         default
=======================  ===========================================  ================================
``FRONTS_DATA``          the data package folder                      ``data/``
``FRONTS_EXTERNAL_DATA`` the folder holding ``ucdp-ged-syria/``       ``data/external/``
``FRONTS_UCDP_FILE``     the UCDP GED file itself                     under the external-data folder
``FRONTS_ASSETS``        ``inline`` (self-contained outputs, for any  ``inline``
                         notebook viewer) or ``site`` (the book)
``FRONTS_ASSET_BASE``    where a site page finds ``vendor/``          ``../vendor/``
``FRONTS_VEGA_DIR``      the unpacked Vega npm package                ``.cache/vega-<version>/``
``FRONTS_SITE_URL``      the book's public address, for citations     none
=======================  ===========================================  ================================
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from fronts.paths import REPO

ASSET_MODES = ("inline", "site")
VEGA_VERSION = "6.2.0"  # the Makefile pins the same version of the npm package
UCDP_RELATIVE_PATH = Path("ucdp-ged-syria") / "ged_syria_2016_2019.csv.gz"


class SettingsError(ValueError):
    """A setting with a value the book cannot use; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path = REPO / "data"
    external_dir: Path = REPO / "data" / "external"
    ucdp_file: Path | None = None  # None: <external_dir>/ucdp-ged-syria/ged_syria_2016_2019.csv.gz
    assets: str = "inline"
    asset_base: str = "../vendor/"
    vega_dir: Path = REPO / ".cache" / f"vega-{VEGA_VERSION}"
    site_url: str = ""
    # Where a chapter page finds the files the build collects from the figures' outputs.
    figure_base: str = "../figures/"
    layer_base: str = "../layers/"

    def __post_init__(self) -> None:
        if self.assets not in ASSET_MODES:
            raise SettingsError(f"FRONTS_ASSETS={self.assets!r}: use 'site' or 'inline'")

    @property
    def site(self) -> bool:
        """True when outputs are made for the built site (shared vendor/ files, downloads)."""
        return self.assets == "site"

    @property
    def ucdp_path(self) -> Path:
        return self.ucdp_file or self.external_dir / UCDP_RELATIVE_PATH

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``FRONTS_*`` variables (the table above); unset ones keep their defaults."""
        env = os.environ if environ is None else environ
        d = cls()

        def path(name: str, default: Path) -> Path:
            return Path(env[name]) if env.get(name) else default

        return cls(
            data_dir=path("FRONTS_DATA", d.data_dir),
            external_dir=path("FRONTS_EXTERNAL_DATA", d.external_dir),
            ucdp_file=Path(env["FRONTS_UCDP_FILE"]) if env.get("FRONTS_UCDP_FILE") else None,
            assets=env.get("FRONTS_ASSETS") or d.assets,
            asset_base=env.get("FRONTS_ASSET_BASE") or d.asset_base,
            vega_dir=path("FRONTS_VEGA_DIR", d.vega_dir),
            site_url=env.get("FRONTS_SITE_URL", d.site_url),
        )
