"""Adding an article and accepting a reviewed draft of its coding (deportdata.coding)."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO, cli, copy_project, tree_digest
from drafting import MENTIONS, TEXT, write_draft

from deportdata.coding import accept as accepting
from deportdata.coding.add import organisation_id_for
from deportdata.coding.draftfiles import draft_folder
from deportdata.config import Project
from deportdata.io import files, manifest

OPTIONS = [
    "--outlet",
    "Khmer Times",
    "--headline",
    "Fourteen more arrive",
    "--url",
    "https://example.org/test-article",
    "--published-earliest",
    "2020-03-03",
    "--published-latest",
    "2020-03-03",
]
RAW_AND_DRAFTS = ("data/raw", "data/drafts")


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


# the id add-article gives the new article in a copy of this repository: one more than the
# highest running number in use (005 while the corpus holds the five articles, more once a
# researcher has added one) and the first 16 hex digits of the text's SHA-256
NUMBER = 1 + max(int(r["article_id"][:3]) for r in _rows(REPO / "data/raw/articles.csv"))
NEW_ID = f"{NUMBER:03d}_" + hashlib.sha256(TEXT.encode()).hexdigest()[:16]


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "new.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def _add(root: Path, article: Path, *options: str):
    return cli("--root", str(root), "add-article", str(article), *OPTIONS, *options)


@pytest.fixture(scope="module")
def added_once(tmp_path_factory) -> Path:
    """The project with the new article added by `add-article` (an unknown outlet registered,
    the drafting engine's draft in data/drafts/), made once per worker: tests get copies."""
    root = copy_project(tmp_path_factory.mktemp("added") / "project")
    article = root.parent / "new.txt"
    article.write_bytes(TEXT.encode("utf-8"))
    result = _add(root, article)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def article_added(added_once, tmp_path) -> Path:
    """A copy of the project as `add-article` left it, for one test."""
    return Path(shutil.copytree(added_once, tmp_path / "project", symlinks=True))


@pytest.fixture
def added(article_added) -> Path:
    """A copy with the new article added and its draft as the reviewer leaves it."""
    write_draft(article_added, NEW_ID)
    return article_added


# ---------------------------------------------------------------- add-article


def test_add_with_only_file_outlet_headline_url_and_interval(added, article):
    """The id is generated, the unknown outlet is registered, the manifest matches."""
    raw = added / "data/raw"
    assert (raw / "articles" / f"{NEW_ID}.txt").read_bytes() == article.read_bytes()
    row = next(r for r in _rows(raw / "articles.csv") if r["article_id"] == NEW_ID)
    assert row["outlet"] == "khmer_times" and row["published_basis"] == "source"
    assert row["reposted_by"] == row["repost_url"] == row["original_url_basis"] == ""
    org = next(r for r in _rows(raw / "organisations.csv") if r["organisation_id"] == "khmer_times")
    assert org["kind"] == "news_outlet" and org["name"] == "Khmer Times" and org["country"] == ""
    assert {"alias": "Khmer Times", "organisation_id": "khmer_times"}.items() <= next(
        r for r in _rows(raw / "organisation_aliases.csv") if r["alias"] == "Khmer Times"
    ).items()
    assert manifest.verify(Project(added)) == []


def test_output_names_the_id_and_the_new_outlet(project_copy, article):
    result = _add(project_copy, article)
    assert f"as {NEW_ID}" in result.stdout
    assert "registered the new organisation khmer_times ('Khmer Times', kind news_outlet)" in (
        result.stdout
    )


def test_explicit_id_and_known_alias(project_copy, article):
    options = [*OPTIONS, "--id", "042_00000000000000ab"]
    options[options.index("--outlet") + 1] = "the phnom penh post"  # aliases match in any case
    result = cli("--root", str(project_copy), "add-article", str(article), *options)
    assert result.returncode == 0, result.stderr
    row = _rows(project_copy / "data/raw/articles.csv")[-1]
    assert (row["article_id"], row["outlet"]) == ("042_00000000000000ab", "phnom_penh_post")
    assert "registered the new organisation" not in result.stdout


def test_repost_registers_the_aggregator(project_copy, article):
    result = _add(
        project_copy,
        article,
        "--reposted-by",
        "Asia News Mirror",
        "--repost-url",
        "https://example.org/repost",
        "--published-latest",
        "2020-03-05",
        "--published-best",
        "2020-03-04",
    )
    assert result.returncode == 0, result.stderr
    row = _rows(project_copy / "data/raw/articles.csv")[-1]
    assert row["reposted_by"] == "asia_news_mirror"
    assert row["repost_url"] == "https://example.org/repost"
    assert row["original_url_basis"] == "not_found" and row["published_basis"] == "inferred"
    orgs = {r["organisation_id"]: r for r in _rows(project_copy / "data/raw/organisations.csv")}
    assert orgs["asia_news_mirror"]["kind"] == "aggregator"
    assert "as the article's reposted by" in result.stdout


@pytest.mark.parametrize(
    "name, expected",
    [
        ("The Phnom Penh Post", "phnom_penh_post"),
        ("Voice of America", "voice_of_america"),
        ("1Love Cambodia", "one_love_cambodia"),
        ("Kiripost – English", "kiripost_english"),
        ("Nhân Dân", "nhan_dan"),
    ],
)
def test_organisation_ids_follow_the_existing_convention(name, expected):
    assert organisation_id_for(name) == expected


@pytest.mark.parametrize(
    "change, message",
    [
        (["--id", "000_8ce18bf11eba94f7"], "--id 000_8ce18bf11eba94f7 is already taken"),
        (["--id", "bad-id"], "--id 'bad-id' must look like NNN_<16 hex digits>"),
        (
            ["--published-latest", "2020-03-01"],
            "--published-latest 2020-03-01 is before --published-earliest 2020-03-03",
        ),
        (["--published-latest", "2020-03-09"], "give --published-best (no guess is made)"),
        (["--repost-url", "https://example.org/r"], "--repost-url is given without --reposted-by"),
        (["--url", "example.org"], "--url 'example.org' is not an http(s) URL"),
        (
            ["--outlet", "Cambodia-Daily!"],
            "the id derived from it, cambodia_daily, is already taken by 'The Cambodia Daily'",
        ),
        (["--basis", "guessed"], "invalid choice: 'guessed'"),
        (  # Python's date.fromisoformat accepts the compact form; the cells' rule does not
            ["--published-earliest", "20200303"],
            "--published-earliest: '20200303' is not a date in the form YYYY-MM-DD",
        ),
    ],
)
def test_bad_options_change_nothing(project_copy, article, change, message):
    options = list(OPTIONS)
    for flag, value in zip(change[::2], change[1::2], strict=True):
        if flag in options:
            options[options.index(flag) + 1] = value
        else:
            options += [flag, value]
    before = tree_digest(project_copy, RAW_AND_DRAFTS)
    result = cli("--root", str(project_copy), "add-article", str(article), *options)
    assert result.returncode != 0 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project_copy, RAW_AND_DRAFTS) == before


def test_the_same_text_twice_is_refused(project_copy):
    existing = project_copy / "data/raw/articles/003_6371826106886463.txt"
    copy = project_copy.parent / "again.txt"
    shutil.copy(existing, copy)
    result = _add(project_copy, copy)
    assert result.returncode == 1
    assert "the same text is already in the corpus as 003_6371826106886463" in result.stderr


def test_unrecorded_raw_changes_stop_add_article(project_copy, article):
    claims = project_copy / "data/raw/claims.csv"
    claims.write_bytes(claims.read_bytes() + b"\n")
    result = _add(project_copy, article)
    assert result.returncode == 1 and "data/raw/claims.csv has changed" in result.stderr
    assert not (project_copy / "data/raw/articles" / f"{NEW_ID}.txt").exists()


def test_non_utf8_file_is_refused(project_copy, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 14 people\n")
    texts = sorted(p.name for p in (project_copy / "data/raw/articles").iterdir())
    result = _add(project_copy, bad)
    assert result.returncode == 1 and "not valid UTF-8" in result.stderr
    assert sorted(p.name for p in (project_copy / "data/raw/articles").iterdir()) == texts
    assert not list((project_copy / "data/raw/articles").glob(f"{NUMBER:03d}_*"))


# ---------------------------------------------------------------- accept


def _next_ids(path: Path, prefix: str, count: int) -> list[str]:
    """The ids accept should give: after the highest in use, in draft order."""
    last = max(int(next(iter(r.values()))[1:]) for r in _rows(path))
    return [f"{prefix}{last + i:03d}" for i in range(1, count + 1)]


def test_accept_moves_the_rows_with_fresh_ids_and_marks_them(added):
    raw = added / "data/raw"
    expected = {
        name: _next_ids(raw / f"{name}.csv", prefix, 2)
        for name, prefix in (("claims", "C"), ("events", "E"), ("mentions_ignored", "M"))
    }
    before = {name: _rows(raw / f"{name}.csv") for name in ("claims", "events", "actors")}
    result = cli("--root", str(added), "accept", NEW_ID)
    assert result.returncode == 0, result.stderr
    claims = [r for r in _rows(raw / "claims.csv") if r["article_id"] == NEW_ID]
    assert [c["claim_id"] for c in claims] == expected["claims"]
    assert {c["coded_by"] for c in claims} == {"drafted_reviewed"}
    assert claims[0]["reporter"] == "general_commissariat_of_national_police"
    events = [r for r in _rows(raw / "events.csv") if r["article_id"] == NEW_ID]
    assert [e["event_id"] for e in events] == expected["events"]
    assert events[0]["organisation_ids"] == "general_commissariat_of_national_police"
    assert events[1]["actor_ids"] == "chhay_kim"
    ignored = [r for r in _rows(raw / "mentions_ignored.csv") if r["article_id"] == NEW_ID]
    assert [m["mention_id"] for m in ignored] == expected["mentions_ignored"]
    actors = [r for r in _rows(raw / "actors.csv") if r["article_id"] == NEW_ID]
    assert [(a["actor_id"], a["coded_by"]) for a in actors] == [("chhay_kim", "drafted_reviewed")]
    aliases = {r["alias"]: r for r in _rows(raw / "organisation_aliases.csv")}
    assert aliases["General Commissariat of National Police"]["organisation_id"] == (
        "general_commissariat_of_national_police"
    )
    # the rows already in the corpus are kept exactly as they were (coded_by included: the
    # five articles' rows stay hand, an earlier accepted article's drafted_reviewed)
    for name, rows in before.items():
        assert [r for r in _rows(raw / f"{name}.csv") if r["article_id"] != NEW_ID] == rows, name
    assert "draft_reason" not in (raw / "claims.csv").read_text(encoding="utf-8")
    assert manifest.verify(Project(added)) == []
    assert not draft_folder(Project(added), NEW_ID).exists()
    first, last = expected["claims"]
    assert f"data/raw/claims.csv: 2 row(s), {first} to {last}" in result.stdout
    cleaned = cli("--root", str(added), "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    # every mention of the corpus (data/clean/mentions.csv: 43 for the five articles) and
    # the four of the new article, each coded or ignored
    total = len(_rows(REPO / "data/clean/mentions.csv")) + len(MENTIONS)
    assert f"numeric mentions accounted for: {total} of {total}" in cleaned.stdout
    # the lessons are about the five articles: with a sixth in the corpus, their answer keys
    # still hold (the build writes these instructor copies; tests/test_lessons.py runs one)
    from deportdata.teaching import lessons, notebooks

    written = notebooks.write_instructor_copies(Project(added))
    assert len(written) == len(lessons.lessons(Project(added))) == 4


def test_a_row_added_to_the_draft_by_hand_is_marked_hand(article_added):

    def by_hand(rows):
        rows["mentions_ignored"][1]["draft_reason"] = ""

    write_draft(article_added, NEW_ID, by_hand)
    assert cli("--root", str(article_added), "accept", NEW_ID).returncode == 0
    marks = {
        r["mention_id"]: r["coded_by"]
        for r in _rows(article_added / "data/raw/mentions_ignored.csv")
        if r["article_id"] == NEW_ID
    }
    assert sorted(marks.values()) == ["drafted_reviewed", "hand"]
    assert marks[max(marks)] == "hand"  # the second row, numbered after the first


def _edit(table, row, **cells):
    def edit(rows):
        rows[table][row].update(cells)

    return edit


def _drop(table, row):
    def edit(rows):
        del rows[table][row]

    return edit


DRAFT = f"data/drafts/{NEW_ID}"


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            _edit("claims", 0, kind="rumour"),
            f"{DRAFT}/claims.csv:2: column kind: 'rumour' is not in the vocabulary",
        ),
        (
            _edit("claims", 1, value_text="more than 900"),
            f"{DRAFT}/claims.csv:3: column value_text: ",
        ),
        (
            _edit("claims", 1, quote="Since 2002, more than 800 people were deported."),
            f"{DRAFT}/claims.csv:3: column quote: quote not found verbatim in the article",
        ),
        (
            _edit("events", 1, actor_ids="D-A009"),
            f"{DRAFT}/events.csv:3: column article_id,actor_ids: '{NEW_ID}/D-A009' is not a known actors id",
        ),
        (
            _edit("events", 0, date_expression="on Thursday"),
            f"{DRAFT}/events.csv:2: column date_expression: ",
        ),
        (
            _edit("mentions_ignored", 0, article_id="000_8ce18bf11eba94f7"),
            f"{DRAFT}/mentions_ignored.csv:2: column article_id: the row belongs to",
        ),
        (
            _drop("mentions_ignored", 1),
            f"data/raw/articles/{NEW_ID}.txt: column characters ",
        ),
        (
            _edit("claims", 1, claim_id="D-C001"),
            f"{DRAFT}/claims.csv:3: column claim_id: duplicate id 'D-C001'",
        ),
    ],
    ids=[
        "vocabulary",
        "value_not_in_quote",
        "quote_not_verbatim",
        "unknown_reference",
        "date_not_in_quote",
        "other_article",
        "uncoded_mention",
        "duplicate_placeholder",
    ],
)
def test_a_bad_draft_row_is_named_and_nothing_changes(article_added, edit, message):
    write_draft(article_added, NEW_ID, edit)
    before = tree_digest(article_added, RAW_AND_DRAFTS)
    result = cli("--root", str(article_added), "accept", NEW_ID)
    assert result.returncode == 1, result.stdout
    assert any(line.startswith(message) for line in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(article_added, RAW_AND_DRAFTS) == before
    assert not [p for p in (article_added / "data").iterdir() if p.name.startswith(".raw")]


def test_accept_without_a_draft(project_copy):
    result = cli("--root", str(project_copy), "accept", "003_6371826106886463")
    assert result.returncode == 1
    assert "data/drafts/003_6371826106886463: there is no draft for" in result.stderr


def test_accept_needs_an_article_id(project_copy):
    result = cli("--root", str(project_copy), "accept", "../../etc")
    assert result.returncode == 1 and "'../../etc' is not an article id" in result.stderr


def test_accepting_twice_is_refused(added):
    assert cli("--root", str(added), "accept", NEW_ID).returncode == 0
    write_draft(added, NEW_ID)  # e.g. the draft was restored from a backup
    before = tree_digest(added, RAW_AND_DRAFTS)
    again = cli("--root", str(added), "accept", NEW_ID)
    assert again.returncode == 1 and "its draft was accepted already" in again.stderr
    assert tree_digest(added, RAW_AND_DRAFTS) == before


def test_a_file_that_is_no_draft_table_is_refused(added):
    (draft_folder(Project(added), NEW_ID) / "notes.csv").write_text("a\n1\n")
    result = cli("--root", str(added), "accept", NEW_ID)
    assert result.returncode == 1 and "notes.csv: is not a draft table" in result.stderr


# ---------------------------------------------------------------- interrupted accept


class Killed(BaseException):
    """Stands for the process being killed at that point."""


def _kill_at_rename(monkeypatch, project: Project, moment: str) -> None:
    """Make the run 'die' at one os.replace of files.py: the first one while staging
    (a staged file), the move of the old raw layer aside, or the move of the new one in."""
    real = os.replace

    def replace(src, dst):
        target = Path(dst)
        if (
            (moment == "staging" and target.parent.name.startswith(".raw.stage-"))
            or (moment == "aside" and target.name == ".raw.old")
            or (moment == "swap" and target == project.raw)
        ):
            raise Killed
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)


@pytest.mark.parametrize("moment", ["staging", "aside", "swap"])
def test_a_killed_accept_leaves_the_old_or_the_new_raw_layer(added, monkeypatch, moment):
    """Killed while staging, before the old raw layer is moved aside, or between the two
    renames of the swap: afterwards the raw layer is whole, old or new, never a mix."""
    project = Project(added)
    old = tree_digest(added, ("data/raw",))
    _kill_at_rename(monkeypatch, project, moment)
    with pytest.raises(Killed):
        accepting.accept(project, NEW_ID)
    monkeypatch.undo()
    files.recover_directory(project.raw)  # what the next add-article or accept does first
    assert tree_digest(added, ("data/raw",)) == old
    assert manifest.verify(project) == []
    assert draft_folder(project, NEW_ID).exists()
    assert len(accepting.accept(project, NEW_ID).rows["claims"]) == 2


# ---------------------------------------------------------------- the lesson's practice copy


def test_practice_draft_accepted_gives_back_the_hand_coded_figures(tmp_path):
    """Lesson 4's copy: the article, drafted by the engine from scratch and accepted, gives
    back every hand-coded figure as printed, with fresh ids and coded_by=drafted_reviewed."""
    from conftest import REPO

    from deportdata.coding import rawfiles
    from deportdata.teaching import review_a_draft as lesson

    real = Project(REPO)
    copy = lesson.practice_copy(real, tmp_path / "copy")
    assert not [r for r in rawfiles.table_rows(copy, "claims") if r["article_id"] == lesson.ARTICLE]
    lesson.draft(real, copy)
    assert not lesson.try_accept(copy)  # as drafted, every row is todo: accept refuses
    assert lesson.finish_review(copy, real) > 0
    assert lesson.try_accept(copy)

    def rows(project, name):
        return [r for r in rawfiles.table_rows(project, name) if r["article_id"] == lesson.ARTICLE]

    assert sorted(r["value_text"] for r in rows(copy, "claims")) == sorted(
        r["value_text"] for r in rows(real, "claims")
    )
    for name in ("claims", "events", "mentions_ignored"):
        assert rows(copy, name), name
        assert {r["coded_by"] for r in rows(copy, name)} == {"drafted_reviewed"}, name


def test_commands_after_an_accept_killed_mid_swap_find_the_old_raw_layer(added, monkeypatch):
    """Killed after the old raw layer was moved aside and before the new one moved in:
    the next command of any kind puts the old one back."""
    project = Project(added)
    old = tree_digest(added, ("data/raw",))
    _kill_at_rename(monkeypatch, project, "swap")
    with pytest.raises(Killed):
        accepting.accept(project, NEW_ID)
    monkeypatch.undo()
    assert not project.raw.exists()
    cleaned = cli("--root", str(added), "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert tree_digest(added, ("data/raw",)) == old


def test_add_article_writes_the_draft_with_the_drafting_engine(
    project_copy, article, monkeypatch, capsys
):
    """add-article hands the new article to deportdata.coding.draft (here a stand-in with
    its interface: draft_text and registry_of), prints its summary and where the draft is;
    accept then takes it."""
    import sys
    import types
    from dataclasses import dataclass, field

    import pandas as pd

    from deportdata import cli as command

    @dataclass
    class Draft:
        article_id: str
        tables: dict = field(default_factory=dict)
        needs_person: list = field(default_factory=list)

        def summary(self) -> str:
            return f"drafted the coding of {self.article_id}"

    def draft_text(article_id, text, article, registry, rules, mention_rules):
        assert text == TEXT and article["article_id"] == article_id
        # the reviewed draft of tests/drafting.py, as the frames the engine returns
        folder = write_draft(project_copy.parent / "stand-in", article_id)
        tables = {
            path.stem: pd.read_csv(path, dtype=str, keep_default_na=False)
            for path in sorted(folder.glob("*.csv"))
        }
        return Draft(article_id, tables)

    engine = types.ModuleType("deportdata.coding.draft")
    engine.Draft = Draft
    engine.draft_text = draft_text
    engine.registry_of = lambda project: object()
    monkeypatch.setitem(sys.modules, "deportdata.coding.draft", engine)
    status = command.main(["--root", str(project_copy), "add-article", str(article), *OPTIONS])
    out = capsys.readouterr().out
    assert status == 0
    assert f"drafted the coding of {NEW_ID}" in out
    assert f"Draft written to data/drafts/{NEW_ID}/" in out and f"deportdata accept {NEW_ID}" in out
    assert command.main(["--root", str(project_copy), "accept", NEW_ID]) == 0
