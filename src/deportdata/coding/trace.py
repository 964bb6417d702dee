"""Trace one value from the reports back to its quote, its offsets in the raw file, and the checksum."""

from __future__ import annotations

import hashlib
import json
import re

from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io import manifest
from deportdata.io.tables import LINE, parse_csv, read_records
from deportdata.io.texts import line_and_column, read_article


def _cells(path) -> set[str]:
    """Every token of a report table (not a schema table: read as plain CSV)."""
    parsed = parse_csv(path, str(path), strict=False)
    return {
        token
        for _, fields in parsed.records
        for value in fields
        for token in re.split(r"[;,\s]+", value)
    }


def report_tables_listing(project: Project, names: set[str]) -> str:
    """The report tables (reports/tables/*.csv) that list any of `names`, as one line."""
    used = [
        project.rel(table)
        for table in sorted((project.reports / "tables").glob("*.csv"))
        if names & _cells(table)
    ]
    return ", ".join(used) if used else "no report table lists it"


def trace(project: Project, claim_id: str) -> str:
    """The chain figure/table → clean row → raw row → quote at offsets → raw file → checksum."""
    claims = {r["claim_id"]: r for r in read_records(project, "claims", "clean")}
    if claim_id not in claims:
        raise DeportdataError(
            f"no claim {claim_id!r} in data/clean/claims.csv",
            hint=f"known ids: {', '.join(sorted(claims)[:5])}, ...",
        )
    c = claims[claim_id]
    raw_path = project.raw_articles / f"{c['article_id']}.txt"
    raw = read_article(raw_path, project.rel(raw_path))
    start, end = int(c["quote_start"]), int(c["quote_end"])
    for low, high in (("quote_start", "quote_end"), ("value_start", "value_end")):
        if not 0 <= int(c[low] or 0) <= int(c[high] or 0) <= len(raw):
            raise DeportdataError(
                f"characters {c[low]}..{c[high]} do not exist in {project.rel(raw_path)}, which "
                f"has {len(raw)} characters",
                file=project.rel(project.clean / "claims.csv"),
                line=int(c[LINE]),
                column=f"{low},{high}",
                hint="the clean layer does not match the raw text: run 'deportdata clean'",
            )
    line, column = line_and_column(raw, start)
    recorded = manifest.read(project).get(
        f"articles/{c['article_id']}.txt", ("(not in manifest)", 0)
    )[0]
    actual = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    raw_line = next(r for r in read_records(project, "claims", "raw") if r["claim_id"] == claim_id)
    bounds = f"[{c['value_low'] or '-inf'}, {c['value_high'] or '+inf'}]"
    out = [
        f"claim {claim_id}: {c['value_text']!r} read as {c['qualifier']}, value {c['value'] or '(vague)'}, bounds {bounds}",
        f"  kind {c['kind']}, reporter {c['reporter_id']}, quantity {c['quantity_key']}, "
        f"as of {c['as_of_earliest']}..{c['as_of_latest']}",
    ]
    series = [
        r["series_row_id"]
        for r in read_records(project, "series", "clean")
        if r["source_id"] == claim_id
    ]
    out.append(
        "1. used in: "
        + report_tables_listing(project, {claim_id, *series})
        + (f"; cumulative series row {series[0]}" if series else "")
    )
    out.append(f"2. clean row: data/clean/claims.csv (claim_id {claim_id})")
    out.append(
        f"3. coded row: data/raw/claims.csv (claim_id {claim_id}; kind {raw_line['kind']}, "
        f"reporter {raw_line['reporter']}; coded_by {raw_line['coded_by']})"
    )
    out.append(
        f"4. quote at characters {start}..{end} of {project.rel(raw_path)} (line {line}, column {column}):"
    )
    out.append(f"     “{raw[start:end]}”")
    out.append(
        f"   matches the coded quote: {'yes' if raw[start:end] == c['quote'] else 'NO'}; "
        f"value_text at {c['value_start']}..{c['value_end']}: {raw[int(c['value_start']) : int(c['value_end'])]!r}"
    )
    out.append(f"5. raw file sha256 {actual}")
    out.append(
        f"   data/raw/MANIFEST.sha256 records {recorded}: {'match' if recorded == actual else 'MISMATCH'}"
    )
    if project.validation_results.is_file():
        rules = json.loads(project.validation_results.read_text(encoding="utf-8"))["rules"]
        mine = [r for r in rules if r["suite"] == "claims"]
        flagged = [
            r["rule_id"] for r in mine if any(row.get("claim_id") == claim_id for row in r["rows"])
        ]
        out.append(
            f"6. checks: {len(mine)} rules on claims; "
            + (f"this row fails {', '.join(flagged)}" if flagged else "this row passes all of them")
        )
    else:
        out.append("6. checks: run `deportdata validate` to see the rules this row passes")
    return "\n".join(out)
