"""Problem responses (RFC 9457): the one builder, used by the API and by the middleware."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse

PROBLEM_MEDIA = "application/problem+json"
PROBLEM_TYPES = "https://kalantari.invalid/problems/"


def problem(
    request: HttpRequest,
    *,
    status: int,
    code: str,
    detail: str,
    field: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """Answer with a problem+json body in the request's language."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPES + code,
        "title": code.replace("_", " "),
        "status": status,
        "code": code,
        "detail": detail,
    }
    if field:
        body["field"] = field
    if errors:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder), status=status, content_type=PROBLEM_MEDIA
    )
    response["Content-Language"] = (
        request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "fa"
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response
