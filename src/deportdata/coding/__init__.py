"""Coding new articles: add the text, draft its coding, accept a reviewed draft."""
