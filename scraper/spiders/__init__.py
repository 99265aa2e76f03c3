"""One small spider per source kind; shared parsing lives in base.py and jsonld helpers."""
