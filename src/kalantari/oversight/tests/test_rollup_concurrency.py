"""rollup_bump under concurrent transactions (PostgreSQL): no addition is ever lost."""

from __future__ import annotations

import threading
import time
from datetime import date
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from kalantari.cases.tests.factories import CaseFactory
from kalantari.org.models import OrgUnit
from kalantari.oversight.models import UnitDay
from kalantari.oversight.rollups import rollup_bump

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time"),
]

THREADS = 6
ROUNDS = 15


def _run(target: Any, n: int) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def work(i: int) -> None:
        try:
            barrier.wait()
            target(i)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_racing_bumps_of_one_new_row_all_count(force: dict[str, OrgUnit]) -> None:
    station = force["station"]
    day = date(2026, 3, 10)

    def bump(i: int) -> None:
        for _ in range(ROUNDS):
            with transaction.atomic():
                rollup_bump(station.pk, day, unit_path=station.path, ratings=1, rating_sum=i + 1)
                time.sleep(0.002)  # hold the row's lock while the others queue on it

    assert _run(bump, THREADS) == []
    row = UnitDay.objects.get(station=station, day=day)
    assert row.ratings == THREADS * ROUNDS
    assert row.rating_sum == ROUNDS * sum(range(1, THREADS + 1))


def test_reports_filed_at_once_are_all_received(force: dict[str, OrgUnit]) -> None:
    def file(i: int) -> None:
        CaseFactory.create(station="ST-101", statement=f"گزارش همزمان {i}")

    assert _run(file, 4) == []
    row = UnitDay.objects.get(station=force["station"], day=timezone.localdate())
    assert row.received == 4
