"""Default-deny: every URL is a staff page unless its view says otherwise (core/gate.py).

The walk below visits every pattern of the root URLconf (through includes, the language
prefix and the API's own patterns). A page without a marker must turn away an anonymous
visitor and a password-only session; an API operation must either say `auth=None` (public)
or answer 401 to both. So a new view added without a decision fails here.
"""

from __future__ import annotations

import inspect
import re
import uuid
from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone, translation
from ninja.operation import PathView

from kalantari.core.gate import Gate, gate_of, public
from kalantari.org.models import User
from kalantari.org.security import SEEN_AT, SIGNED_IN_AT
from kalantari.org.tests.factories import UserFactory, sign_in

# The API's own pages that are not operations: its schema, its documentation and its root.
API_DOCUMENTS = frozenset({"openapi-json", "openapi-view", "api-root"})
SAMPLES = {"uuid": str(uuid.UUID(int=7)), "int": "1", "slug": "x", "path": "1", "str": "1"}


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def _regex_sample(match: re.Match[str]) -> str:
    body = match.group(1)
    return body.split("|")[0] if "|" in body else "x"


def sample_path(route: str) -> str:
    """A concrete path for a route: converters and named groups filled with sample values."""
    route = re.sub(r"\(\?P<\w+>([^)]*)\)", _regex_sample, route)
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], route)
    return "/" + route.replace("^", "").replace("$", "")


def all_views() -> list[tuple[str, URLPattern]]:
    return list(_walk(get_resolver().url_patterns))


def password_only(client: Client, user: User) -> Client:
    """A session after the password step only: no second factor yet."""
    client.force_login(user)
    session = client.session
    session[SIGNED_IN_AT] = session[SEEN_AT] = timezone.now().isoformat()
    session.save()
    return client


def _path_view(callback: Callable[..., Any]) -> PathView | None:
    inner = inspect.unwrap(callback)
    if not inspect.isfunction(inner):
        return None
    owner = inspect.getclosurevars(inner).nonlocals.get("self")
    return owner if isinstance(owner, PathView) else None


def test_the_walk_sees_every_kind_of_url() -> None:
    routes = {re.sub(r"^[a-z]{2}/", "<lang>/", route) for route, _pattern in all_views()}
    assert {
        "api/v1/reports",
        "admin/",
        "i18n/setlang/",
        "<lang>/desk/",
        "<lang>/my-data/",
    } <= routes


# Every page that is not a staff page, and why: opening one more is a decision made here.
OPEN_PAGES = {
    "i18n/setlang/": Gate.PUBLIC,  # anyone may choose the language
    "<lang>/": Gate.PUBLIC,  # the citizen's service desk: report, receipt, status
    "<lang>/report/": Gate.PUBLIC,
    "<lang>/report/receipt/": Gate.PUBLIC,
    "<lang>/status/": Gate.PUBLIC,
    "<lang>/status/followup/": Gate.PUBLIC,
    "<lang>/status/forget/": Gate.PUBLIC,
    "<lang>/status/accesses/": Gate.PUBLIC,
    "<lang>/status/rate/": Gate.PUBLIC,  # the citizen rates the service (status grant)
    "<lang>/my-data/": Gate.PUBLIC,  # who read my data, with the code from a station
    "<lang>/my-data/forget/": Gate.PUBLIC,
    "admin/login/": Gate.SIGN_IN,  # the staff sign-in under the admin's address
    "<lang>/accounts/login/": Gate.SIGN_IN,
    "<lang>/accounts/login/code/": Gate.SIGN_IN,  # the second factor and its enrolment
    "<lang>/accounts/logout/": Gate.SIGN_IN,
    "<lang>/accounts/start/": Gate.ACCOUNT,  # tells a waiting account that it waits
    "<lang>/accounts/password/": Gate.ACCOUNT,
    "<lang>/accounts/password/done/": Gate.ACCOUNT,
}


def test_the_pages_open_beyond_staff_are_the_decided_ones() -> None:
    found = {
        re.sub(r"^[a-z]{2}/", "<lang>/", route): gate_of(pattern.callback)
        for route, pattern in all_views()
        if not route.startswith("api/")
    }
    assert {route: gate for route, gate in found.items() if gate is not Gate.STAFF} == OPEN_PAGES


def test_every_page_is_marked_or_refused(db: None) -> None:
    user: Any = UserFactory(username="gate-walker")
    anonymous, unverified = Client(), password_only(Client(), user)
    checked = 0
    for route, pattern in all_views():
        gate = gate_of(pattern.callback)
        if gate is not Gate.STAFF and gate is not Gate.ACCOUNT:
            continue
        url = sample_path(route)
        prefix = route.split("/", 1)[0]
        try:
            # A request before this one may have switched the active language; i18n
            # patterns resolve only under their own language's prefix.
            with translation.override(prefix if prefix in ("fa", "en") else None):
                found = resolve(url)
        except Resolver404:  # pragma: no cover - a route the sampler cannot fill
            pytest.fail(f"{route}: no sample URL resolves to it; teach sample_path")
        assert found.func is pattern.callback, route
        for client, target in ((anonymous, "/accounts/login/"), (unverified, "/login/code/")):
            answer = client.get(url)
            assert answer.status_code == 302, (route, answer.status_code)
            assert target in answer["Location"], (route, answer["Location"])
            answer = client.post(url)
            assert answer.status_code in (302, 403), (route, answer.status_code)
        checked += 1
    assert checked >= 40  # desk, oversight and accounts pages, and the admin site


def test_every_api_operation_is_public_by_decision_or_refused(db: None) -> None:
    user: Any = UserFactory(username="gate-api")
    anonymous, unverified = Client(), password_only(Client(), user)
    # Default-deny in the API too: an operation that says nothing gets the staff auth.
    assert import_module("kalantari.config.api").api.auth
    public_ops, staff_ops = [], []
    for route, pattern in all_views():
        if not route.startswith("api/"):
            continue
        assert gate_of(pattern.callback) is Gate.API, route
        view = _path_view(pattern.callback)
        if view is None:
            assert pattern.name in API_DOCUMENTS, route
            continue
        url = sample_path(route)
        for operation in view.operations:
            if not operation.auth_callbacks:  # `auth=None` said on the router or operation
                public_ops.append(route)
                continue
            staff_ops.append(route)
            for method in operation.methods:
                for client in (anonymous, unverified):
                    answer = getattr(client, method.lower())(
                        url, data={}, content_type="application/json"
                    )
                    assert answer.status_code == 401, (method, route, answer.status_code)
                    assert answer["Content-Type"] == "application/problem+json"
    assert "api/v1/reports" in public_ops
    assert "api/v1/my-data" in public_ops
    assert "api/v1/cases/<case_id>/transitions" in staff_ops


def test_public_and_sign_in_pages_open_to_anyone(db: None) -> None:
    client = Client()
    for name in ("/fa/", "/fa/report/", "/fa/status/", "/fa/my-data/", "/fa/accounts/login/"):
        assert client.get(name).status_code == 200, name
    assert client.get("/api/v1/docs").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    answer = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    assert answer.status_code == 302


# A throwaway URLconf: an app added tomorrow, whose author forgot to decide.
def forgotten(request: HttpRequest) -> HttpResponse:
    return HttpResponse("case files")


@public
def announced(request: HttpRequest) -> HttpResponse:
    return HttpResponse("opening hours")


urlpatterns = [
    path("new-app/", forgotten),
    path("new-app/open/", announced),
    # and the whole site beside it (the sign-in pages, the templates' links)
    *import_module("kalantari.config.urls").urlpatterns,
]


@pytest.mark.urls(__name__)
def test_an_unmarked_view_is_staff_only(db: None) -> None:
    user: Any = UserFactory(username="gate-new")
    answer = Client().get("/new-app/")
    assert answer.status_code == 302
    assert "/accounts/login/?next=/new-app/" in answer["Location"]
    answer = password_only(Client(), user).get("/new-app/")
    assert answer.status_code == 302
    assert "/accounts/login/code/?next=/new-app/" in answer["Location"]
    assert sign_in(Client(), user).get("/new-app/").content == b"case files"
    assert Client().get("/new-app/open/").content == b"opening hours"


@pytest.mark.urls(__name__)
def test_an_unapproved_account_gets_no_staff_page(db: None) -> None:
    waiting: Any = UserFactory(username="gate-waiting", approved_at=None)
    assert sign_in(Client(), waiting).get("/new-app/").status_code == 403


def test_an_unapproved_account_may_open_its_own_pages(db: None) -> None:
    waiting: Any = UserFactory(username="gate-own", approved_at=None)
    client = sign_in(Client(), waiting)
    assert client.get("/fa/accounts/password/").status_code == 200
    assert client.get("/fa/desk/").status_code == 403
