"""Add an article to the raw layer: copy it byte for byte, register it and its outlet.

`prepare` checks every option and the text and computes the raw files that change,
writing nothing; `add` swaps them in with the manifest (an article to code by hand), and
`coding.intake.add_and_draft` publishes them together with the article's draft.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from deportdata.coding import rawfiles
from deportdata.config import Project
from deportdata.errors import DeportdataError, ErrorList
from deportdata.io import manifest
from deportdata.io.cells import control_problem
from deportdata.io.texts import read_article
from deportdata.schema import load_schema

ID_PATTERN = re.compile(r"^\d{3}_[0-9a-f]{16}$")
HEX_DIGITS = 16  # of the text's SHA-256, after the running number
DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


@dataclass(frozen=True)
class NewArticle:
    """What a person knows about an article before it is coded."""

    source: Path
    outlet: str
    headline: str
    url: str
    published_earliest: date
    published_latest: date
    basis: str | None = None  # None: source for a single day, inferred for a longer interval
    published_best: date | None = None
    note: str = ""
    article_id: str | None = None  # None: the next free NNN + the text's SHA-256
    reposted_by: str | None = None
    repost_url: str | None = None
    original_url: str | None = None


@dataclass(frozen=True)
class NewOrganisation:
    organisation_id: str
    name: str
    kind: str
    role: str  # "outlet" or "reposted_by", for messages


@dataclass(frozen=True)
class Added:
    """What `add` writes: the new article and the raw files that change (path under
    data/raw/ -> new bytes)."""

    article_id: str
    text: str
    outlet: str
    reposted_by: str
    registered: list[NewOrganisation] = field(default_factory=list)
    article: dict[str, str] = field(default_factory=dict)  # its articles.csv row
    changes: dict[str, bytes] = field(default_factory=dict)


def text_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HEX_DIGITS]


def next_article_id(project: Project, data: bytes) -> str:
    """The next free running number (one more than the highest in use) and the first 16
    hex digits of the SHA-256 of the text's bytes, e.g. 005_3f2a9c0d1e4b5a67."""
    used = {r["article_id"][:3] for r in rawfiles.table_rows(project, "articles")}
    used |= {p.name[:3] for p in project.raw_articles.glob("*.txt") if p.name[:3].isdigit()}
    number = max((int(n) for n in used if n.isdigit()), default=-1) + 1
    if number > 999:
        raise DeportdataError(
            "no running number is left for a new article id (000-999 are in use)",
            hint="give --id NNN_<16 hex digits> explicitly",
        )
    return f"{number:03d}_{text_digest(data)}"


def organisation_id_for(name: str) -> str:
    """A snake_case id derived from a name, as the existing ids are: 'The Phnom Penh Post'
    → phnom_penh_post, 'Voice of America' → voice_of_america, '1Love Cambodia' →
    one_love_cambodia (leading digits are spelled out, since ids start with a letter)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = LEADING_ARTICLE.sub("", text.strip().replace("’", "'").replace("'", ""))
    lead = re.match(r"\d+", text)
    if lead:
        text = " ".join(DIGIT_WORDS[int(d)] for d in lead.group()) + " " + text[lead.end() :]
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _organisation(
    project: Project, given: str, kind: str, role: str, option: str
) -> tuple[str, NewOrganisation | None]:
    """The organisation_id an option names, or a new organisation to register."""
    given = given.strip()
    if not given:
        raise DeportdataError(f"{option} is empty")
    organisations = {r["organisation_id"]: r for r in rawfiles.table_rows(project, "organisations")}
    if given in organisations:
        return given, None
    for alias in rawfiles.table_rows(project, "organisation_aliases"):
        if alias["alias"].casefold() == given.casefold():
            return alias["organisation_id"], None
    derived = organisation_id_for(given)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", derived):
        raise DeportdataError(
            f"{option} {given!r}: no organisation id can be derived from this name",
            hint="give a name with letters, or add the organisation to data/raw/organisations.csv first",
        )
    if derived in organisations:
        taken = organisations[derived]["name"]
        raise DeportdataError(
            f"{option} {given!r} is not a known organisation id or alias, and the id derived "
            f"from it, {derived}, is already taken by {taken!r}",
            hint=f"if it is the same organisation, give {option} {derived}; otherwise add it to "
            "data/raw/organisations.csv and organisation_aliases.csv first",
        )
    return derived, NewOrganisation(derived, given, kind, role)


def _publication(new: NewArticle) -> date:
    if new.published_latest < new.published_earliest:
        raise DeportdataError(
            f"--published-latest {new.published_latest} is before --published-earliest "
            f"{new.published_earliest}"
        )
    best = new.published_best or (
        new.published_earliest if new.published_earliest == new.published_latest else None
    )
    if best is None:
        raise DeportdataError(
            "the publication interval spans several days: give --published-best (no guess is made)"
        )
    if not new.published_earliest <= best <= new.published_latest:
        raise DeportdataError(f"--published-best {best} lies outside the publication interval")
    return best


def _in_scope(project: Project, new: NewArticle) -> None:
    """The publication interval lies in the corpus's declared scope (data/raw/rules/scope.yaml),
    which the checks test too: refused here, before anything is written."""
    from deportdata.checks import scope

    declared = scope.load(project)
    for option, day in (
        ("--published-earliest", new.published_earliest),
        ("--published-latest", new.published_latest),
    ):
        if not declared.earliest <= day <= declared.last_day():
            last = "today" if declared.latest is None else declared.latest.isoformat()
            raise DeportdataError(
                f"{option} {day} lies outside the corpus's scope, {declared.earliest} to {last}",
                hint=f"the scope is declared in {project.rel(scope.path(project))}",
            )


def _check_options(new: NewArticle) -> None:
    for name, value in vars(new).items():  # every text given enters the raw tables as it is
        problem = isinstance(value, str) and control_problem(value)
        if problem:
            raise DeportdataError(f"--{name.replace('_', '-')} {problem}")
    if new.basis is not None and new.basis not in ("source", "inferred"):
        raise DeportdataError(f"--basis must be source or inferred, not {new.basis!r}")
    if not new.headline.strip():
        raise DeportdataError("--headline is empty")
    if not new.reposted_by and (new.repost_url or new.original_url):
        flag = "--repost-url" if new.repost_url else "--original-url"
        raise DeportdataError(f"{flag} is given without --reposted-by")
    for flag, url in (
        ("--url", new.url),
        ("--repost-url", new.repost_url),
        ("--original-url", new.original_url),
    ):
        if url and not re.match(r"https?://\S+$", url):
            raise DeportdataError(f"{flag} {url!r} is not an http(s) URL")


def _check_raw_layer(project: Project) -> None:
    problems = manifest.verify(project)
    if problems:
        raise ErrorList(
            [
                *problems,
                DeportdataError(
                    "the raw layer has changes that are not in the manifest; nothing was added",
                    hint="check them, then run 'deportdata manifest --update'",
                ),
            ]
        )


def _same_text(project: Project, data: bytes) -> str | None:
    digest = hashlib.sha256(data).hexdigest()
    for path in sorted(project.raw_articles.glob("*.txt")):
        if manifest.sha256(path) == digest:
            return path.stem
    return None


def prepare(project: Project, new: NewArticle) -> Added:
    """Check everything and compute the raw files that change; nothing is written."""
    _check_options(new)
    best = _publication(new)
    _in_scope(project, new)
    _check_raw_layer(project)
    text = read_article(new.source.resolve(), str(new.source))
    data = new.source.read_bytes()
    twin = _same_text(project, data)
    if twin:
        raise DeportdataError(
            f"{new.source}: the same text is already in the corpus as {twin}",
            hint="an article is added once",
        )
    article_id = new.article_id or next_article_id(project, data)
    if not ID_PATTERN.match(article_id):
        raise DeportdataError(
            f"--id {article_id!r} must look like NNN_<16 hex digits>, e.g. 005_0123456789abcdef"
        )
    articles = rawfiles.table_rows(project, "articles")
    if (
        article_id in {r["article_id"] for r in articles}
        or (project.raw_articles / f"{article_id}.txt").exists()
    ):
        raise DeportdataError(f"--id {article_id} is already taken", hint="choose another id")
    from deportdata.coding.draftfiles import draft_folder

    if draft_folder(project, article_id).exists():
        raise DeportdataError(
            f"a draft for {article_id} is already there",
            file=project.rel(draft_folder(project, article_id)),
            hint="accept it, or remove the folder if it is left over",
        )
    outlet, new_outlet = _organisation(project, new.outlet, "news_outlet", "outlet", "--outlet")
    reposted_by, new_reposter = "", None
    if new.reposted_by:
        reposted_by, new_reposter = _organisation(
            project, new.reposted_by, "aggregator", "reposted_by", "--reposted-by"
        )
    registered = [o for o in (new_outlet, new_reposter) if o is not None]
    if len({o.organisation_id for o in registered}) < len(registered):
        registered = registered[:1]  # the same new name given twice

    schema = load_schema()
    changes = {f"articles/{article_id}.txt": data}
    row = _article_row(new, article_id, outlet, reposted_by, best, text)
    articles.append(row)
    table = schema.table("raw", "articles")
    changes[table.path] = rawfiles.table_text(table, rawfiles.sorted_rows(table, articles)).encode()
    if registered:
        changes.update(_organisation_changes(project, registered, article_id))
    return Added(article_id, text, outlet, reposted_by, registered, row, changes)


def add(project: Project, new: NewArticle) -> Added:
    """Check everything, then write the text, its articles.csv row, any new organisation
    and the manifest in one step, without a draft (a person codes the article by hand)."""
    added = prepare(project, new)
    rawfiles.replace(project, added.changes)
    return added


def _article_row(
    new: NewArticle, article_id: str, outlet: str, reposted_by: str, best: date, text: str
) -> dict[str, str]:
    repost = bool(reposted_by)
    return {
        "article_id": article_id,
        "outlet": outlet,
        "headline": new.headline,
        "headline_in_text": "true" if new.headline in text else "false",
        "url": new.url,
        "url_basis": "source" if new.url else "not_found",
        "original_url": (new.original_url or "") if repost else "",
        "original_url_basis": ("source" if new.original_url else "not_found") if repost else "",
        "reposted_by": reposted_by,
        "repost_url": (new.repost_url or new.url) if repost else "",
        "published_best": best.isoformat(),
        "published_earliest": new.published_earliest.isoformat(),
        "published_latest": new.published_latest.isoformat(),
        "published_basis": new.basis
        or ("source" if new.published_earliest == new.published_latest else "inferred"),
        "published_reasoning": new.note
        or "Publication interval as given to deportdata add-article.",
        "published_basis_urls": new.url,
    }


def _organisation_changes(
    project: Project, registered: list[NewOrganisation], article_id: str
) -> dict[str, bytes]:
    schema = load_schema()
    organisations = rawfiles.table_rows(project, "organisations")
    aliases = rawfiles.table_rows(project, "organisation_aliases")
    for org in registered:
        what = "outlet" if org.role == "outlet" else "aggregator that reposted"
        organisations.append(
            {
                "organisation_id": org.organisation_id,
                "name": org.name,
                "kind": org.kind,
                "note": f"Registered by deportdata add-article as the {what} of article "
                f"{article_id}; country not recorded.",
            }
        )
        if org.name.casefold() not in {a["alias"].casefold() for a in aliases}:
            aliases.append(
                {
                    "alias": org.name,
                    "organisation_id": org.organisation_id,
                    "note": "Name as given to deportdata add-article.",
                }
            )
    out = {}
    for name, rows in (("organisations", organisations), ("organisation_aliases", aliases)):
        table = schema.table("raw", name)
        out[table.path] = rawfiles.table_text(table, rawfiles.sorted_rows(table, rows)).encode()
    return out
