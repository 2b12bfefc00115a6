"""Issue 6, items 10 and 14: a failed action's page is an audited read; a write without
the version it was based on is refused."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case, Status
from kalantari.cases.services import case_claim, case_transition
from kalantari.core.errors import ValidationFailed
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db


def test_a_failed_action_rerenders_the_case_with_an_audit_record(
    new_case: Case, desk_officer: Any
) -> None:
    client = sign_in(Client(), desk_officer)
    before = AuditEvent.objects.filter(action="case.viewed").count()
    page = client.post(
        f"/en/desk/cases/{new_case.pk}/act/",
        {"action": "resolve", "version": new_case.version},  # not legal from "received"
    )
    assert page.status_code in (403, 409, 422)
    assert new_case.report.national_id in page.content.decode()  # personal data shown...
    viewed = AuditEvent.objects.filter(action="case.viewed", actor=desk_officer)
    assert viewed.count() == before + 1  # ...so the read is recorded
    assert viewed.get().target_id == str(new_case.pk)


def test_the_web_form_without_a_version_changes_nothing(new_case: Case, desk_officer: Any) -> None:
    client = sign_in(Client(), desk_officer)
    page = client.post(f"/en/desk/cases/{new_case.pk}/act/", {"action": "triage"})
    assert page.status_code == 422
    assert "version is missing" in page.content.decode()
    new_case.refresh_from_db()
    assert new_case.status == Status.RECEIVED and new_case.version == 1
    claim = client.post(f"/en/desk/cases/{new_case.pk}/act/", {"action": "claim"})
    assert claim.status_code == 422
    new_case.refresh_from_db()
    assert new_case.claimed_by_id is None


def test_services_refuse_a_missing_version(new_case: Case, desk_officer: Any) -> None:
    with pytest.raises(ValidationFailed) as refused:
        case_transition(
            actor=desk_officer, case_id=new_case.pk, action="triage", expected_version=None
        )
    assert refused.value.code == "version_required" and refused.value.field == "version"
    with pytest.raises(ValidationFailed):
        case_claim(actor=desk_officer, case_id=new_case.pk, expected_version=None)


def test_the_api_requires_the_version(new_case: Case, desk_officer: Any) -> None:
    client = sign_in(Client(), desk_officer)
    response = client.post(
        f"/api/v1/cases/{new_case.pk}/transitions",
        json.dumps({"action": "triage"}),
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["field"] == "version"
