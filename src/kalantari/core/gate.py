"""Who may open a page: staff-only unless the view says otherwise (default-deny).

Every view is a staff page — a signed-in, active, approved account whose session passed the
second factor — unless it is decorated with one of the markers below. The gate itself is
`kalantari.org.security.StaffSessionMiddleware`; a test walks every URL and proves that each
view is marked or refused (org/tests/test_gate.py).

    @public        anyone, signed in or not: the citizen's pages
    @sign_in       a step of signing in or out; the view checks what it needs itself
    @account_page  the signed-in person's own account (landing, password change): a verified
                   session, but an account still waiting for approval may open it too

The JSON API (/api/v1/) gates each operation itself: the NinjaAPI's default auth is the
staff auth (session with a verified second factor, or a staff token); a public endpoint says
`auth=None` on its router or operation (config/api.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

ATTRIBUTE = "kalantari_gate"

V = TypeVar("V", bound=Callable[..., Any])


class Gate(StrEnum):
    STAFF = "staff"
    PUBLIC = "public"
    SIGN_IN = "sign_in"
    ACCOUNT = "account"
    API = "api"


def _mark(gate: Gate) -> Callable[[V], V]:
    def decorate(view: V) -> V:
        if isinstance(view, type):  # a class-based view: as_view() keeps it as view_class
            setattr(view, ATTRIBUTE, gate)
            return view

        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            return view(*args, **kwargs)

        setattr(wrapped, ATTRIBUTE, gate)
        return wrapped  # type: ignore[return-value]

    return decorate


public = _mark(Gate.PUBLIC)
public.__doc__ = "Open to anyone, signed in or not."
sign_in = _mark(Gate.SIGN_IN)
sign_in.__doc__ = "A step of signing in or out; the view checks what it needs itself."
account_page = _mark(Gate.ACCOUNT)
account_page.__doc__ = "The signed-in person's own account: verified session, approval not needed."
api_view = _mark(Gate.API)
api_view.__doc__ = "An API view that authenticates each operation itself (config/api.py)."


def gate_of(view: Callable[..., Any]) -> Gate:
    """The gate a resolved view stands behind: its marker, else staff."""
    for holder in (view, getattr(view, "view_class", None)):
        gate = getattr(holder, ATTRIBUTE, None)
        if gate is not None:
            return Gate(gate)
    return Gate.STAFF
