"""Normalisers shared by the crawler and the extractor (pay, HTML to text)."""
