"""Request-wide policies that no single view should have to remember."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

from kalantari.core.problems import problem


class NoStoreForStaffMiddleware:
    """Pages seen by a signed-in user or by a citizen holding a status grant are never cached."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/static/") and (
            (getattr(request, "user", None) is not None and request.user.is_authenticated)
            or request.method == "POST"
            or getattr(response, "personal_data", False)
        ):
            response["Cache-Control"] = "no-store"
        return response


class ServiceUnavailablePageMiddleware:
    """A refused access because its audit record could not be written: a 503 page, no data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.shortcuts import render

        from kalantari.core.errors import AuditUnavailable

        if isinstance(exception, AuditUnavailable):
            response = render(request, "503.html", {"message": exception.message}, status=503)
            response["Cache-Control"] = "no-store"
            response["Retry-After"] = "60"
            return response
        return None


_NUL_MARKERS = (b"\x00", b"\\u0000", b"%00")
_TEXT_BODIES = ("application/json", "application/x-www-form-urlencoded", "application/problem+json")


class NulInField(BadRequest):
    """A multipart text field held a NUL (answered 400 by RefuseNulMiddleware)."""


def _check_fields_when_parsed(request: HttpRequest) -> None:
    load = request._load_post_and_files

    def load_then_check() -> None:
        load()
        if any("\x00" in value for _name, values in request.POST.lists() for value in values):
            raise NulInField("NUL in a form field")

    request._load_post_and_files = load_then_check  # type: ignore[method-assign]


class RefuseNulMiddleware:
    """Refuse text carrying NUL characters, which PostgreSQL cannot store, with a clear 400.

    Query strings, JSON and form bodies are checked here. A multipart body is not read
    here (binary files are full of zero bytes, and a view may still choose how uploads are
    streamed); its text fields are checked the moment something first reads `request.POST`,
    and a NUL there ends the request with the same 400.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "").encode()
        body = b""
        if request.content_type in _TEXT_BODIES:
            body = request.body
        if any(marker in query or marker in body for marker in _NUL_MARKERS):
            return self._refuse(request)
        if request.content_type == "multipart/form-data":
            _check_fields_when_parsed(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return self._refuse(request) if isinstance(exception, NulInField) else None

    @staticmethod
    def _refuse(request: HttpRequest) -> HttpResponse:
        from django.utils.translation import gettext as _

        detail = _("The request contains a NUL character, which no field may hold.")
        if request.path.startswith("/api/"):
            return problem(request, status=400, code="nul_character", detail=detail)
        return HttpResponse(detail, status=400, content_type="text/plain; charset=utf-8")
