"""case_transition and friends: the life cycle, who may move a case, stale and racing moves."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case, CaseEvent, Status
from kalantari.cases.services import case_claim, case_note_add, case_transition
from kalantari.core.errors import Conflict, Forbidden, NotFound, ValidationFailed

pytestmark = pytest.mark.django_db


def move(actor: Any, case: Case, action: str, **kw: Any) -> Case:
    case.refresh_from_db()
    return case_transition(
        actor=actor, case_id=case.pk, action=action, expected_version=case.version, **kw
    )


def test_whole_life_received_to_closed(
    new_case: Case, desk_officer: Any, investigator: Any, commander: Any
) -> None:
    move(desk_officer, new_case, "triage")
    move(desk_officer, new_case, "assign", assignee_id=investigator.pk)
    move(investigator, new_case, "start")
    move(investigator, new_case, "resolve", reason="گوشی پیدا و تحویل شد")
    move(commander, new_case, "close")
    new_case.refresh_from_db()
    assert new_case.status == Status.CLOSED and new_case.closed_at is not None
    assert new_case.first_responded_at is not None and new_case.resolved_at is not None
    transitions = list(
        CaseEvent.objects.filter(case=new_case, kind="transition").values_list(
            "from_status", "to_status", "actor__username"
        )
    )
    assert transitions == [
        ("received", "triaged", "desk"),
        ("triaged", "assigned", "desk"),
        ("assigned", "in_progress", "investigator"),
        ("in_progress", "resolved", "investigator"),
        ("resolved", "closed", "commander"),
    ]
    assert (
        AuditEvent.objects.filter(action__startswith="case.", target_id=str(new_case.pk)).count()
        == 5
    )


def test_case_events_are_immutable(new_case: Case) -> None:
    event = CaseEvent.objects.filter(case=new_case).first()
    assert event is not None
    event.reason = "rewritten"
    with pytest.raises(RuntimeError):
        event.save()


def test_illegal_moves_are_refused(new_case: Case, investigator: Any, commander: Any) -> None:
    with pytest.raises(Conflict) as info:
        move(commander, new_case, "resolve", reason="x")
    assert info.value.code == "illegal_transition"
    with pytest.raises(Conflict):
        move(commander, new_case, "close")


def test_closing_needs_the_commander(new_case: Case, desk_officer: Any, investigator: Any) -> None:
    move(desk_officer, new_case, "assign", assignee_id=investigator.pk)
    move(investigator, new_case, "start")
    move(investigator, new_case, "resolve", reason="done")
    for actor in (desk_officer, investigator):
        with pytest.raises(Forbidden):
            move(actor, new_case, "close")


def test_rejection_needs_a_reason(new_case: Case, desk_officer: Any) -> None:
    with pytest.raises(ValidationFailed) as info:
        move(desk_officer, new_case, "reject", reason="  ")
    assert info.value.field == "reason"
    move(desk_officer, new_case, "reject", reason="موضوع جنبه حقوقی دارد")
    new_case.refresh_from_db()
    assert new_case.rejection_reason == "موضوع جنبه حقوقی دارد"


def test_referral_needs_its_target(new_case: Case, desk_officer: Any, force: Any) -> None:
    with pytest.raises(ValidationFailed):
        move(desk_officer, new_case, "refer", referral_target="agency")
    move(desk_officer, new_case, "refer", referral_target="unit", referral_unit_code="OP-201")
    new_case.refresh_from_db()
    assert new_case.referral_unit == force["outpost"]
    assert new_case.referral_contact == force["outpost"].phone


def test_reopen_by_commander_only(new_case: Case, desk_officer: Any, commander: Any) -> None:
    move(desk_officer, new_case, "reject", reason="تکراری")
    with pytest.raises(Forbidden):
        move(desk_officer, new_case, "reopen", reason="x")
    move(commander, new_case, "reopen", reason="مدرک جدید رسید")
    new_case.refresh_from_db()
    assert new_case.status == Status.REOPENED and new_case.rejection_reason == ""
    move(desk_officer, new_case, "triage")


def test_assignee_must_serve_at_the_station(
    new_case: Case, desk_officer: Any, other_station_officer: Any
) -> None:
    with pytest.raises(ValidationFailed) as info:
        move(desk_officer, new_case, "assign", assignee_id=other_station_officer.pk)
    assert info.value.code == "assignee_out_of_unit"


def test_other_station_cannot_see_or_move(new_case: Case, other_station_officer: Any) -> None:
    with pytest.raises(NotFound):
        move(other_station_officer, new_case, "triage")


def test_inspector_reads_but_cannot_act(new_case: Case, inspector: Any) -> None:
    with pytest.raises(Forbidden):
        move(inspector, new_case, "triage")


def test_stale_version_is_a_conflict(new_case: Case, desk_officer: Any, commander: Any) -> None:
    seen = new_case.version
    case_transition(actor=commander, case_id=new_case.pk, action="triage", expected_version=seen)
    with pytest.raises(Conflict) as info:
        case_transition(
            actor=desk_officer,
            case_id=new_case.pk,
            action="reject",
            expected_version=seen,
            reason="x",
        )
    assert info.value.code == "stale_version"


def test_claim_keeps_others_off(
    new_case: Case, desk_officer: Any, commander: Any, force: Any
) -> None:
    from kalantari.org.tests.factories import UserFactory

    second_desk: Any = UserFactory(username="desk2", role="desk_officer", unit=force["station"])
    case_claim(actor=desk_officer, case_id=new_case.pk, expected_version=new_case.version)
    with pytest.raises(Conflict) as info:
        move(second_desk, new_case, "triage")
    assert info.value.code == "claimed_by_other"
    # Notes are still allowed, and the commander can override.
    case_note_add(actor=second_desk, case_id=new_case.pk, body="تماس گرفتم", public=False)
    move(commander, new_case, "triage")


@pytest.mark.django_db(transaction=True)
def test_two_staff_moving_one_case_at_once(
    new_case: Case, desk_officer: Any, commander: Any
) -> None:
    version = new_case.version
    results: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def act(name: str, actor: Any, action: str, reason: str) -> None:
        try:
            barrier.wait()
            case_transition(
                actor=actor,
                case_id=new_case.pk,
                action=action,
                expected_version=version,
                reason=reason,
            )
            results[name] = "ok"
        except Conflict as exc:
            results[name] = exc.code
        finally:
            connection.close()  # this thread's own connection, so the test DB can be dropped

    threads = [
        threading.Thread(target=act, args=("desk", desk_officer, "triage", "")),
        threading.Thread(target=act, args=("cmd", commander, "reject", "تکراری")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == ["ok", "stale_version"]
    new_case.refresh_from_db()
    assert new_case.version == version + 1
    assert CaseEvent.objects.filter(case=new_case, kind="transition").count() == 1
