"""Template filters: Jalali dates and Persian digits in Persian, Gregorian in English."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.urls import translate_url
from django.utils import translation

from kalantari.core import jalali
from kalantari.core.text import to_persian_digits

register = template.Library()


def _lang() -> str:
    return "en" if translation.get_language() == "en" else "fa"


@register.filter
def jdt(value: datetime | None) -> str:
    """A moment in Tehran time: Jalali with Persian digits in Persian."""
    return jalali.format_datetime(value, _lang()) if value else ""


@register.filter
def jd(value: date | datetime | None) -> str:
    return jalali.format_date(value, _lang()) if value else ""


@register.filter
def digits(value: Any) -> str:
    """Numbers in the page's digits (Persian digits in Persian)."""
    text = "" if value is None else str(value)
    return to_persian_digits(text) if _lang() == "fa" else text


@register.filter
def get(mapping: Any, key: str) -> Any:
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.simple_tag
def field_value(values: Any, name: str, default: str = "") -> Any:
    try:
        return values.get(name, default)
    except AttributeError:
        return default


@register.simple_tag(takes_context=True)
def language_url(context: Any, language: str) -> str:
    """This page's address in another language (its /fa/ or /en/ prefix swapped).

    Computed while the page's own language is active, where the path resolves; the language
    switch sends it as `next`, so Django's set_language redirects there whatever language the
    browser asks for (it cannot translate a /fa/ path while the browser's English is active).
    """
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    path = request.get_full_path()
    translated = translate_url(path, language)
    if translated == path:
        current = translation.get_language() or ""
        prefix = f"/{current}/"
        translated = f"/{language}/{path[len(prefix) :]}" if path.startswith(prefix) else path
    return translated
