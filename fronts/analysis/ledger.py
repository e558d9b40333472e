"""The claims ledger: verdicts of the seed articles' claims, per article and per front."""
from __future__ import annotations

import pandas as pd

from fronts.data.load import FRONTS, Dataset

VERDICTS = ("corroborated", "partly", "contradicted", "unverifiable")
VERDICT_COLORS = ("#009E73", "#E69F00", "#D55E00", "#999999")


def verdict_counts(ds: Dataset, by: str = "source_id") -> pd.DataFrame:
    """Claims by verdict, per article (``by="source_id"``) or per front (``by="front"``)."""
    names = ds.sources.set_index("source_id")["publisher"]
    key = ds.claims[by].map(names) if by == "source_id" else ds.claims[by].map(FRONTS)
    table = pd.crosstab(key, ds.claims["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    table["total"] = table.sum(axis=1)
    table["corroborated or partly"] = ((table["corroborated"] + table["partly"]) / table["total"]).map("{:.0%}".format)
    table.index.name = "article" if by == "source_id" else "front"
    table.columns.name = None
    return table


def predictions(ds: Dataset) -> pd.DataFrame:
    """Forecasts and opinions, with the outcome the evidence shows."""
    names = ds.sources.set_index("source_id")["publisher"]
    p = ds.claims[ds.claims["kind"] == "prediction"]
    return pd.DataFrame({"claim": p["claim_id"], "article": p["source_id"].map(names), "front": p["front"].map(FRONTS),
                         "prediction": p["claim"], "verdict": p["verdict"], "outcome": p["explanation"]}).set_index("claim")


def article_figures(ds: Dataset, source_id: str) -> dict[str, object]:
    """One article's claim counts and shares, for gluing into the ledger's prose."""
    claims = ds.claims[ds.claims["source_id"] == source_id]
    n = len(claims)
    counts = claims["verdict"].value_counts()
    out: dict[str, object] = {"n": n, "n_fronts": int(claims["front"].nunique()),
                              "n_predictions": int((claims["kind"] == "prediction").sum())}
    for verdict in VERDICTS:
        out[verdict] = int(counts.get(verdict, 0))
        out[f"{verdict}_share"] = f"{counts.get(verdict, 0) / n:.0%}" if n else "n/a"
    return out
