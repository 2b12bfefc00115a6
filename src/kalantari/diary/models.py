"""Station diary: models (filled in by issue 9)."""
