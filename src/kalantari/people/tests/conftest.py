"""Helpers for the person registry's tests: file a report through the real intake service."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kalantari.cases.services import report_submit
from kalantari.intake.models import Report
from kalantari.intake.services import ReportDraft


def file_report(
    *,
    name: str = "مریم احمدی",
    national_id: str = "0499370899",
    mobile: str = "09121234567",
    station: str = "ST-101",
    anonymous: bool = False,
) -> Report:
    when = timezone.localtime() - timedelta(days=1)
    outcome = report_submit(
        actor=None,
        draft=ReportDraft(
            category="tip_narcotics" if anonymous else "theft_pickpocket",
            statement="کیفم را در ایستگاه مترو زدند.",
            occurred_date=when.strftime("%Y-%m-%d"),
            occurred_time=when.strftime("%H:%M"),
            station=station,
            anonymous=anonymous,
            name="" if anonymous else name,
            national_id="" if anonymous else national_id,
            mobile="" if anonymous else mobile,
        ),
    )
    return Report.objects.get(tracking_code=outcome.body["tracking_code"].replace("-", ""))


@pytest.fixture
def filed(force: Any) -> Report:
    """A report filed at ST-101 by مریم احمدی (national ID 0499370899)."""
    return file_report()
