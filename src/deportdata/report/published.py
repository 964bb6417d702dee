"""An executed notebook as it is published: no machine folder in its text (`publishable`),
and its HTML rendering opens offline (`html`)."""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from pathlib import Path

from deportdata.checks.outputs import STAGE_PREFIX
from deportdata.config import Project

# a staging folder of the check results (checks.outputs), inside a path: "<prefix>pid<N>-XXXX/"
CHECKS_STAGE = re.compile(re.escape(STAGE_PREFIX) + r"pid\d+-[A-Za-z0-9_]+/")


def publishable(text: str, project: Project, stage: Path) -> str:
    """`text` with the machine's folders replaced by paths relative to notebooks/ (where the
    notebooks run): the staging folder becomes ../reports, the project folder "..", a staged
    check result its published name. What is published names no build machine, user or
    temporary folder."""
    rel = os.path.relpath(project.reports, project.notebooks)
    text = CHECKS_STAGE.sub("", text)
    for folder, shown in (
        (stage.resolve(), rel),
        (stage, rel),
        (project.notebooks.resolve(), "."),
        (project.root.resolve(), ".."),
        (project.root, ".."),
    ):
        text = text.replace(json.dumps(str(folder))[1:-1], shown).replace(str(folder), shown)
    return text


# nbconvert's page loads require.js (for widgets) and MathJax (for LaTeX) from a CDN; the
# reports have neither widgets nor formulas, and must open without a network, so both go.
# (Mermaid is loaded only by pages that hold a diagram.)
CDN_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\n?')


def offline_html(html: str) -> str:
    """An executed notebook's HTML without the scripts it would fetch from the network."""
    return CDN_SCRIPT.sub("", html)


_EXPORTING = threading.Lock()


@functools.cache
def _exporter():
    """One HTML exporter for the process: its Jinja templates are compiled once, not per notebook."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab")


def html(text: str) -> str:
    """The offline HTML rendering of an executed notebook (its JSON text)."""
    import nbformat

    node = nbformat.reads(text, as_version=4)
    with _EXPORTING:  # the notebook threads share the exporter, one rendering at a time
        page, _ = _exporter().from_notebook_node(node)
    return offline_html(page)
