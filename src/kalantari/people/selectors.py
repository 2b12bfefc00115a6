"""Every read of the person registry, already limited by the policy module."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.core import crypto, identifiers
from kalantari.core.errors import NotFound, ValidationFailed
from kalantari.core.text import MAX_QUERY_WORDS, name_query, normalise
from kalantari.org.models import User
from kalantari.people.models import Person, PersonLink


def _scope_q(scope: str) -> Q:
    """Persons made in the subtree, or linked (now, or before a merge) to a record in it."""
    linked = PersonLink.objects.filter(unit_path__startswith=scope)
    return (
        Q(unit_path__startswith=scope)
        | Q(Exists(linked.filter(person=OuterRef("pk"))))
        | Q(Exists(linked.filter(merged_from=OuterRef("pk"))))
    )


def persons_visible_to(*, user: User) -> QuerySet[Person]:
    """Every person (tombstones included) the user may see."""
    scope = policy.person_scope(user)
    if scope is None:
        return Person.objects.none()
    return Person.objects.filter(_scope_q(scope))


def person_unit_paths(person: Person) -> list[str]:
    """Where the person's record and its links (including those merged away) sit."""
    linked = PersonLink.objects.filter(Q(person=person) | Q(merged_from=person))
    return [person.unit_path, *linked.values_list("unit_path", flat=True).distinct()]


def person_get_visible(*, user: User, person_id: uuid.UUID | str) -> Person:
    """One person, or NotFound when there is none or the user may not see it."""
    try:
        return persons_visible_to(user=user).select_related("merged_into").get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError, DjangoValidationError) as exc:
        raise NotFound(_("No such person.")) from exc


def person_links(*, person: Person) -> QuerySet[PersonLink]:
    return person.links.select_related("merged_from").order_by("created_at")


def _identifier(kind: str, compact: str) -> str:
    if kind == "national_id":
        return identifiers.normalise_national_id(compact)
    return identifiers.normalise_mobile(compact)


def classify_query(query: str) -> tuple[str, str]:
    """What a query is taken as (national_id, mobile or name) and its normal form."""
    text = (query or "").strip()
    if not text:
        raise ValidationFailed(_("Type something to search for."), code="required", field="q")
    key = normalise(text)
    compact = key.replace(" ", "").replace("-", "")
    digits = compact.isascii() and compact.lstrip("+").isdigit()
    if digits:
        kinds = ["national_id", "mobile"] if len(compact) == 10 else ["mobile"]
        for kind in kinds:
            try:
                return kind, _identifier(kind, compact)
            except ValidationFailed:
                continue
        raise ValidationFailed(
            _("This is neither a valid national ID nor a mobile number."),
            code="identifier_invalid",
            field="q",
        )
    return "name", key


def name_matches(key: str) -> Q:
    """Persons whose folded name holds every word of `key` (as in the case search)."""
    if len(key) < 2:
        raise ValidationFailed(
            _("Type at least two letters of the name."), code="too_short", field="q"
        )
    groups = name_query(key)
    if len(groups) > MAX_QUERY_WORDS:
        raise ValidationFailed(
            _("A name search takes at most %(n)d words.") % {"n": MAX_QUERY_WORDS},
            code="too_many_words",
            field="q",
        )
    match = Q()
    for alternatives in groups:
        either = Q()
        for token in sorted(alternatives):
            for digest in crypto.token_digest_candidates("name", token):
                either |= Q(name_index__contains=f" {digest} ")
        match &= either
    return match


def person_search(*, user: User, query: str) -> tuple[str, QuerySet[Person]]:
    """Live persons the user may see matching a national ID, mobile (any digits) or name."""
    kind, value = classify_query(query)
    base = persons_visible_to(user=user).filter(merged_into__isnull=True)
    if kind == "national_id":
        found = base.filter(national_id_index__in=crypto.blind_index_candidates(kind, value))
    elif kind == "mobile":
        found = base.filter(mobile_index__in=crypto.blind_index_candidates(kind, value))
    else:
        found = base.filter(name_matches(value))
    return kind, found.order_by("-updated_at")


def find_by_national_id(national_id: str) -> Person | None:
    """The live person with this national ID (following merges), for linking a filing."""
    candidates = crypto.blind_index_candidates("national_id", national_id)
    person = (
        Person.objects.filter(national_id_index__in=candidates)
        .order_by(F("merged_into_id").asc(nulls_first=True), "created_at")  # live first
        .first()
    )
    seen: set[uuid.UUID] = set()
    while person is not None and person.merged_into_id is not None and person.pk not in seen:
        seen.add(person.pk)
        person = person.merged_into
    return person


def person_links_of(*, kind: str, subject_id: Any) -> list[PersonLink]:
    """The persons linked to one record (for the app that owns it, which scopes it)."""
    return list(
        PersonLink.objects.filter(subject_kind=kind, subject_id=str(subject_id))
        .select_related("person")
        .order_by("role", "created_at")
    )
