"""Normalisers: turn source-specific text, places, dates and pay into one shape."""
