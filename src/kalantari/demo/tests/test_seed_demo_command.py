"""`kalantari seed_demo` on an empty database, then again (apart from test_seed_demo.py,
whose tests share one seeded demo)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from kalantari.intake.models import Report
from kalantari.org.models import User

pytestmark = pytest.mark.django_db


def test_rerun_keeps_what_exists(settings: Any) -> None:
    settings.KALANTARI_DEMO = True  # the command refuses otherwise (core/tests/test_demo_only.py)
    out = StringIO()
    call_command("seed_demo", "--reports", "30", stdout=out)
    codes = set(Report.objects.values_list("tracking_code", flat=True))
    call_command("seed_demo", "--reports", "30", stdout=out)
    assert set(Report.objects.values_list("tracking_code", flat=True)) == codes
    assert User.objects.filter(username="desk_thr101").count() == 1
    assert "already exist" in out.getvalue()
