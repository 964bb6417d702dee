"""Assisted coding: draft the claims, events, actors and ignored mentions of a new article.

`draft.draft_article` reads one article and the raw registry (actors, organisations,
aliases) and returns a `Draft`; `draft.write_draft` writes it to `data/drafts/<id>/`.
The rules are data (`data/raw/rules/drafting.yaml`); `evaluate` measures the drafts
against the hand coding.
"""
