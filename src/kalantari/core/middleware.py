"""Request-wide policies that no single view should have to remember."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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
