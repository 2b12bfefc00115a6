"""Figures of the dashboards in the page's language: shares as percentages, times with one
decimal, Persian digits (and the Persian decimal and percent signs) in Persian."""

from __future__ import annotations

from django import template
from django.utils import translation

from kalantari.core.text import to_persian_digits

register = template.Library()


def figure_text(value: float | int | None, kind: str, lang: str) -> str:
    """One figure as text; "–" when there is nothing to measure (no reports, no ratings)."""
    if value is None:
        return "–"
    if kind == "rate":
        text = f"{value * 100:.1f}%"
    elif kind == "normalised":
        text = f"{value:,.1f}"
    elif kind in ("minutes", "hours"):
        # Times are read from fixed buckets (whole minutes or hours): no false decimals.
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    elif kind == "score":
        text = f"{value:.2f}"
    else:
        text = f"{int(value):,}"
    if lang == "fa":
        text = text.replace(",", "٬").replace(".", "٫").replace("%", "٪")
        return to_persian_digits(text)
    return text


@register.filter
def figure(value: float | int | None, kind: str) -> str:
    lang = "en" if translation.get_language() == "en" else "fa"
    return figure_text(value, kind, lang)
