"""Public API of disclosure: who has seen a report (with its status grant), and a person's own
data access request, redeemed with its code."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from kalantari.audit.services import RequestContext
from kalantari.intake.api import Problem, StatusIn, lookup_report
from kalantari.oversight import satisfaction, selectors, services
from kalantari.oversight.readings import CitizenAccess, accesses_to_report

router = Router(tags=["public"], auth=None)  # public: no sign-in (config/api.py)


class AccessOut(Schema):
    day: date = Field(..., description="The day (Asia/Tehran) of these accesses.")
    first_at: datetime
    last_at: datetime
    unit: str = Field(..., description="The reader's unit (never the reader's name).")
    role: str
    what: list[str] = Field(..., description="What they did, in the request's language.")
    purposes: list[str] = Field(
        ..., description="The purpose categories they chose (never an officer's free text)."
    )
    times: int


def access_rows(accesses: list[CitizenAccess]) -> list[dict[str, Any]]:
    """Accesses as `AccessOut` rows (the report's page and the person's own request)."""
    return [
        {
            "day": a.day,
            "first_at": a.first_at,
            "last_at": a.last_at,
            "unit": a.unit.name if a.unit else "",
            "role": a.role,
            "what": a.labels,
            "purposes": a.purposes,
            "times": a.times,
        }
        for a in accesses
    ]


@router.post(
    "/status/accesses",
    response={200: list[AccessOut], 404: Problem, 422: Problem, 429: Problem},
    summary="Who at the police has seen my report",
    description="Staff accesses to this report and its case file, one row per reader and "
    "day: which unit and role, what they did and the purpose category chosen. Searches "
    "for a person are disclosed only to that person after an identity check at a station "
    "(POST /my-data). Accesses deferred for an open investigation appear when the deferral "
    "ends. Same code and mobile (or PIN) as /status.",
)
def report_accesses(request: HttpRequest, payload: StatusIn) -> list[dict[str, Any]]:
    return access_rows(accesses_to_report(lookup_report(request, payload)))


class MyDataIn(Schema):
    code: str


@router.post(
    "/my-data",
    response={200: list[AccessOut], 422: Problem, 429: Problem},
    summary="Who at the police accessed my data (with the code from a station)",
    description="A person shows an identity document at any station; the desk hands over a "
    "one-time code. With it, this lists every staff access to the person: lookups by "
    "national ID, reviews, and accesses to reports filed under their ID, one row per reader "
    "and day, with the purpose category chosen. The code works once; unknown, spent and "
    "expired codes give the same 422; wrong codes from one address are limited (429).",
)
def my_data(request: HttpRequest, payload: MyDataIn) -> list[dict[str, Any]]:
    disclosure = services.disclosure_request_redeem(
        code=payload.code[:40], context=RequestContext.from_request(request)
    )
    return access_rows(selectors.person_disclosure(disclosure))


class RatingIn(StatusIn):
    score: int = Field(..., description="1 (worst) to 5 (best).")
    comment: str = Field("", description="Optional, at most 2,000 characters.")


class RatingOut(Schema):
    score: int
    rated_at: date = Field(..., description="The day only.")


@router.post(
    "/status/rating",
    response={201: RatingOut, 404: Problem, 409: Problem, 422: Problem, 429: Problem},
    summary="Rate the service once my case is resolved or closed",
    description="Same code and mobile (or PIN) as /status. Once per case: a second rating "
    "answers 409 `already_rated`; before the case is resolved or closed, 409 `not_resolved`. "
    "The station sees the scores and comments by week, never the report or who rated.",
)
def rate_service(request: HttpRequest, payload: RatingIn) -> Any:
    report = lookup_report(request, payload)
    rating = satisfaction.rating_submit(
        report=report,
        score=payload.score,
        comment=payload.comment,
        context=RequestContext.from_request(request),
    )
    return Status(201, {"score": rating.score, "rated_at": timezone.localdate(rating.created_at)})
