"""Load the bad-input catalogue, apply a case's defect to a project copy, render docs/BAD_INPUTS.md."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
from pathlib import Path

import yaml
from drafting import TEXT, write_draft

from deportdata.coding.accept import accept
from deportdata.config import Project
from deportdata.io import manifest

HERE = Path(__file__).parent
DOC = "docs/BAD_INPUTS.md"


def load_cases() -> list[dict]:
    return yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))


def messages(expect: dict) -> list[str]:
    """The patterns a rejection must print, each matched by some line of stderr (`message`: one
    pattern or a list)."""
    message = expect["message"]
    return [message] if isinstance(message, str) else list(message)


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")


def _find(rows: list[list[str]], row_id: str) -> list[str]:
    return next(r for r in rows if r[0] == row_id)


def apply(root: Path, edit: dict) -> None:
    """Apply one defect (see the actions listed at the top of cases.yaml)."""
    ((action, args),) = edit.items()
    path = root / args["file"] if "file" in args else None
    if action == "set":
        header, rows = _rows(path)
        _find(rows, args["id"])[header.index(args["column"])] = args["value"]
        _write(path, header, rows)
    elif action == "drop_column":
        header, rows = _rows(path)
        i = header.index(args["column"])
        _write(path, header[:i] + header[i + 1 :], [r[:i] + r[i + 1 :] for r in rows])
    elif action == "duplicate_id":
        header, rows = _rows(path)
        _find(rows, args["id"])[0] = args["as"]
        _write(path, header, rows)
    elif action == "drop_last_field":
        header, rows = _rows(path)
        row = _find(rows, args["id"])
        row.pop()
        _write(path, header, rows)
    elif action == "write":
        data = bytes.fromhex(args["hex"]) if "hex" in args else args["text"].encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    elif action == "folder":  # a folder where the file was
        path.unlink()
        path.mkdir()
    elif action == "symlink":  # the file replaced by a link to `target` (beside the project)
        path.unlink()
        path.symlink_to(root.parent / args["target"])
    elif action == "add_column":
        header, rows = _rows(path)
        _write(path, [*header, args["column"]], [[*r, args["value"]] for r in rows])
    elif action == "notebook_fails":  # a code cell that raises, after the parameters
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cell = {"cell_type": "code", "id": "deliberate-failure", "metadata": {}}
        cell.update(execution_count=None, outputs=[])
        notebook["cells"].insert(2, {**cell, "source": [f"raise {args['error']}"]})
        path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    elif action == "delete":
        path.unlink()
    elif action == "delete_folder":
        shutil.rmtree(root / args["folder"])
    elif action == "replace_text":  # the first occurrence of `old` in the file becomes `new`
        text = path.read_text(encoding="utf-8")
        assert args["old"] in text, f"{args['file']}: {args['old']!r} not found"
        path.write_text(text.replace(args["old"], args["new"], 1), encoding="utf-8")
    elif action == "append_text":
        path.write_bytes(path.read_bytes() + args["text"].encode("utf-8"))
    elif action == "bom_crlf":
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    elif action == "draft":
        _draft(root, args)
    elif action == "article_file":
        (root.parent / "new.txt").write_text(args.get("text", TEXT), encoding="utf-8")
    elif action == "add_article":
        text = args.get("text") or _filler(args["size_mb"])
        (root / "data/raw/articles" / f"{args['id']}.txt").write_text(text, encoding="utf-8")
        header, rows = _rows(root / "data/raw/articles.csv")
        new = dict(zip(header, rows[0], strict=True))
        new.update(
            article_id=args["id"],
            headline=args.get("headline", "A test article"),
            headline_in_text="false",
        )
        _write(root / "data/raw/articles.csv", header, [*rows, [new[h] for h in header]])
    else:
        raise ValueError(f"unknown edit action {action!r}")
    if action != "draft" and "then" in args:  # a second defect (a draft applies its own)
        apply(root, args["then"])


def _draft(root: Path, args: dict) -> None:
    """Register the article of tests/drafting.py as `id` and write its reviewed draft, with
    one defect: set {table, row, column, value}, drop_row {table, row}, drop_column
    {table, column} or write {table, hex}; no defect when none is given."""
    apply(root, {"add_article": {"id": args["id"], "text": TEXT}})

    def edit(rows: dict) -> None:
        if "set" in args:
            change = args["set"]
            rows[change["table"]][change["row"]][change["column"]] = change["value"]
        if "drop_row" in args:
            del rows[args["drop_row"]["table"]][args["drop_row"]["row"]]
        if "drop_column" in args:
            for row in rows[args["drop_column"]["table"]]:
                row.pop(args["drop_column"]["column"], None)

    project = Project(root)
    manifest.update(project)  # the article is added on purpose
    if args.get("accepted_before"):  # accepted once, then the draft restored (e.g. from a backup)
        write_draft(root, args["id"])
        accept(project, args["id"])
    folder = write_draft(root, args["id"], edit)
    if "drop_column" in args:
        path = folder / f"{args['drop_column']['table']}.csv"
        header, body = _rows(path)
        i = header.index(args["drop_column"]["column"])
        _write(path, header[:i] + header[i + 1 :], [r[:i] + r[i + 1 :] for r in body])
    if "write" in args:
        (folder / f"{args['write']['table']}.csv").write_bytes(bytes.fromhex(args["write"]["hex"]))
    if "then" in args:
        apply(root, args["then"])


def _filler(size_mb: float) -> str:
    """About `size_mb` megabytes of text with no numbers in it."""
    paragraph = (
        "Officials met again to discuss the repatriation agreement, and advocates asked for "
        "a fair negotiation between the governments of both countries.\n"
    )
    return paragraph * int(size_mb * 1_000_000 / len(paragraph))


SIGNALS = {"SIGINT": "Ctrl-C", "SIGTERM": "SIGTERM", "SIGKILL": "SIGKILL"}


def render_doc(cases: list[dict]) -> str:
    """docs/BAD_INPUTS.md: every bad input tried and its outcome."""
    lines = [
        "# Bad inputs and what happens",
        "",
        "Generated from `tests/bad_inputs/cases.yaml`; every row is a test in `tests/test_bad_inputs.py` "
        "that copies the project, applies the defect, runs the command and checks the outcome below. "
        "For every rejected input the test also checks that the exit code is non-zero, that no traceback "
        "is printed, and that the inputs and outputs the failing step could have spoiled (`data/raw/`, `data/drafts/`, `data/clean/`, "
        "`reports/figures/`, `reports/tables/`, `reports/notebooks/`, `reports/index.html`) are byte-identical "
        "before and after it (a failed `validate` does write Data Docs and `reports/validation.json`, "
        "to show the failure; in a build they are published with the report, or alone when the checks "
        "failed, and a case marked so checks that they are unchanged or published). Interrupted cases stop the command at a named write point "
        "(`DEPORTDATA_PAUSE_AT`) and signal it there; misdirected cases point it at a folder "
        "that is not a project and check that nothing is created there.",
        "",
        "| case | defect | command | outcome | messages (patterns) |",
        "|---|---|---|---|---|",
    ]
    for case in cases:
        expect = case["expect"]
        if expect["outcome"] == "rejected":
            outcome = f"rejected, exit {expect['exit']}"
            message = " and ".join(
                "`" + m.replace("|", "\\|").replace("\\\\", "\\") + "`" for m in messages(expect)
            )
            if "lines" in expect:
                message += f"; nothing else ({expect['lines']} line(s) on stderr in all)"
            if "check_results" in expect:
                message += (
                    "; `reports/validation.json` and `reports/data-docs/` "
                    f"{expect['check_results']}"
                )
        else:
            outcome = "accepted"
            extras = []
            if expect.get("same_clean_output"):
                extras.append("clean output identical to the unmodified project")
            if expect.get("html_escaped"):
                extras.append(
                    f"`{expect['html_escaped']}` never appears unescaped in any generated HTML"
                )
            message = "; ".join(extras) or "builds normally"
        command = " then ".join(f"`deportdata {c}`" for c in case["run"])
        if "root" in case:
            command = command.replace(
                "`deportdata ", f"`deportdata --root {shlex.quote(case['root'])} "
            )
        if "cwd" in case:
            command += " from a folder outside any project"
        if "fault" in case:
            fault = case["fault"]
            command += (
                f", `{fault['unreadable']}` unreadable (EACCES)"
                if "unreadable" in fault
                else ", the project read-only (EROFS)"
            )
        if "interrupt" in case:
            stop = case["interrupt"]
            command += f", {SIGNALS[stop['signal']]} at the write point “{stop['at']}”"
        if expect["outcome"] == "recovered":
            outcome = "killed; the next run completes"
            message = "the next run of the same command exits 0, with no staging folder left"
        row = f"| `{case['id']}` | {case['title']} | {command} | {outcome} | {message} |"
        lines.append(re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", row))
    return "\n".join(lines) + "\n"
