"""Factories for citizens' reports: filed through the filing service (`report_submit`, in
cases, which opens the case), as a citizen files them, so each report has its case, its audit
record and its encrypted fields.

    ReportFactory.create()                          # a pickpocketing at Tajrish (ST-101), by web
    ReportFactory.create(station="ST-102", category="fraud", national_id="0012345679")
    ReportFactory.create(actor=desk_officer, channel="desk")   # a walk-in typed at the desk
    ReportDraftFactory.build(anonymous=True, name="")  # only the draft, not filed

They need the `force` fixture's stations (or the demo's, with `station=`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from kalantari.cases.services import report_submit
from kalantari.intake.models import Report
from kalantari.intake.services import ReportDraft


def _yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


class ReportDraftFactory(factory.Factory):
    """A valid report as typed into the form (`ReportDraft`), not yet filed."""

    class Meta:
        model = ReportDraft

    category = "theft_pickpocket"
    statement = factory.Sequence(lambda n: f"کیفم را در ایستگاه مترو تجریش زدند. ({n})")
    occurred_date = factory.LazyFunction(_yesterday)
    occurred_time = "10:00"
    address = "میدان تجریش"
    station = "ST-101"
    name = "مریم احمدی"
    national_id = "0499370899"
    mobile = "09121234567"


class ReportFactory(ReportDraftFactory):
    """A report filed through `report_submit` (which opens its case). `actor` is the desk
    officer for a walk-in, None (the default) for a citizen; `idempotency_key` as the API's."""

    actor = None
    idempotency_key = None

    @classmethod
    def _build(cls, model_class: type[ReportDraft], *args: Any, **kwargs: Any) -> ReportDraft:
        kwargs.pop("actor")
        kwargs.pop("idempotency_key")
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class: type[ReportDraft], *args: Any, **kwargs: Any) -> Report:
        actor = kwargs.pop("actor")
        key = kwargs.pop("idempotency_key")
        outcome = report_submit(
            actor=actor, draft=model_class(*args, **kwargs), idempotency_key=key
        )
        return Report.objects.get(tracking_code=outcome.body["tracking_code"].replace("-", ""))
