"""The drafting rules, one function at a time, on short inline texts; and the draft files."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import REPO, copy_project

from deportdata.coding.draft import (
    REASON,
    columns,
    draft_article,
    draft_text,
    registry_of,
    write_draft,
)
from deportdata.coding.drafting import attribution as attr
from deportdata.coding.drafting import figures, timex
from deportdata.coding.drafting.names import remember_names
from deportdata.coding.drafting.registry import Registry, guess_kind, snake_id
from deportdata.coding.drafting.rules import compile_rules, drafting_rules
from deportdata.coding.drafting.sentences import Span, sentences
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.tables import read_rows
from deportdata.schema import load_schema
from deportdata.text.mentions import Mention
from deportdata.text.mentions import load_rules as load_mention_rules
from deportdata.text.numbers import default_conventions

RULES = drafting_rules(Project(REPO))
MENTION_RULES = load_mention_rules(REPO / "data/raw/rules/mentions.yaml")
REGISTRY = registry_of(Project(REPO))
PUBLISHED = ("2017-02-08", "2017-02-08")
ARTICLE = {"outlet": "cambodia_daily", "published_best": "2017-02-08",
           "published_earliest": "2017-02-08", "published_latest": "2017-02-08"}  # fmt: skip


def one_sentence(text: str) -> Span:
    return Span(0, len(text), text)


def figure_at(text: str, token: str) -> figures.Figure:
    start = text.index(token)
    return figures.Figure(
        start, start + len(token), (Mention(start, start + len(token), token, "digits"),)
    )


def draft(text: str, article=ARTICLE):
    return draft_text(
        "999_0000000000000000", text, article, registry_of(Project(REPO)), RULES, MENTION_RULES
    )


# --- sentences -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was deported from the U.S. But later he came back.", 2),
        ("The U.S. Embassy said so. It did.", 2),
        ("“Go,” Mr. Herod said. Then he left.", 2),
        ("Carl C. Risch met Gen. Sopheak on Jan. 5 in Phnom Penh.", 1),
        ("Headline Over 30\n\nFirst line. Second line?", 3),
    ],
)
def test_sentences_split_at_ends_but_not_at_titles_or_initials(text, expected):
    assert len(sentences(text, RULES)) == expected


# --- time expressions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Since 2002, more than 560", ["Since 2002"]),
        ("in place since October, when", ["since October"]),
        ("Only last month, the government", ["last month"]),
        ("When asked Friday whether", ["Friday"]),
        ("Last October, the minister", ["Last October"]),
        ("over the last year", ["over the last year"]),
        ("until February 5 to file", ["until February 5"]),
        ("so far this month", ["so far this month"]),
        ("In fiscal year 2018", ["In fiscal year 2018"]),
        ("this policy may change", []),
        ("the first deportations of the year", []),
    ],
)
def test_time_expressions_are_found_with_their_preposition(text, expected):
    found = timex.find(text, RULES, (__import__("datetime").date(2018, 2, 1),) * 2)
    assert [e.text for e in found] == expected


def test_a_qualified_four_digit_count_and_a_month_in_a_name_are_not_dates():
    from datetime import date

    found = timex.find("some 1900 refugees met Prok May Oudom", RULES, (date(2018, 2, 1),) * 2)
    assert found == []


def test_unknown_time_expression_keeps_the_resolvers_message():
    found = timex.find("so far this month", RULES, (__import__("datetime").date(2018, 2, 1),) * 2)
    assert found[0].resolved is None and "cannot resolve" in found[0].problem


@pytest.mark.parametrize(
    ("text", "expr", "is_statement"),
    [
        ("an official said on Thursday.", "on Thursday", True),
        ("Bill Herod told The Post on Thursday that", "on Thursday", True),
        ("Jay Raman said in an email on Tuesday that", "on Tuesday", True),
        ("the 25 men arrived in Phnom Penh on Wednesday.", "on Wednesday", False),
        ("The group has asked officials to amend the 2002 agreement", "2002", False),
    ],
)
def test_a_speech_verb_just_before_dates_the_statement(text, expr, is_statement):
    start = text.index(expr)
    e = timex.TimeExpression(start, start + len(expr), expr, None, "")
    assert timex.dates_statement(one_sentence(text), e, RULES) is is_statement


# --- non-claims ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token", "reason"),
    [
        ("31532803234 f531f6b8a8 o", "f531f6b8a8", "residue"),
        ("advocacy group 1Love Cambodia", "1Love", "organisation_name"),
        ("the 25 men – aged between 33 and 60 – arrived", "60", "age"),
        ("We received 18 and 19 year olds", "18", "age"),
        ("a 45-year-old father", "45", "age"),
        ("But several hours later, he retracted", "several", "duration"),
        ("Deportations take place every four months.", "four", "duration"),
        ("the two countries’ repatriation agreement", "two", "not_a_count"),
        ("between the two governments", "two", "not_a_count"),
        ("they were sent back one by one.", "one", "not_a_count"),
        ("leaving a handful of NGOs to scramble", "handful", "other_quantity"),
        ("Two officials from the ministry met them", "Two", "other_quantity"),
        ("The group spent $12,000 on housing", "12,000", "other_quantity"),
        ("a rise of 15 percent", "15", "other_quantity"),
        ("a father of three said", "three", "not_a_count"),
        ("the 21st deportee", "21st", "ordinal"),
        ("during the COVID-19 pandemic", "19", "not_a_count"),
        ("deported between 2019-2020, the ministry said", "2019", "year"),
        ("most of them in their 40s, arrived", "40s", "age"),
        ("Since the 1980s, many left", "1980s", "year"),
        ("at 10 a.m. on Monday", "10", "date"),
    ],
)
def test_non_claim_rules(text, token, reason):
    rule = figures.non_claim(text, figure_at(text, token), one_sentence(text), RULES)
    assert rule is not None and rule.reason_code == reason


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Since 2002, 538 Cambodians have been deported", "538"),
        ("the 25 men arrived", "25"),
        ("only two deportees had returned", "two"),
        ("they wouldn’t send more than 10 a month", "10"),
        ("put the number at only 34.", "34"),
        ("some 1900 Cambodian refugees resettled", "1900"),
    ],
)
def test_counts_of_people_are_not_kept_out(text, token):
    assert figures.non_claim(text, figure_at(text, token), one_sentence(text), RULES) is None


# --- values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token", "value_text"),
    [
        ("Since 2002, more than 550 Cambodians", "550", "more than 550"),
        ("Approximately 40 more are expected", "40", "Approximately 40"),
        ("deported almost 700 Cambodians", "700", "almost 700"),
        ("U.S. Deporting Over 30 Cambodians", "30", "Over 30"),
        ("they wouldn’t send more than 10 a month", "10", "wouldn’t send more than 10"),
        ("the government only accepted 36 because", "36", "36"),
        ("put the number at only 34.", "34", "only 34"),
        ("that dozens more Cambodians", "dozens", "dozens"),
        ("leaving a handful of NGOs", "handful", "a handful"),
        ("Roughly 100 Cambodian citizens", "100", "Roughly 100"),
        ("About two dozen deportees arrived", "two", "About two dozen"),
    ],
)
def test_value_text_keeps_its_qualifier(text, token, value_text):
    start, end, _ = figures.value_span(text, figure_at(text, token), RULES)
    assert text[start:end] == value_text


def test_decimals_and_scale_words_make_one_figure():
    text = "some 1.5 million people"
    mentions = [
        Mention(5, 6, "1", "digits"),
        Mention(7, 8, "5", "digits"),
        Mention(9, 16, "million", "number_word"),
    ]
    (group,) = figures.group_mentions(text, mentions, RULES)
    assert text[group.start : group.end] == "1.5 million"


# --- kinds and units ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token", "kind"),
    [
        (
            "Since 2002, more than 560 Cambodians have been deported from the U.S.",
            "560",
            "cumulative_since_2002",
        ),
        (
            "Twenty-eight Cambodians, whom he said had papers, have been repatriated since October.",
            "Twenty-eight",
            "removals_in_period",
        ),
        (
            "it emerged that dozens more Cambodians were being sent to the country.",
            "dozens",
            "pending_deportation",
        ),
        (
            "The U.S. had requested that 47 people be deported, but the government only accepted 36 because",
            "47",
            "requested",
        ),
        (
            "The U.S. had requested that 47 people be deported, but the government only accepted 36 because",
            "36",
            "accepted",
        ),
        (
            "a court ruling barred the administration from repatriating 92 Cambodians",
            "92",
            "protected_by_court_order",
        ),
        ("the 25 men arrived in Phnom Penh", "25", "arrivals_on_flight"),
        (
            "1,900 had been served deportation warrants, 1,400 of whom had been convicted of crimes.",
            "1,900",
            "deportation_orders",
        ),
        (
            "1,900 had been served deportation warrants, 1,400 of whom had been convicted of crimes.",
            "1,400",
            "convictions",
        ),
        (
            "Roughly 100 Cambodians were fighting their deportation orders after being rounded up",
            "100",
            "detained",
        ),
        ("He said only two deportees had returned to the US.", "two", "returned_to_us"),
        ("they wouldn’t send more than 10 a month", "10", "rate_limit"),
        ("Approximately 40 more are expected to arrive", "40", "pending_deportation"),
    ],
)
def test_kind_hints(text, token, kind):
    from datetime import date

    from deportdata.coding.drafting.sentences import scopes

    sentence = one_sentence(text)
    start = text.index(token)
    end = start + len(token)
    spans = [(e.start, e.end) for e in timex.find(text, RULES, (date(2018, 2, 9),) * 2)]
    found, _ = figures.kind_of(
        scopes(sentence, start, end, RULES, spans), text[end:], text[:start], "", RULES
    )
    assert found == kind


def test_a_restated_figure_takes_the_previous_kind():
    text = "though a spokesman put the number at only 34."
    start = text.index("only 34")
    kind, rule = figures.kind_of([("sentence", text)], "", text[:start], "accepted", RULES)
    assert kind == "accepted" and "previous" in rule


def test_unit_per_month():
    assert figures.unit_of(" a month,” Mr. Herod said.", RULES) == "persons_per_month"
    assert figures.unit_of(" Cambodians", RULES) == "persons"


# --- attribution ---------------------------------------------------------------------------------


def attribute(*texts: str) -> list[list[attr.Attribution]]:
    state = attr.ArticleState()
    out, offset = [], 0
    registry = registry_of(Project(REPO))
    for text in texts:
        sentence = Span(offset, offset + len(text), text)
        state.org_mentions = attr.org_mentions(" " * offset + text, registry)
        out.append(attr.attributions(sentence, registry, state, RULES))
        remember_names(sentence, state, RULES)
        offset += len(text) + 1
    return out


@pytest.mark.parametrize(
    ("text", "org", "actor"),
    [
        (
            "Forty were deported, according to the Returnee Integration Support Center (RISC).",
            "risc_kvao",
            "",
        ),
        (
            "“Ten left,” said Dara Vong, spokesperson for the US embassy in Phnom Penh.",
            "us_embassy_phnom_penh",
            "dara_vong",
        ),
        (
            "U.S. Embassy spokesman Dara Vong said in an email that ten had left.",
            "us_embassy_phnom_penh",
            "dara_vong",
        ),
        (
            "Dara Vong, an adviser to RISC, told The Post that ten had left.",
            "risc_kvao",
            "dara_vong",
        ),
        (
            "Khmer Vulnerability Aid Organisation (KVAO) spokesman Dara Vong confirmed the figure.",
            "risc_kvao",
            "dara_vong",
        ),
        ("The US Department of Homeland Security said 30 were deported.", "dhs", ""),
    ],
)
def test_attribution_forms(text, org, actor):
    (found,) = attribute(text)
    assert (found[0].org_id, found[0].actor_id) == (org, actor)


def test_surnames_and_pronouns_resolve_to_the_person_named_before():
    found = attribute(
        "Keo Vannthan, a spokesman for the Interior Ministry’s immigration department, said so.",
        "“Ten,” Mr. Vannthan said.",
        "He said two had returned.",
    )
    assert [f[0].actor_id for f in found] == ["keo_vannthan"] * 3
    assert found[2][0].org_id == "interior_ministry_immigration"


def test_the_statement_said_goes_to_the_source_named_before():
    found = attribute(
        "U.S. Immigration and Customs Enforcement said in a statement that 70 were removed.",
        "Thirty of them left this month, the statement said.",
    )
    assert found[1][0].org_id == "ice"


def test_an_unknown_organisation_is_drafted_new_or_matched_by_a_similar_name():
    registry = registry_of(Project(REPO))
    state = attr.ArticleState()
    org, _, needs = attr.resolve_org("the Cambodian Returnee Network", registry, state, RULES)
    assert org == "cambodian_returnee_network" and "new organisation" in needs
    assert registry.new_organisations[org]["kind"] == "advocacy_group"
    org, _, needs = attr.resolve_org(
        "The US Department of Immigration and Customs",
        Registry.from_rows(
            [
                {
                    "organisation_id": "ice",
                    "name": "U.S. Immigration and Customs Enforcement",
                    "kind": "government_agency",
                }
            ],
            [],
            [],
        ),
        state,
        RULES,
    )
    assert org == "ice" and "check" in needs


def test_snake_ids_and_kinds():
    assert snake_id("Carl C. Risch") == "carl_c_risch"
    assert snake_id("U.S. Embassy") == "us_embassy"
    assert guess_kind("Cambodian Centre for Human Rights", RULES) == "ngo"
    assert guess_kind("Ministry of Interior", RULES) == "government_ministry"
    assert guess_kind("Returnee Assistance Project", RULES) == "advocacy_group"
    assert guess_kind("Fresh Start", RULES) == "other"


# --- time roles of a claim -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token", "kind", "period", "as_of"),
    [
        (
            "Since 2002, more than 560 Cambodians have been deported.",
            "560",
            "cumulative_since_2002",
            "Since 2002",
            "",
        ),
        (
            "Last year, the U.S. deported 41 Cambodians, with the last group arriving in September.",
            "41",
            "removals_in_period",
            "Last year",
            "",
        ),
        (
            "Cambodia said so on Tuesday as it emerged that dozens more were being sent.",
            "dozens",
            "pending_deportation",
            "",
            "",
        ),
        (
            "Bill Herod told The Post on Thursday that the 25 men arrived in Phnom Penh on Wednesday.",
            "25",
            "arrivals_on_flight",
            "on Wednesday",
            "",
        ),
        (
            "a court ruling late last month that barred the deportation of 92 Cambodians",
            "92",
            "protected_by_court_order",
            "",
            "late last month",
        ),
        (
            "under which hundreds had been sent back since 2002 fell apart last year when",
            "hundreds",
            "cumulative_since_2002",
            "since 2002",
            "last year",
        ),
    ],
)
def test_time_expressions_of_a_claim(text, token, kind, period, as_of):
    from datetime import date

    expressions = timex.find(text, RULES, (date(2018, 2, 9), date(2018, 2, 9)))
    start = text.index(token)
    lead = re.search(r",\s", text)
    p, a = figures.times_for(
        one_sentence(text),
        start,
        start + len(token),
        kind,
        expressions,
        RULES,
        lead.start() if lead else 0,
    )
    assert (p.text if p else "", a.text if a else "") == (period, as_of)


# --- the draft ------------------------------------------------------------------------------------


def test_draft_tables_have_the_raw_columns_then_the_review_columns():
    d = draft_article(REPO, "001_80a94187c44a9298")
    for name, frame in d.tables.items():
        raw = [c for c in load_schema().table("raw", name).columns if c != "coded_by"]
        assert (
            list(frame.columns)
            == [*raw, "review", "confidence", "needs_person", REASON]
            == columns(name)
        )
        assert frame["confidence"].isin(["high", "low"]).all()
        assert frame[REASON].str.contains("confidence: (?:high|low) ").all()
        assert (frame[REASON] != "").all() and (frame["review"] == "todo").all()
    events = d.tables["events"]
    assert events["description"].str.startswith("TODO").all()
    assert events["needs_person"].str.contains("write the description").all()


def test_drafted_rows_are_valid_raw_rows_once_given_ids(tmp_path):
    """Given ids and coded_by, as `accept` gives them, every drafted row is a valid raw row."""
    d = draft_article(REPO, "003_6371826106886463")
    prefix = {"claims": "C", "events": "E", "mentions_ignored": "M"}
    for name, frame in d.tables.items():
        table = load_schema().table("raw", name)
        rows = frame.drop(columns=[REASON, "review", "confidence", "needs_person"]).copy()
        id_col = table.primary_key[0]
        if name in prefix:
            rows[id_col] = [f"{prefix[name]}{900 + i}" for i in range(len(rows))]
        if "coded_by" in table.columns:
            assert "coded_by" not in rows, "a draft is not yet reviewed"
            rows["coded_by"] = "drafted_reviewed"
        path = tmp_path / f"{name}.csv"
        rows.to_csv(path, index=False, lineterminator="\n")
        _, errors = read_rows(path, table, name)
        assert not errors, [str(e) for e in errors]


def test_drafted_quotes_and_values_are_verbatim():
    text = (REPO / "data/raw/articles/000_8ce18bf11eba94f7.txt").read_text(encoding="utf-8")
    d = draft_article(REPO, "000_8ce18bf11eba94f7")
    for row in d.tables["claims"].to_dict("records"):
        assert row["quote"] in text and row["quote"].count(row["value_text"]) == 1
        for col in ("period_expression", "as_of_expression"):
            assert row[col] == "" or row["quote"].count(row[col]) == 1
    for row in d.tables["mentions_ignored"].to_dict("records"):
        assert row["context"] in text and row["context"].count(row["mention_text"]) == 1
    for row in d.tables["events"].to_dict("records"):
        assert row["quote"].count(row["date_expression"]) == 1


def test_an_unresolvable_date_is_listed_for_a_person_not_guessed():
    d = draft("Thirty deportees arrived so far this month, the ministry said.")
    assert not (d.tables["events"]["date_expression"] == "so far this month").any()
    assert any("so far this month" in item and "resolver" in item for item in d.needs_person)


def test_write_draft_writes_every_table_and_replaces_a_previous_draft(tmp_path):
    root = copy_project(tmp_path / "p", ("data", "pyproject.toml"))
    d = draft_article(root, "002_0d742cd69c602630")
    assert not (root / "data/drafts").exists()  # drafting itself writes nothing
    folder = write_draft(root, d)
    assert folder == root / "data/drafts/002_0d742cd69c602630"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.csv" for n in d.tables)
    header = (folder / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",draft_reason")
    (folder / "stale.csv").write_text("x\n")
    write_draft(root, d)
    assert not (folder / "stale.csv").exists()
    assert not list((root / "data/drafts").glob(".*"))


def test_summary_says_what_was_drafted_and_what_needs_a_person():
    d = draft_article(REPO, "001_80a94187c44a9298")
    text = d.summary()
    assert "8 claim(s)" in text and "residue: 4" in text and "need a person" in text


def test_unknown_article_is_an_error():
    with pytest.raises(DeportdataError, match=r"not in data/raw/articles\.csv"):
        draft_article(REPO, "999_0000000000000000")


def test_broken_rules_name_the_file(tmp_path):
    rules = tmp_path / "data/raw/rules"
    shutil.copytree(REPO / "data/raw/rules", rules)
    (rules / "drafting.yaml").write_text("kind_hints: [\n", encoding="utf-8")
    with pytest.raises(DeportdataError) as exc:
        drafting_rules(Project(tmp_path))
    assert "drafting.yaml" in str(exc.value)
    doc = yaml.safe_load((REPO / "data/raw/rules/drafting.yaml").read_text(encoding="utf-8"))
    del doc["kind_hints"]
    with pytest.raises(DeportdataError, match="kind_hints"):
        compile_rules(doc, default_conventions())
    doc = yaml.safe_load((REPO / "data/raw/rules/drafting.yaml").read_text(encoding="utf-8"))
    doc["kind_hints"][0]["after"] = "(unclosed"
    with pytest.raises(DeportdataError, match="malformed"):
        compile_rules(doc, default_conventions())


def test_a_time_expression_printed_twice_in_a_quote_is_flagged():
    d = draft("Thirty deportees arrived on Tuesday, and on Tuesday the ministry said so.")
    assert any("more than once" in item for item in d.needs_person)


def test_a_number_glued_to_a_word_is_ignored_and_flagged_not_drafted_as_a_claim():
    d = draft("Some 74in the group were deported last year, the ministry said.")
    assert d.tables["claims"].empty
    (row,) = d.tables["mentions_ignored"].to_dict("records")
    assert (row["mention_text"], row["reason_code"]) == ("74in", "not_a_count")
    assert "parser cannot read" in row["needs_person"]
    assert any("parser cannot read" in item for item in d.needs_person)
