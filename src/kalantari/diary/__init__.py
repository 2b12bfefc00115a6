"""The station diary (occurrence book): an append-only, hash-chained daily log per station."""
