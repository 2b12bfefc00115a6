"""Custody: people held at a station, their legal clock, property, and release."""
