"""Service levels in use (issue 8): which rule a new case gets, the clock's pauses and their
arithmetic, and the PAUSED state."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case, CaseEvent, EventKind, SlaPause, SlaRule, SlaState
from kalantari.cases.selectors import public_status, sla_q, sla_state
from kalantari.cases.services import case_pause, case_resume, followup_add
from kalantari.cases.sla import (
    format_span,
    pause_begin,
    pause_end,
    sla_clock,
    sla_targets,
    sla_time_left,
)
from kalantari.cases.tests.factories import CaseFactory, advance
from kalantari.core.errors import Conflict
from kalantari.intake.models import Category, Priority
from kalantari.org.models import Role, User
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def _category(code: str = "theft_pickpocket") -> Category:
    return Category.objects.get(code=code)


# --- rules ------------------------------------------------------------------------------------


def test_without_rules_the_category_s_own_targets_apply(force: Any) -> None:
    cat = _category()
    got = sla_targets(cat, Priority.URGENT)
    assert got.source == "category defaults"
    assert got.first_response == timedelta(minutes=cat.sla_first_response_minutes)
    assert got.resolution == timedelta(hours=cat.sla_resolution_hours)


def test_the_most_specific_rule_wins(force: Any) -> None:
    cat, other = _category(), _category("fraud")
    SlaRule.objects.create(
        category=None, priority=Priority.URGENT, first_response_minutes=10, resolution_hours=10
    )
    assert sla_targets(cat, Priority.URGENT).source == "priority"
    assert sla_targets(cat, Priority.URGENT).first_response == timedelta(minutes=10)
    SlaRule.objects.create(
        category=cat, priority=None, first_response_minutes=20, resolution_hours=20
    )
    assert sla_targets(cat, Priority.URGENT).first_response == timedelta(minutes=20)
    assert sla_targets(cat, Priority.LOW).source == "category"
    SlaRule.objects.create(
        category=cat, priority=Priority.URGENT, first_response_minutes=30, resolution_hours=30
    )
    both = sla_targets(cat, Priority.URGENT)
    assert (both.source, both.first_response, both.resolution) == (
        "category+priority",
        timedelta(minutes=30),
        timedelta(hours=30),
    )
    # Another category at that priority still gets the priority's rule; at another, its own.
    assert sla_targets(other, Priority.URGENT).first_response == timedelta(minutes=10)
    assert sla_targets(other, Priority.LOW).source == "category defaults"


def test_filing_uses_the_rule_in_force(force: Any) -> None:
    cat = _category()
    SlaRule.objects.create(
        category=cat, priority=cat.default_priority, first_response_minutes=15, resolution_hours=48
    )
    case = CaseFactory.create(category=cat.code)
    opened = case.report.created_at
    assert case.first_response_due == opened + timedelta(minutes=15)
    assert case.resolution_due == opened + timedelta(hours=48)


@pytest.mark.parametrize(
    ("category", "priority"), [(True, None), (False, Priority.HIGH), (True, Priority.HIGH)]
)
def test_a_second_rule_for_the_same_pair_is_refused_even_with_an_empty_side(
    force: Any, category: bool, priority: int | None
) -> None:
    cat = _category() if category else None
    SlaRule.objects.create(
        category=cat, priority=priority, first_response_minutes=5, resolution_hours=5
    )
    twin = SlaRule(category=cat, priority=priority, first_response_minutes=6, resolution_hours=6)
    with pytest.raises(ValidationError) as info:
        twin.full_clean()
    codes = [e.code for e in info.value.error_dict["__all__"]]
    assert "sla_rule_duplicate" in codes


def test_a_rule_naming_nothing_is_refused(force: Any) -> None:
    with pytest.raises(ValidationError):
        SlaRule(first_response_minutes=5, resolution_hours=5).full_clean()


def test_the_admin_refuses_a_duplicate_rule(force: Any) -> None:
    from kalantari.org.tests.factories import UserFactory

    admin_user = UserFactory.create(
        username="root", role=Role.ADMIN, unit=force["nation"], is_superuser=True, is_staff=True
    )
    SlaRule.objects.create(
        category=None, priority=Priority.HIGH, first_response_minutes=5, resolution_hours=5
    )
    client = sign_in(Client(), admin_user)
    answer = client.post(
        "/admin/cases/slarule/add/",
        {
            "category": "",
            "priority": str(Priority.HIGH.value),
            "first_response_minutes": "9",
            "resolution_hours": "9",
        },
    )
    assert answer.status_code == 200  # the form again, with the error
    assert "قاعده‌ای وجود دارد" in answer.content.decode()  # the admin speaks Persian
    assert SlaRule.objects.count() == 1


# --- arithmetic -------------------------------------------------------------------------------


def _bare_case() -> Case:
    return Case(
        status="assigned",
        first_response_due=T0 + timedelta(hours=1),
        resolution_due=T0 + timedelta(hours=30),
    )


def test_a_pause_moves_both_due_times_on_by_its_length() -> None:
    case = _bare_case()
    pause_begin(case, SlaPause.CITIZEN, T0)
    assert (case.sla_paused_at, case.sla_pause_reason) == (T0, "citizen")
    seconds = pause_end(case, T0 + timedelta(hours=5, seconds=7))
    assert seconds == 5 * 3600 + 7
    assert case.sla_paused_seconds == seconds
    assert case.first_response_due == T0 + timedelta(hours=6, seconds=7)
    assert case.resolution_due == T0 + timedelta(hours=35, seconds=7)
    assert (case.sla_paused_at, case.sla_pause_reason) == (None, "")
    # A second pause adds to the first; ending a running clock changes nothing.
    pause_begin(case, SlaPause.CITIZEN, T0 + timedelta(hours=10))
    pause_end(case, T0 + timedelta(hours=11))
    assert case.sla_paused_seconds == seconds + 3600
    assert pause_end(case, T0 + timedelta(hours=12)) == 0
    assert case.resolution_due == T0 + timedelta(hours=36, seconds=7)


def test_a_paused_case_s_time_left_stands_still() -> None:
    case = _bare_case()
    case.first_responded_at = T0
    pause_begin(case, SlaPause.CITIZEN, T0 + timedelta(hours=2))
    later = T0 + timedelta(days=3)  # past the due time, but the clock is stopped
    assert sla_time_left(case, later) == timedelta(hours=28)
    assert sla_state(case, later) == SlaState.PAUSED
    with translation.override("en"):
        assert sla_clock(case, later) == "1 d 4 h left when the clock restarts"


@translation.override("en")
def test_format_span() -> None:
    assert format_span(timedelta(minutes=12)) == "12 min"
    assert format_span(-timedelta(hours=5, minutes=10)) == "5 h 10 min"
    assert format_span(timedelta(days=2, hours=3, minutes=4)) == "2 d 3 h"


# --- services ---------------------------------------------------------------------------------


def _back(case: Case, hours: float) -> None:
    """Make the running pause began `hours` ago (time passes without freezing the clock)."""
    assert case.sla_paused_at is not None
    Case.objects.filter(pk=case.pk).update(
        sla_paused_at=case.sla_paused_at - timedelta(hours=hours)
    )
    case.refresh_from_db()


def _events(case: Case, kind: str) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case, kind=kind).order_by("at", "id"))


def test_wait_for_the_citizen_then_resume(new_case: Case, desk_officer: User) -> None:
    before = (new_case.first_response_due, new_case.resolution_due)
    case = case_pause(
        actor=desk_officer,
        case_id=new_case.pk,
        expected_version=new_case.version,
        note="رسید خرید را بیاورید",
    )
    case.refresh_from_db()
    assert case.sla_pause_reason == SlaPause.CITIZEN and case.sla_paused_at is not None
    assert case.first_responded_at is not None  # asking the citizen answers them
    assert sla_state(case) == SlaState.PAUSED
    paused = _events(case, EventKind.SLA_PAUSED)
    assert len(paused) == 1 and paused[0].public and paused[0].reason == "رسید خرید را بیاورید"
    _back(case, 3)
    resumed = case_resume(actor=desk_officer, case_id=case.pk, expected_version=case.version)
    resumed.refresh_from_db()
    shift = timedelta(seconds=resumed.sla_paused_seconds)
    assert timedelta(hours=3) <= shift < timedelta(hours=3, minutes=1)
    assert (resumed.first_response_due, resumed.resolution_due) == (
        before[0] + shift,
        before[1] + shift,
    )
    assert resumed.sla_paused_at is None
    assert _events(case, EventKind.SLA_RESUMED)[0].data["by"] == "hand"
    actions = list(
        AuditEvent.objects.filter(target_id=str(case.pk)).values_list("action", flat=True)
    )
    assert "case.sla_paused" in actions and "case.sla_resumed" in actions


def test_the_citizen_sees_what_is_asked(new_case: Case, desk_officer: User) -> None:
    case_pause(
        actor=desk_officer,
        case_id=new_case.pk,
        expected_version=new_case.version,
        note="عکس کارت بانکی را بفرستید",
    )
    new_case.refresh_from_db()
    lines = [t for t in public_status(new_case.report)["timeline"] if t["kind"] == "sla_paused"]
    assert [t["text"] for t in lines] == ["عکس کارت بانکی را بفرستید"]


def test_pausing_twice_or_resuming_a_running_clock_is_refused(
    new_case: Case, desk_officer: User
) -> None:
    with pytest.raises(Conflict) as info:
        case_resume(actor=desk_officer, case_id=new_case.pk, expected_version=new_case.version)
    assert info.value.code == "not_paused"
    case = case_pause(
        actor=desk_officer, case_id=new_case.pk, expected_version=new_case.version, note="مدرک"
    )
    with pytest.raises(Conflict) as info:
        case_pause(actor=desk_officer, case_id=case.pk, expected_version=case.version, note="x")
    assert info.value.code == "already_paused"


def test_a_follow_up_from_the_citizen_restarts_the_clock(
    new_case: Case, desk_officer: User
) -> None:
    due = new_case.resolution_due
    case = case_pause(
        actor=desk_officer, case_id=new_case.pk, expected_version=new_case.version, note="مدرک"
    )
    _back(case, 2)
    followup_add(report=new_case.report, message="فرستادم", files=[])
    case.refresh_from_db()
    assert case.sla_paused_at is None and case.sla_pause_reason == ""
    assert case.sla_paused_seconds >= 2 * 3600
    assert case.resolution_due == due + timedelta(seconds=case.sla_paused_seconds)
    assert case.unread_followups == 1
    assert case.version == new_case.version + 2  # the pause, and its end
    assert _events(case, EventKind.SLA_RESUMED)[0].data["by"] == "followup"
    assert AuditEvent.objects.filter(action="case.sla_resumed", actor=None).exists()


def test_a_follow_up_leaves_a_running_clock_alone(new_case: Case) -> None:
    followup_add(report=new_case.report, message="سلام", files=[])
    case = Case.objects.get(pk=new_case.pk)
    assert (case.sla_paused_seconds, case.version) == (0, new_case.version)
    assert not _events(case, EventKind.SLA_RESUMED)


def test_a_referral_pauses_the_clock_and_reopening_restarts_it(
    new_case: Case, commander: User
) -> None:
    due = new_case.resolution_due
    case = advance(new_case, commander, "refer", referral_target="agency", referral_name="دادسرا")
    assert (case.status, case.sla_pause_reason) == ("referred", "referral")
    assert sla_state(case) == SlaState.DONE
    _back(case, 24)
    case = advance(case, commander, "reopen")
    assert case.sla_paused_at is None
    assert case.sla_paused_seconds >= 24 * 3600
    assert case.resolution_due == due + timedelta(seconds=case.sla_paused_seconds)
    kinds = [e.kind for e in case.events.order_by("at", "id")]
    assert kinds[-4:] == ["transition", "sla_paused", "transition", "sla_resumed"]
    reopen = AuditEvent.objects.filter(action="case.reopen", target_id=str(case.pk)).get()
    assert reopen.changes["sla_resumed_after"] == case.sla_paused_seconds


def test_referring_a_case_waiting_on_the_citizen_ends_that_wait_first(
    new_case: Case, commander: User
) -> None:
    case = case_pause(
        actor=commander, case_id=new_case.pk, expected_version=new_case.version, note="مدرک"
    )
    _back(case, 1)
    case = advance(case, commander, "refer", referral_target="agency", referral_name="دادسرا")
    assert case.sla_pause_reason == "referral"
    assert case.sla_paused_seconds >= 3600


def test_moves_between_open_statuses_keep_the_citizen_s_pause(
    new_case: Case, commander: User, investigator: User
) -> None:
    case = case_pause(
        actor=commander, case_id=new_case.pk, expected_version=new_case.version, note="مدرک"
    )
    case = advance(case, commander, "triage", "assign", assignee_id=investigator.pk)
    assert case.sla_pause_reason == "citizen"


# --- state ------------------------------------------------------------------------------------


def test_a_paused_case_is_neither_at_risk_nor_breached(new_case: Case, desk_officer: User) -> None:
    now = timezone.now()
    Case.objects.filter(pk=new_case.pk).update(
        first_response_due=now - timedelta(hours=1), resolution_due=now - timedelta(minutes=1)
    )
    assert Case.objects.filter(sla_q("breached", now), pk=new_case.pk).exists()
    Case.objects.filter(pk=new_case.pk).update(sla_paused_at=now, sla_pause_reason="citizen")
    case = Case.objects.get(pk=new_case.pk)
    assert sla_state(case, now) == SlaState.PAUSED
    found = {
        s
        for s in ("breached", "at_risk", "on_track", "paused", "done")
        if Case.objects.filter(sla_q(s, now), pk=case.pk).exists()
    }
    assert found == {"paused"}


def test_queue_page_and_api_show_the_pause(
    new_case: Case, desk_officer: User, client: Client
) -> None:
    sign_in(client, desk_officer)
    url = f"/en/desk/cases/{new_case.pk}/act/"
    refused = client.post(url, {"action": "pause", "version": new_case.version, "reason": ""})
    assert refused.status_code == 422
    assert "they will see it" in refused.content.decode()
    done = client.post(url, {"action": "pause", "version": new_case.version, "reason": "مدرک"})
    assert done.status_code == 302
    page = client.get(f"/en/desk/cases/{new_case.pk}/").content.decode()
    assert 'data-sla="paused"' in page and "data-resume" in page and "left" in page
    queue = client.get("/en/desk/?status=open&sla=paused").content.decode()
    assert str(new_case.pk) in queue and 'data-sla="paused"' in queue

    out = StringIO()
    call_command("api_token", desk_officer.username, stdout=out)
    headers = {"Authorization": f"Bearer {out.getvalue().strip()}"}
    detail = json.loads(Client().get(f"/api/v1/cases/{new_case.pk}", headers=headers).content)
    assert detail["sla_state"] == "paused" and "resume" in detail["allowed_actions"]
    answer = Client().post(
        f"/api/v1/cases/{new_case.pk}/resume",
        json.dumps({"version": detail["version"]}),
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 200, answer.content
    body: dict[str, Any] = json.loads(answer.content)
    assert body["sla_state"] != "paused" and body["sla_paused_seconds"] >= 0
    again = Client().post(
        f"/api/v1/cases/{new_case.pk}/pause",
        json.dumps({"version": body["version"], "note": ""}),
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 422
