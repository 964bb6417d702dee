"""The review page drawn as one self-contained HTML file (`deportdata.coding.reviewpage`
places the rows): inline CSS, no script, no network asset; every text escaped.

Layout for a laptop screen: a heading (article id, outlet, headline, publication date,
counts, legend), the summary of rows (undecided first, each linking to its card and its
place in the text), then the text paragraph by paragraph with the cards of the rows that
start in each paragraph beside it; rows with no place in the text come last.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from html import escape

from deportdata.coding.draftfiles import REVIEW
from deportdata.coding.reviewitems import (
    ID_COLUMNS,
    MENTION,
    REVIEW_COLUMNS,
    Item,
    line_of,
    line_starts,
)

KINDS = ("residue", "event", "date", "claim", "ignored", "uncoded")  # later ones drawn on top
LEGEND = (
    ("m-claim", "12", "claim: its value_text"),
    ("m-ignored", "12", "ignored mention"),
    ("m-uncoded", "12", "number not coded"),
    ("m-event", "said on Monday", "event: its quote"),
    ("m-date", "on Monday", "event: its date expression"),
    ("m-residue", "Share this", "proposed residue (removed from the clean text)"),
)
CSS = """
:root{--claim:#bbf7d0;--claim-b:#15803d;--ignored:#e5e7eb;--event:#2563eb;--date:#dbeafe;
--uncoded:#fecaca;--uncoded-b:#b91c1c;--todo:#b45309;--todo-bg:#ffedd5;--ok:#15803d;--ok-bg:#dcfce7}
*{box-sizing:border-box}
html{scroll-padding-top:12px}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937}
a{color:#1d4ed8}
.top{padding:12px 24px 10px;background:#f8fafc;border-bottom:1px solid #e5e7eb}
h1{font-size:19px;margin:0 0 2px}
h2{font-size:15px;margin:0 0 6px}
.headline{font:600 18px/1.3 Georgia,"Times New Roman",serif;margin:2px 0}
.meta{color:#4b5563;margin:2px 0}
.warn{color:var(--uncoded-b);font-weight:600}
.counts{margin:6px 0 0}
.counts b{font-size:15px}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:0;margin:8px 0 0;font-size:13px}
.legend .sample{font:15px Georgia,serif;margin-right:4px}
.summary{padding:10px 24px;border-bottom:1px solid #e5e7eb}
.list{max-height:32vh;overflow:auto;border:1px solid #e5e7eb;border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:13px}
td,th{padding:3px 8px;border-top:1px solid #f1f5f9;vertical-align:top;text-align:left}
th{background:#f8fafc;position:sticky;top:0;font-weight:600;color:#4b5563}
tr.rank0 td:first-child{box-shadow:inset 3px 0 var(--uncoded-b)}
td.row,td.short{white-space:nowrap}
td.short{max-width:20em;overflow:hidden;text-overflow:ellipsis}
td.why{color:#4b5563;width:100%;max-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.badge{display:inline-block;min-width:5.6em;text-align:center;border-radius:9px;padding:0 6px;
font-size:12px;font-weight:700}
.badge.todo{background:var(--todo-bg);color:var(--todo)}
.badge.ok{background:var(--ok-bg);color:var(--ok)}
.badge.uncoded{background:var(--uncoded-b);color:#fff}
main{padding:0 24px 48px}
.para{display:grid;grid-template-columns:2.2em minmax(0,3fr) minmax(0,2fr);gap:0 20px;
padding:10px 0;border-bottom:1px solid #f1f5f9}
.ln{color:#9ca3af;font-size:12px;text-align:right;padding-top:4px}
.text{font:16px/1.8 Georgia,"Times New Roman",serif;white-space:pre-wrap;overflow-wrap:anywhere;
position:sticky;top:0;align-self:start}
.m-event{border-bottom:2px solid var(--event)}
.m-date{background:var(--date)}
.m-claim{background:var(--claim);box-shadow:inset 0 -2px var(--claim-b)}
.m-ignored{background:var(--ignored);box-shadow:inset 0 -2px #6b7280}
.m-uncoded{background:var(--uncoded);outline:2px solid var(--uncoded-b);font-weight:700}
.m-residue{text-decoration:line-through;text-decoration-thickness:2px;color:#6b7280;background:#fef9c3}
.chip{font:700 11px/1 system-ui,sans-serif;vertical-align:super;margin:0 2px;padding:1px 4px;
border-radius:4px;text-decoration:none;white-space:nowrap;border:1px solid}
.chip.todo{background:var(--todo-bg);color:var(--todo)}
.chip.ok{background:var(--ok-bg);color:var(--ok)}
.chip.uncoded{background:var(--uncoded-b);color:#fff;border-color:var(--uncoded-b)}
.card{border:1px solid #e5e7eb;border-left:5px solid var(--todo);border-radius:6px;padding:6px 10px;
margin:0 0 8px;font-size:13px}
.card.ok{border-left-color:var(--ok)}
.card.uncoded{border-left-color:var(--uncoded-b);background:#fef2f2}
.card:target{outline:3px solid var(--event)}
.card h3{font-size:13px;margin:0 0 4px;display:flex;gap:6px;align-items:baseline;flex-wrap:wrap}
.card h3 .where{color:#6b7280;font-weight:400;margin-left:auto}
.needs{background:var(--todo-bg);border-radius:4px;padding:3px 6px;margin:4px 0}
.problem{background:#fee2e2;border-radius:4px;padding:3px 6px;margin:4px 0}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:1px 8px;margin:4px 0}
dt{color:#6b7280}
dd{margin:0;overflow-wrap:anywhere}
dd.todo-cell{background:var(--todo-bg);font-weight:600}
.reason,.empty{color:#6b7280;font-size:12px;margin:3px 0}
.rest{padding:12px 0}
.unplaced{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:0 16px}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _name(item: Item) -> str:
    if item.table == MENTION:
        return f"number {item.short!r}"
    return f"{item.noun} {item.row_id}".strip()


def _label(item: Item) -> str:
    """The chip after a highlight."""
    return "not coded" if item.table == MENTION else item.row_id or item.noun


def _why(item: Item) -> str:
    """What a person has to decide about the item, in one line."""
    if item.table == MENTION:
        note = item.row.get("note")
        return "no claim or ignored mention covers it" + (f" ({note})" if note else "")
    parts = [*item.problems]
    if item.needs_person:
        parts.append(item.needs_person)
    if item.todo_cells:
        parts.append(f"TODO in {', '.join(item.todo_cells)}")
    return "; ".join(parts or item.warnings)


def _heading(article_id: str, meta: Mapping[str, str], items: Sequence[Item]) -> str:
    rows = [i for i in items if i.table != MENTION]
    todo = sum(i.state == "todo" for i in rows)
    uncoded = len(items) - len(rows)
    undecided = sum(i.rank == 0 for i in rows)
    facts = [f"<b>{_e(meta['outlet'])}</b>"] if meta.get("outlet") else []
    if meta.get("reposted_by"):
        facts.append(f"reposted by {_e(meta['reposted_by'])}")
    if meta.get("published"):
        facts.append(f"published {_e(meta['published'])}")
    url = meta.get("url", "")
    if url.startswith(("http://", "https://")):
        facts.append(f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>')
    legend = "".join(
        f'<li><span class="sample {cls}">{_e(sample)}</span>{_e(text)}</li>'
        for cls, sample, text in LEGEND
    )
    legend += (
        '<li><span class="chip todo">D-C001</span>row to check (review todo)</li>'
        '<li><span class="chip ok">D-C002</span>row checked (review ok)</li>'
    )
    warnings = [meta["missing"]] if meta.get("missing") else []
    no_review = sorted({f"{i.table}.csv" for i in rows if REVIEW not in i.row})
    if no_review:
        warnings.append(
            f"{', '.join(no_review)}: no review column, so every row counts as todo "
            "(add the column; todo or ok in each row)"
        )
    return (
        f'<header class="top"><h1>Review of draft <code>{_e(article_id)}</code></h1>'
        + "".join(f'<p class="warn">{_e(w)}</p>' for w in warnings)
        + f'<p class="headline">{_e(meta.get("headline", ""))}</p>'
        + f'<p class="meta">{" · ".join(facts)}</p>'
        + f'<p class="counts"><b>{len(rows)}</b> drafted rows: <b>{todo}</b> todo, '
        f"<b>{len(rows) - todo}</b> ok · <b>{undecided}</b> need a person · "
        f'<b class="{"warn" if uncoded else ""}">{uncoded}</b> numbers not coded. '
        "Check each row against the text, correct it in the draft's CSV files, set its "
        f"review to ok; then run <code>deportdata review {_e(article_id)}</code> again.</p>"
        f'<ul class="legend">{legend}</ul></header>'
    )


def _summary(ordered: Sequence[Item]) -> str:
    body = "".join(
        f'<tr class="rank{i.rank}"><td><span class="badge {i.state}">'
        f"{'not coded' if i.state == 'uncoded' else i.state}</span></td>"
        f'<td class="row"><a href="#row-{i.key}">{_e(_name(i))}</a></td>'
        f'<td class="short" title="{_e(i.short)}">{_e(i.short)}</td>'
        f'<td class="why" title="{_e(_why(i))}">{_e(_why(i))}</td><td class="row">'
        + (f'<a href="#at-{i.key}">in text</a>' if i.span else "not in the text")
        + "</td></tr>"
        for i in ordered
    )
    return (
        '<section class="summary" id="summary"><h2>Rows to review, undecided first</h2>'
        '<div class="list"><table><thead><tr><th>review</th><th>row</th><th>text</th>'
        f"<th>what needs a person</th><th>where</th></tr></thead><tbody>{body}</tbody>"
        "</table></div></section>"
    )


def _card(item: Item) -> str:
    state = item.state
    where = f"{item.table}.csv line {item.line}" if item.line else ""
    if item.table == "residue":
        where = f"residue.csv line {item.line}"
    head = (
        f'<h3><span class="badge {state}">{"not coded" if state == "uncoded" else state}</span>'
        f"<span>{_e(_name(item))}</span>"
        + (f'<a href="#at-{item.key}">in text</a>' if item.span else "")
        + ' <a href="#summary">summary</a>'
        + f'<span class="where">{_e(where)}</span></h3>'
    )
    if item.table == MENTION:
        note = item.row.get("note")
        return (
            f'<article class="card uncoded" id="row-{item.key}">{head}<p class="problem">'
            "Not coded: no claim (its value_text) and no ignored mention (its mention_text) "
            "covers this number. Add a row for it to claims.csv or mentions_ignored.csv, or "
            "correct the quote of the row meant to cover it."
            + (f" It is {_e(note)}." if note else "")
            + "</p></article>"
        )
    parts = [head]
    if item.needs_person:
        parts.append(f'<p class="needs"><b>Needs a person:</b> {_e(item.needs_person)}</p>')
    parts += [f'<p class="problem">{_e(p)}</p>' for p in (*item.problems, *item.warnings)]
    shown = [(c, v) for c, v in item.row.items() if c not in REVIEW_COLUMNS and v.strip()]
    empty = [c for c, v in item.row.items() if c not in REVIEW_COLUMNS and not v.strip()]
    todo = set(item.todo_cells)
    cells = "".join(
        f"<dt>{_e(c)}</dt><dd{' class=todo-cell' if c in todo else ''}>{_e(v)}</dd>"
        for c, v in shown
        if c not in ("article_id", ID_COLUMNS.get(item.table))  # the id is in the card's title
    )
    parts.append(f"<dl>{cells}</dl>")
    if empty:
        parts.append(f'<p class="empty">empty: {_e(", ".join(empty))}</p>')
    reason = item.row.get("draft_reason", "").strip()
    if item.row.get("confidence", "").strip() == "low":
        parts.append('<p class="needs"><b>Low confidence:</b> the rules are unsure of this row</p>')
    parts.append(
        f'<p class="reason">drafted by: {_e(reason)}</p>'
        if reason
        else '<p class="reason">added by hand (no draft_reason)</p>'
    )
    return f'<article class="card {state}" id="row-{item.key}">{"".join(parts)}</article>'


def _title(active: Sequence[tuple[str, Item]]) -> str:
    return "; ".join(f"{_name(i)} ({i.state})" for _, i in active)


def _lines(text: str, items: Sequence[Item]) -> list[str]:
    """Each line of the text as HTML: its highlights, anchors and chips."""
    by_key = {i.key: i for i in items}
    starting, ending = defaultdict(list), defaultdict(list)
    for mark in (m for i in items for m in i.marks):
        starting[mark.start].append(mark)
        ending[mark.end].append(mark)
    anchors, chips = defaultdict(list), defaultdict(list)
    for item in items:
        if item.span:
            anchors[item.span[0]].append(item)
            chips[item.span[1]].append(item)
    newlines = [p for p, c in enumerate(text) if c == "\n"]
    cuts = sorted(
        {0, len(text), *starting, *ending, *anchors, *chips, *newlines, *(p + 1 for p in newlines)}
    )
    active: dict[int, tuple[str, Item]] = {}
    lines, current = [], []
    for p, q in zip(cuts, [*cuts[1:], None], strict=True):
        for mark in ending.get(p, ()):
            active.pop(id(mark), None)
        current += [
            f'<a class="chip {i.state}" href="#row-{i.key}">{_e(_label(i))}</a>'
            for i in chips.get(p, ())
        ]
        current += [f'<span id="at-{i.key}"></span>' for i in anchors.get(p, ())]
        for mark in starting.get(p, ()):
            active[id(mark)] = (mark.kind, by_key[mark.key])
        if q is None:
            break
        if text[p] == "\n":
            lines.append("".join(current))
            current = []
            continue
        segment = _e(text[p:q])
        if active:
            on = sorted(active.values(), key=lambda a: KINDS.index(a[0]))
            classes = " ".join(dict.fromkeys(f"m-{kind}" for kind, _ in on))
            segment = f'<span class="{classes}" title="{_e(_title(on))}">{segment}</span>'
        current.append(segment)
    lines.append("".join(current))
    return lines


def _sort_key(item: Item) -> tuple:
    return (item.span[0] if item.span else 0, item.key)


def render(
    article_id: str,
    text: str,
    meta: Mapping[str, str],
    items: Sequence[Item],
    ordered: Sequence[Item],
) -> str:
    """The whole page; `ordered`: the items in the summary's order."""
    starts = line_starts(text)
    cards: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        if item.span:
            cards[line_of(starts, item.span[0])].append(item)
    paragraphs = []
    for n, html in enumerate(_lines(text, items)):
        here = sorted(cards.get(n, ()), key=_sort_key)
        line_text = text[starts[n] : starts[n + 1] if n + 1 < len(starts) else len(text)]
        if not line_text.strip() and not here:
            continue
        paragraphs.append(
            f'<section class="para"><div class="ln">{n + 1}</div><div class="text">{html}</div>'
            f'<div class="notes">{"".join(_card(i) for i in here)}</div></section>'
        )
    unplaced = [i for i in ordered if not i.span]
    rest = (
        '<section class="rest"><h2>Rows with no place in the text</h2><div class="unplaced">'
        + "".join(_card(i) for i in unplaced)
        + "</div></section>"
        if unplaced
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Review {_e(article_id)}</title><style>{CSS}</style></head><body>"
        + _heading(article_id, meta, items)
        + _summary(ordered)
        + f'<main><h2 style="margin:12px 0 0">Text (data/raw/articles/{_e(article_id)}.txt)</h2>'
        + "".join(paragraphs)
        + rest
        + "</main></body></html>\n"
    )
