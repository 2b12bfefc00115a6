"""Staff API of the person registry (/api/v1/people): search, a person, merge and unmerge."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from kalantari.access import policy
from kalantari.audit.services import RequestContext
from kalantari.core.problems import Problem
from kalantari.org.auth import staff_auth
from kalantari.org.models import User
from kalantari.people import selectors, services
from kalantari.people.models import Person

router = Router(tags=["staff"], auth=staff_auth)


class PersonSearchIn(Schema):
    q: str = Field(..., description="A national ID, a mobile (any digits) or part of a name.")
    purpose_code: str = Field(
        ...,
        description="Why, as one of: report, investigation, identity, missing, judicial, "
        "oversight. The person may later see this category (never `purpose`).",
    )
    purpose: str = Field("", max_length=300, description="Optional details for inspectors.")


class PersonOut(Schema):
    id: uuid.UUID
    given_name: str
    family_name: str
    father_name: str
    national_id: str
    mobile: str
    birth_date: str
    merged_into: uuid.UUID | None
    version: int


class LinkOut(Schema):
    role: str
    subject_kind: str
    subject_id: str
    merged_from: uuid.UUID | None
    created_at: datetime


class PersonDetailOut(PersonOut):
    address: str
    links: list[LinkOut]
    may_merge: bool


class PersonSearchOut(Schema):
    matched_as: str
    items: list[PersonOut]


class MergeIn(Schema):
    duplicate: uuid.UUID = Field(..., description="The duplicate record, merged into this one.")
    reason: str = Field("", max_length=300)


class UnmergeIn(Schema):
    reason: str = Field("", max_length=300)


def person_summary(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "father_name": person.father_name,
        "national_id": person.national_id,
        "mobile": person.mobile,
        "birth_date": person.birth_date,
        "merged_into": person.merged_into_id,
        "version": person.version,
    }


def person_detail(person: Person, user: User) -> dict[str, Any]:
    links = [
        {
            "role": link.role,
            "subject_kind": link.subject_kind,
            "subject_id": link.subject_id,
            "merged_from": link.merged_from_id,
            "created_at": link.created_at,
        }
        for link in selectors.person_links(person=person)
    ]
    may_merge = policy.can_merge_persons(user, selectors.person_unit_paths(person))
    return person_summary(person) | {
        "address": person.address,
        "links": links,
        "may_merge": may_merge,
    }


@router.post(
    "/search",
    response={200: PersonSearchOut, 403: Problem, 422: Problem},
    summary="Search persons by national ID, mobile or name (a purpose is required)",
    description="A POST so that identifiers never appear in a URL. Letter and digit variants fold.",
)
def search_people(request: HttpRequest, payload: PersonSearchIn) -> dict[str, Any]:
    kind, found = services.person_search_audited(
        actor=request.user,  # type: ignore[arg-type]
        query=payload.q,
        purpose_code=payload.purpose_code,
        purpose=payload.purpose,
        context=RequestContext.from_request(request),
    )
    return {"matched_as": kind, "items": [person_summary(p) for p in found]}


@router.get("/{person_id}", response={200: PersonDetailOut, 404: Problem}, summary="One person")
def get_person(request: HttpRequest, person_id: uuid.UUID) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    person = services.person_view(
        actor=user, person_id=person_id, context=RequestContext.from_request(request)
    )
    return person_detail(person, user)


@router.post(
    "/{person_id}/merge",
    response={200: PersonDetailOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Merge a duplicate into this person (reversible)",
)
def merge_person(request: HttpRequest, person_id: uuid.UUID, payload: MergeIn) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    survivor = services.person_merge(
        actor=user,
        survivor_id=person_id,
        duplicate_id=payload.duplicate,
        reason=payload.reason,
        context=RequestContext.from_request(request),
    )
    return person_detail(survivor, user)


@router.post(
    "/{person_id}/unmerge",
    response={200: PersonDetailOut, 403: Problem, 404: Problem, 409: Problem},
    summary="Undo the merge of this (merged) person",
)
def unmerge_person(
    request: HttpRequest, person_id: uuid.UUID, payload: UnmergeIn
) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    person = services.person_unmerge(
        actor=user,
        person_id=person_id,
        reason=payload.reason,
        context=RequestContext.from_request(request),
    )
    return person_detail(person, user)
