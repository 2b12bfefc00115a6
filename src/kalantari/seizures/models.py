"""Seizures: models (filled in by issue 9)."""
