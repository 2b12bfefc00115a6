"""Schemathesis against our own OpenAPI: no server errors, no answer that breaks the schema.

Bounded (a few dozen examples per operation) so it fits in every `make test`. Public
operations run anonymously; staff operations run with a bearer token of a desk officer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kalantari.config.wsgi import application

# Loading the OpenAPI document needs no database: done once, at collection.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_connection(db: None) -> Iterator[None]:
    """As Django's test client does: keep the test's connection (and its transaction)
    open across the in-process WSGI calls."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(desk_officer: Any, new_case: Any) -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_token", desk_officer.username, stdout=out)
    return out.getvalue().strip()


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),  # more for a deeper run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_errs_and_keeps_its_schema(
    case: Any, staff_token: str, keep_connection: None
) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {staff_token}"}
    response = case.call()
    case.validate_response(response, checks=CHECKS)
