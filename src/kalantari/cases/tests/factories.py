"""Factories for cases: the case a citizen's report opens (through intake's service), moved
along its life cycle by the staff who may move it (through `case_transition`).

    CaseFactory.create()                                   # received, at ST-101
    CaseFactory.create(station="ST-102", category="fraud") # any ReportFactory field
    case = advance(CaseFactory.create(), commander, "triage", "assign", assignee_id=investigator.pk)
"""

from __future__ import annotations

from typing import Any

from kalantari.cases.models import Case
from kalantari.cases.services import case_transition
from kalantari.intake.models import Report
from kalantari.intake.services import ReportDraft
from kalantari.intake.tests.factories import ReportFactory


class CaseFactory(ReportFactory):
    """A case opened by filing a report (`ReportFactory`'s fields), returned with its report
    and station loaded."""

    @classmethod
    def _create(cls, model_class: type[ReportDraft], *args: Any, **kwargs: Any) -> Case:  # type: ignore[override]
        report: Report = super()._create(model_class, *args, **kwargs)
        return Case.objects.select_related("report", "station").get(report=report)


def advance(case: Case, actor: Any, *actions: str, **extra: Any) -> Case:
    """Move `case` by each action in turn, as `actor` (the reason defaults to a short one;
    `extra` goes to every move: assignee_id for "assign")."""
    extra.setdefault("reason", "انجام شد")
    for action in actions:
        case.refresh_from_db()
        case_transition(
            actor=actor, case_id=case.pk, action=action, expected_version=case.version, **extra
        )
    case.refresh_from_db()
    return case
