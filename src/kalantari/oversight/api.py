"""Public API of disclosure: a person's own data access request, redeemed with its code."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from kalantari.audit.services import RequestContext
from kalantari.intake.api import AccessOut, Problem, access_rows
from kalantari.oversight import selectors, services

router = Router(tags=["public"], auth=None)  # public: no sign-in (config/api.py)


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
