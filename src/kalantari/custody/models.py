"""Custody: models (filled in by issue 9)."""
