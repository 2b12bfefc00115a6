"""Retention: after a case has been closed for its category's period, the person goes.

What is removed from the report: name, national ID, mobile, address, location, statement,
the category's extra fields, the PIN, the attached files and the citizen's messages. What
stays: the category, the station, the dates and the case's states, for statistics and
oversight; notes on the case are cleared too, since officers write people into them. Each
report so treated gets one audit record; a dry run (the default) changes nothing.

Which reports are due depends on their case, so the run is cases' (cases sits above intake,
docs/architecture.md "Layers"); each app deletes its own rows: intake the report's personal
data (`intake.retention`), core its spent counters and idempotency records, cases the notes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kalantari.audit.services import audit_record
from kalantari.cases.models import Case, CaseEvent, EventKind, Status
from kalantari.core import idempotency, throttle
from kalantari.intake.models import Category, Report
from kalantari.intake.retention import REMOVED, report_anonymise, status_codes_purge
from kalantari.people.models import SubjectKind
from kalantari.people.services import person_links_retire

IDEMPOTENCY_DAYS = 30


@dataclass
class RetentionRun:
    committed: bool
    by_category: Counter[str] = field(default_factory=Counter)
    files_removed: int = 0
    idempotency_purged: int = 0

    @property
    def reports(self) -> int:
        return sum(self.by_category.values())


def expired_reports(now: datetime) -> list[Report]:
    due: list[Report] = []
    for category in Category.objects.all():
        cutoff = now - timedelta(days=category.retention_days)
        closed = Q(case__status=Status.CLOSED, case__closed_at__lt=cutoff) | Q(
            case__status=Status.REJECTED, case__last_activity_at__lt=cutoff
        )
        due += list(
            Report.objects.filter(closed, category=category, anonymised_at__isnull=True).only(
                "pk", "category_id", "station_id"
            )
        )
    return due


def _anonymise(report_id: Any, now: datetime) -> int:
    files = report_anonymise(report_id=report_id, now=now)
    report = Report.objects.only("pk", "station_id").get(pk=report_id)
    case = Case.objects.get(report=report)
    # Case events are immutable to everyone but this: the law's deadline outranks them.
    # Sealed per note: a value is bound to its row (core.fields), so one update per row.
    reason = CaseEvent._meta.get_field("reason")
    notes = CaseEvent.objects.filter(case=case, kind=EventKind.NOTE)
    for pk in notes.values_list("pk", flat=True):
        CaseEvent.objects.filter(pk=pk).update(reason=reason.seal(REMOVED, pk))
    # The registry forgets with the report: its links go, and a person only this filing
    # made is erased (people.services.retention).
    for kind, pk in ((SubjectKind.REPORT, report.pk), (SubjectKind.CASE, case.pk)):
        person_links_retire(subject_kind=kind, subject_id=pk, unit_id=report.station_id)
    audit_record(
        action="report.anonymised",
        actor=None,
        target=report,
        unit_id=report.station_id,
        changes={"files": files},
    )
    return files


def retention_apply(*, commit: bool = False, now: datetime | None = None) -> RetentionRun:
    now = now or timezone.now()
    run = RetentionRun(committed=commit)
    codes = dict(Category.objects.values_list("pk", "code"))
    for report in expired_reports(now):
        run.by_category[codes[report.category_id]] += 1
        if commit:
            with transaction.atomic(durable=True):
                run.files_removed += _anonymise(report.pk, now)
    run.idempotency_purged = idempotency.purge(
        before=now - timedelta(days=IDEMPOTENCY_DAYS), commit=commit
    )
    if commit:
        # Counters and texted codes are worth nothing a day after they end (and the rows for
        # unknown tracking codes and passing addresses would otherwise pile up).
        day_ago = now - timedelta(days=1)
        status_codes_purge(before=day_ago)
        throttle.purge_ended(before=day_ago)
    if commit and run.reports:
        with transaction.atomic(durable=True):
            audit_record(
                action="retention.applied",
                actor=None,
                changes={"reports": run.reports, "by_category": dict(run.by_category)},
            )
    return run
