"""The JSON API (/api/v1): one NinjaAPI; errors as problem+json (RFC 9457), localised."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kalantari.core.errors import DomainError, InvalidInput, TooManyAttempts
from kalantari.core.problems import PROBLEM_MEDIA, problem
from kalantari.org.auth import staff_auth

PROBLEM_SCHEMA = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details, with a stable `code` and the offending `field`.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "detail": {"type": "string"},
        "field": {"type": ["string", "null"]},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": ["string", "null"]},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    },
    "required": ["type", "title", "status", "code", "detail"],
}
COMMON_ERRORS = {
    "400": "Malformed request (the body is not JSON)",
    "422": "Invalid input: every field error, each with its field and message",
    "503": "The access could not be audited, so it was not carried out",
}


class KalantariAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI says what every error really is: problem+json."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        ref = {"schema": {"$ref": "#/components/schemas/Problem"}}
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                # Ninja keys responses by int, JSON by string: merge them, or the document has
                # "400" twice and a strict parser (Swagger UI's) refuses the whole of it.
                responses = {str(code): answer for code, answer in operation["responses"].items()}
                operation["responses"] = responses
                wanted = dict(COMMON_ERRORS)
                if operation.get("security"):
                    wanted["401"] = "Not signed in, or no valid API token"
                if any(p.get("in") == "path" for p in operation.get("parameters", [])):
                    wanted["404"] = "No such record, or not one the caller may see"
                for code, text in wanted.items():
                    responses.setdefault(code, {"description": text})
                for code, answer in responses.items():
                    if str(code)[0] in "45":
                        answer["content"] = {PROBLEM_MEDIA: ref}
        return schema


api = KalantariAPI(
    title="Kalantari API",
    version="1",
    description=(
        "Citizen intake (public) and the station desk (staff) of Kalantari. Errors are "
        "`application/problem+json` (RFC 9457) with a stable `code`, the offending `field` and "
        "a message in the request's language (`Accept-Language: fa` or `en`). Tracking codes, "
        "national IDs and mobile numbers never travel in a URL: every lookup is a POST."
    ),
    urls_namespace="api",
    docs_url="/docs",
    # Swagger UI from our own static files (ninja ships it; "ninja" is an installed app), and
    # no call to the public validator: the page makes no request outside the site.
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": False}),
    openapi_url="/openapi.json",
    # Default-deny, as for pages: an operation is for staff (session with the second factor,
    # or a staff token) unless its router or itself says `auth=None` (the public endpoints).
    auth=staff_auth,
)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    errors = None
    if isinstance(exc, InvalidInput):
        errors = [{"field": e.field, "code": e.code, "message": str(e.message)} for e in exc.errors]
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyAttempts) else None
    return problem(
        request,
        status=exc.status,
        code=exc.code,
        detail=str(exc.message),
        field=exc.field,
        errors=errors,
        headers=headers,
    )


def _field_of(loc: list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path", "form")]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def on_schema_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: list[dict[str, Any]] = []
    for err in exc.errors:
        field = _field_of(list(err.get("loc", [])))
        kind = err.get("type", "")
        if kind == "missing":
            code, message = "required", _("This field is required.")
        elif kind.startswith("string_too_long"):
            code, message = "too_long", _("This value is too long.")
        else:
            code, message = "invalid", _("This value is not valid here.")
        errors.append({"field": field, "code": code, "message": message})
    first: dict[str, Any] = (
        errors[0] if errors else {"field": None, "message": _("The request is not valid.")}
    )
    return problem(
        request,
        status=422,
        code="validation_failed",
        detail=str(first["message"]),
        field=first["field"],
        errors=errors,
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem(
        request,
        status=401,
        code="not_authenticated",
        detail=_("Sign in, or send a valid API token."),
        headers={"WWW-Authenticate": "Bearer"},
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse"):
        return problem(
            request,
            status=400,
            code="malformed_json",
            detail=_("The request body is not valid JSON."),
        )
    return problem(request, status=exc.status_code, code="http_error", detail=str(exc))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, status=404, code="not_found", detail=_("Not found."))


def _register_routers() -> None:
    from kalantari.cases.api import router as cases_router
    from kalantari.cases.public_api import router as cases_public_router
    from kalantari.custody.api import router as custody_router
    from kalantari.diary.api import router as diary_router
    from kalantari.evidence.api import router as evidence_router
    from kalantari.intake.api import router as intake_router
    from kalantari.oversight.api import router as oversight_router
    from kalantari.oversight.conduct_api import router as conduct_router
    from kalantari.oversight.dashboard_api import router as dashboards_router
    from kalantari.oversight.sla_api import router as sla_router
    from kalantari.people.api import router as people_router
    from kalantari.seizures.api import router as seizures_router

    api.add_router("/", intake_router)
    api.add_router("/", cases_public_router)
    api.add_router("/", oversight_router)
    api.add_router("/cases", cases_router)
    api.add_router("/people", people_router)
    api.add_router("/diary", diary_router)
    api.add_router("/custody", custody_router)
    api.add_router("/evidence", evidence_router)
    api.add_router("/seizures", seizures_router)
    api.add_router("/oversight", dashboards_router)
    api.add_router("/oversight", conduct_router)
    api.add_router("/oversight", sla_router)


_register_routers()
