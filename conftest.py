"""Shared test world: a small force (province > county > two stations and an outpost) and
one named fixture per role, as DESIGN.md asks. Tests run against a real database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from kalantari.intake import catalogue
from kalantari.org.models import OrgUnit, Role, UnitKind, User
from kalantari.org.tests.factories import OrgUnitFactory, UserFactory

PASSWORD = "correct-horse-battery"
T = TypeVar("T")


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


def file_settings(root: Path) -> dict[str, Any]:
    """Uploads and the audit signing key under `root`, never under var/. (Texts to citizens,
    filing limits and the password hasher are set once in kalantari.config.settings_test.)"""
    return {
        "MEDIA_ROOT": root / "uploads",
        "KALANTARI_AUDIT_SIGNING_KEY_FILE": str(root / "keys" / "audit-signing.pem"),
    }


@pytest.fixture(autouse=True)
def _uploads(settings: Any, tmp_path: Path) -> None:
    from kalantari.core.sms import MemoryBackend

    for name, value in file_settings(tmp_path).items():
        setattr(settings, name, value)
    MemoryBackend.outbox.clear()


def shared_data(
    django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory, build: Callable[[], T]
) -> Iterator[T]:
    """Build data once for a whole module: `yield from shared_data(…, build)` in a
    module-scoped fixture.

    What `build` writes stays in one open transaction, rolled back after the module's last
    test, so nothing leaks into other modules; each test runs in its own savepoint inside it
    (pytest-django's `db`), so what one test changes is undone before the next. The services'
    durable blocks run inside it as inside a test's own transaction. Files `build` writes go
    to a temporary directory (a test's MEDIA_ROOT is its own). Not for modules with
    transactional tests (`transaction=True`, `live_server`) or threads that need the data."""
    outer = transaction.atomic()
    outer._from_testcase = True  # type: ignore[attr-defined]  # as Django's TestCase marks its own
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            with override_settings(**file_settings(tmp_path_factory.mktemp("shared"))):
                catalogue.invalidate()
                data = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        catalogue.invalidate()


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
    return build_force()


def build_force() -> dict[str, OrgUnit]:
    """The small force of the `force` fixture (for module-scoped fixtures, in shared_data)."""
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
    """A case opened through the real intake service (from `report_payload`'s values)."""
    from kalantari.cases.tests.factories import CaseFactory

    p = report_payload
    date_part, time_part = p["occurred_at"].split(" ")
    fields = ("category", "statement", "station", "name", "national_id", "mobile")
    return CaseFactory.create(
        occurred_date=date_part, occurred_time=time_part, address="", **{f: p[f] for f in fields}
    )
