"""What the suites check besides the clean tables themselves.

Derived columns tie each clean row back to the raw files (the text at the recorded
offsets, the file's checksum now), and suite parameters hold the id sets that
foreign keys must resolve to.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from deportdata.paths import Project


def _raw_texts(project: Project, article_ids) -> dict[str, str]:
    texts = {}
    for article_id in sorted(set(article_ids)):
        path = project.raw_articles / f"{article_id}.txt"
        texts[article_id] = path.read_bytes().decode("utf-8", errors="replace") if path.is_file() else ""
    return texts


def _at_offsets(frame: pd.DataFrame, texts: dict[str, str], start: str, end: str) -> pd.Series:
    def cut(row) -> str | None:
        if pd.isna(row[start]) or pd.isna(row[end]):
            return None
        return texts.get(row["article_id"], "")[int(row[start]):int(row[end])]

    return frame.apply(cut, axis=1).astype("string") if len(frame) else pd.Series([], dtype="string")


def add_derived_columns(project: Project, frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Copies of the clean frames with the columns the suites compare against the raw layer."""
    out = {name: frame.copy() for name, frame in frames.items()}
    texts = _raw_texts(project, out["articles"]["article_id"])
    articles = out["articles"]
    articles["raw_sha256_now"] = [
        hashlib.sha256(texts[a].encode("utf-8")).hexdigest() if texts[a] else None for a in articles["article_id"]
    ]
    for name in ("claims", "events"):
        out[name]["quote_at_offsets"] = _at_offsets(out[name], texts, "quote_start", "quote_end")
    out["claims"]["value_text_at_offsets"] = _at_offsets(out["claims"], texts, "value_start", "value_end")
    out["mentions"]["text_at_offsets"] = _at_offsets(out["mentions"], texts, "start", "end")
    return out


def suite_parameters(frames: dict[str, pd.DataFrame]) -> dict[str, list]:
    """`<table>__<column>` → sorted distinct values, for `{"$PARAMETER": ...}` in the suites."""
    from deportdata.schema import load_schema

    params = {f"columns__{t.name}": list(t.columns) for t in load_schema().layer("clean")}
    for name, frame in frames.items():
        for column in frame.columns:
            if column.endswith("_id") or column == "alias":
                params[f"{name}__{column}"] = sorted(frame[column].dropna().astype(str).unique().tolist())
    return params
