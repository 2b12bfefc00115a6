"""Shared test world: a small force (province > county > two stations and an outpost) and
one named fixture per role, as DESIGN.md asks. Tests run against a real database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from kalantari.intake import catalogue
from kalantari.org.models import OrgUnit, Role, UnitKind, User
from kalantari.org.tests.factories import OrgUnitFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh_catalogue() -> Iterator[None]:
    catalogue.invalidate()
    yield
    catalogue.invalidate()


@pytest.fixture(autouse=True)
def _audit_guard(request: pytest.FixtureRequest) -> Iterator[None]:
    """The append-only guard stays on, but for the flush that empties tables after a
    transactional test (SQLite's DELETE would hit the trigger; PostgreSQL truncates)."""
    from kalantari.audit import guard

    guard.lift_for_tests(False)
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if transactional:
        # Set the database up before this fixture, so that it is flushed after our teardown.
        request.getfixturevalue("_django_db_helper")
        yield
        guard.lift_for_tests(True)
    else:
        yield


def pytest_configure(config: pytest.Config) -> None:
    """Encryption keys for the run come from the environment, never from var/keys."""
    import os

    from kalantari.core.crypto import Keyring

    os.environ.setdefault("KALANTARI_KEYS", Keyring.generate().to_json())


@pytest.fixture(autouse=True)
def _uploads(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.KALANTARI_AUDIT_SIGNING_KEY_FILE = str(tmp_path / "keys" / "audit-signing.pem")
    # Text messages leave the system: the suite keeps them in memory instead.
    from kalantari.core.sms import MemoryBackend

    settings.KALANTARI_SMS_BACKEND = "kalantari.core.sms.MemoryBackend"
    settings.KALANTARI_SMS_ASYNC = False
    # Tests file many reports for one made-up person; intake/tests/test_rate_limits.py sets
    # the filing limits it checks.
    settings.KALANTARI_REPORTS_PER_PERSON_PER_DAY = 1000
    settings.KALANTARI_REPORTS_PER_ADDRESS_PER_HOUR = 1000
    MemoryBackend.outbox.clear()


def ensure_default_categories() -> None:
    """Transactional tests flush tables, the migration's categories with them: put them back."""
    import importlib

    from django.apps import apps

    from kalantari.intake.models import Category

    if not Category.objects.exists():
        migration = importlib.import_module("kalantari.intake.migrations.0003_default_categories")
        migration.add_categories(apps, None)


@pytest.fixture
def force(db: None) -> dict[str, OrgUnit]:
    ensure_default_categories()
    nation = OrgUnitFactory.create(
        code="IR", kind=UnitKind.NATION, name_fa="فراجا", name_en="Nation"
    )
    province = OrgUnitFactory.create(
        code="THR", kind=UnitKind.PROVINCE, parent=nation, name_fa="تهران", name_en="Tehran"
    )
    county = OrgUnitFactory.create(
        code="THR-C1",
        kind=UnitKind.COUNTY,
        parent=province,
        name_fa="شمیرانات",
        name_en="Shemiranat",
    )
    other_county = OrgUnitFactory.create(
        code="THR-C2", kind=UnitKind.COUNTY, parent=province, name_fa="ری", name_en="Rey"
    )
    station = OrgUnitFactory.create(
        code="ST-101",
        parent=county,
        name_fa="کلانتری ۱۰۱ تجریش",
        name_en="Tajrish Station 101",
        latitude=Decimal("35.804000"),
        longitude=Decimal("51.426000"),
        open_24_7=True,
    )
    sibling = OrgUnitFactory.create(
        code="ST-102",
        parent=county,
        name_fa="کلانتری ۱۰۲ نیاوران",
        name_en="Niavaran Station 102",
        latitude=Decimal("35.815000"),
        longitude=Decimal("51.470000"),
    )
    outpost = OrgUnitFactory.create(
        code="OP-201",
        kind=UnitKind.OUTPOST,
        parent=other_county,
        name_fa="پاسگاه کهریزک",
        name_en="Kahrizak Outpost",
        latitude=Decimal("35.520000"),
        longitude=Decimal("51.360000"),
    )
    return {
        "nation": nation,
        "province": province,
        "county": county,
        "other_county": other_county,
        "station": station,
        "sibling": sibling,
        "outpost": outpost,
    }


def _staff(username: str, role: str, unit: OrgUnit) -> User:
    return UserFactory.create(username=username, role=role, unit=unit, first_name=username.title())


@pytest.fixture
def desk_officer(force: dict[str, OrgUnit]) -> User:
    return _staff("desk", Role.DESK_OFFICER, force["station"])


@pytest.fixture
def investigator(force: dict[str, OrgUnit]) -> User:
    return _staff("investigator", Role.INVESTIGATOR, force["station"])


@pytest.fixture
def commander(force: dict[str, OrgUnit]) -> User:
    return _staff("commander", Role.COMMANDER, force["station"])


@pytest.fixture
def inspector(force: dict[str, OrgUnit]) -> User:
    return _staff("inspector", Role.INSPECTOR, force["province"])


@pytest.fixture
def other_station_officer(force: dict[str, OrgUnit]) -> User:
    return _staff("sibling_desk", Role.DESK_OFFICER, force["sibling"])


@pytest.fixture
def report_payload() -> dict[str, Any]:
    """A valid API body for POST /api/v1/reports (a pickpocketing at Tajrish)."""
    when = timezone.localtime() - timedelta(days=1)
    return {
        "category": "theft_pickpocket",
        "statement": "کیفم را در ایستگاه مترو تجریش زدند.",
        "occurred_at": when.strftime("%Y-%m-%d %H:%M"),
        "address": "میدان تجریش",
        "station": "ST-101",
        "name": "مریم احمدی",
        "national_id": "0499370899",
        "mobile": "09121234567",
    }


@pytest.fixture
def new_case(force: dict[str, OrgUnit], report_payload: dict[str, Any]) -> Any:
    """A case opened through the real intake service."""
    from kalantari.cases.models import Case
    from kalantari.cases.services import report_submit
    from kalantari.intake.services import ReportDraft

    p = report_payload
    date_part, time_part = p["occurred_at"].split(" ")
    outcome = report_submit(
        actor=None,
        draft=ReportDraft(
            category=p["category"],
            statement=p["statement"],
            occurred_date=date_part,
            occurred_time=time_part,
            station=p["station"],
            name=p["name"],
            national_id=p["national_id"],
            mobile=p["mobile"],
        ),
    )
    code = outcome.body["tracking_code"].replace("-", "")
    return Case.objects.select_related("report", "station").get(report__tracking_code=code)
