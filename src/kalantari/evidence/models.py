"""Evidence and property: models (filled in by issue 9)."""
