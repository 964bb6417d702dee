"""Coding new articles: add the text, draft its coding, accept a reviewed draft.

`draft.draft_article` reads one article and the raw registry (actors, organisations,
aliases) and returns a `Draft`; `draft.write_draft` writes it to `data/drafts/<id>/`.
The rules are data (`data/raw/rules/drafting.yaml`); `evaluate` measures the drafts
against the hand coding; `add` and `accept` are the commands around them.
"""
