"""Reads for disclosure: what a person sees after an identity check, deferrals to review."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from kalantari.access import policy
from kalantari.audit.models import DisclosureDeferral, DisclosureRequest
from kalantari.cases.models import OPEN_STATUSES, Case
from kalantari.org.models import User
from kalantari.oversight.readings import CitizenAccess, Subject, citizen_accesses


def person_subjects(national_id_index: str) -> list[Subject]:
    """A person's records: lookups of the person, and the reports filed under their ID."""
    subjects: list[Subject] = [("person", f"nid:{national_id_index}")]
    for case_id, report_id in Case.objects.filter(
        report__national_id_index=national_id_index
    ).values_list("pk", "report_id"):
        subjects += [("case", str(case_id)), ("report", str(report_id))]
    return subjects


def person_disclosure(request: DisclosureRequest) -> list[CitizenAccess]:
    """Everything a person may be told after an identity check, deferred accesses left out."""
    return citizen_accesses(
        person_subjects(request.national_id_index), include_person_searches=True, limit=500
    )


def deferrals_to_review(*, user: User, now: datetime | None = None) -> QuerySet[DisclosureDeferral]:
    """Active deferrals in the inspector's units, those awaiting review first."""
    scope = policy.deferral_review_scope(user)
    if scope is None:
        return DisclosureDeferral.objects.none()
    now = now or timezone.now()
    return (
        DisclosureDeferral.objects.filter(
            unit__path__startswith=scope, ended_at__isnull=True, expires_at__gt=now
        )
        .select_related("unit", "requested_by", "reviewed_by")
        .order_by("review", "expires_at")  # "pending" sorts before "upheld"
    )


def deferrals_of_case(*, user: User, case: Case) -> list[DisclosureDeferral]:
    """The deferrals on one case, for those who may see the case."""
    if not policy.can_view_case(user, case):
        return []
    return list(
        DisclosureDeferral.objects.filter(case_id=case.pk)
        .select_related("requested_by", "reviewed_by")
        .order_by("-created_at")
    )


def case_titles(case_ids: list[object]) -> dict[str, str]:
    """Tracking codes of the cases deferrals point at (for the inspector's list)."""
    return {
        str(pk): code
        for pk, code in Case.objects.filter(pk__in=case_ids).values_list(
            "pk", "report__tracking_code"
        )
    }


def open_case_ids(case_ids: list[object]) -> set[str]:
    """Which of these cases are still open (a deferral on a closed case should be lifted)."""
    return {
        str(pk)
        for pk in Case.objects.filter(pk__in=case_ids, status__in=OPEN_STATUSES).values_list(
            "pk", flat=True
        )
    }
