"""Evidence and property: items of a case, their hash-chained chain of custody, storage rooms."""
