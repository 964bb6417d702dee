"""The one layout of a suite file in expectations/: minimal JSON, one expectation per line.

A stable layout keeps diffs small: a changed rule is a changed line.
"""

from __future__ import annotations

import json


def format_suite(doc: dict) -> str:
    """The canonical text of a suite: name, meta, then one expectation per line."""
    lines = ["{", f'  "name": {json.dumps(doc["name"], ensure_ascii=False)},']
    if "meta" in doc:
        lines.append(f'  "meta": {json.dumps(doc["meta"], ensure_ascii=False)},')
    lines.append('  "expectations": [')
    items = [json.dumps(e, ensure_ascii=False) for e in doc["expectations"]]
    lines += [f"    {item}," for item in items[:-1]] + [f"    {item}" for item in items[-1:]]
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"
