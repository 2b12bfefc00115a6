"""Template filters: Jalali dates and Persian digits in Persian, Gregorian in English."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django import template
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

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


_PLATE = re.compile(r"^(\d{2})(\D+?)(\d{3})-(\d{2})$")
LRM = "\u200e"


@register.filter
def plate(value: Any) -> str:
    """A stored plate (12ب345-67) as on the car, read from the left: 12 ب 345 - 67.

    Left-to-right marks around the letter keep the numbers after it in order; without them a
    right-to-left letter pulls "345 - 67" into its own run and the plate reads backwards.
    Show it inside an element with dir="ltr".
    """
    text = "" if value is None else str(value)
    match = _PLATE.match(text)
    if match is None:
        return digits(text)
    return digits(f"{match[1]} {LRM}{match[2]}{LRM} {match[3]} - {match[4]}")


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


def _error_id(name: str) -> str:
    return "err-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


@register.simple_tag
def invalid(errors: Any, name: str, describedby: str = "") -> SafeString:
    """A field's attributes: aria-invalid, its message as description and a class when wrong.

    Screen readers then say the message with the field, and the page's script focuses the
    first field so marked; the CSS class shows it without scripts.
    """
    if not get(errors, name):
        return format_html(' aria-describedby="{}"', describedby) if describedby else SafeString("")
    ids = " ".join(i for i in (describedby, _error_id(name)) if i)
    return format_html(' aria-invalid="true" aria-describedby="{}" class="invalid"', ids)


@register.simple_tag
def field_error(errors: Any, name: str) -> SafeString:
    """The message beside a field, with the id its `invalid` attributes point at.

    In the page's digits: services format their numbers ("at most 5 files") in ASCII.
    """
    message = get(errors, name)
    if not message:
        return SafeString("")
    return format_html('<p class="field-error" id="{}">{}</p>', _error_id(name), digits(message))
