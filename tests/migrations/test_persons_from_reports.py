"""people.0002: the identities of reports filed before the registry become persons with
complainant links (one person per national ID; none for an anonymous tip), and back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("people", "0001_initial")]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def file(category: str, **identity: str) -> str:
    from kalantari.cases.services import report_submit
    from kalantari.intake.services import ReportDraft

    when = timezone.localtime() - timedelta(days=1)
    outcome = report_submit(
        actor=None,
        draft=ReportDraft(
            category=category,
            statement="گزارش پیش از دفتر اشخاص",
            occurred_date=when.strftime("%Y-%m-%d"),
            station="RT-1",
            anonymous=not identity,
            **identity,
        ),
    )
    return outcome.body["report_id"]


def test_persons_from_reports_forwards_and_back() -> None:
    from conftest import ensure_default_categories

    from kalantari.intake import catalogue
    from kalantari.org.models import OrgUnit
    from kalantari.people.models import Person, PersonLink

    ensure_default_categories()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    OrgUnit.objects.create(code="RT-1", kind="station", name_fa="ک", name_en="S")
    catalogue.invalidate()
    maryam = {"name": "مریم احمدی", "national_id": "0499370899", "mobile": "09121234567"}
    reports = [
        file("theft_pickpocket", **maryam),
        file("theft_pickpocket", **maryam | {"mobile": "09351234567"}),
        file("theft_pickpocket", name="رضا کریمی", national_id="0067749828", mobile="09121112233"),
        file("tip_narcotics"),
    ]
    # As before the registry: the reports exist, no person does.
    PersonLink.objects.all().delete()
    Person.objects.all().delete()
    migrate(BEFORE)
    migrate(latest)

    persons = {p.national_id: p for p in Person.objects.all()}
    assert set(persons) == {"0499370899", "0067749828"}
    assert {p.source for p in persons.values()} == {"migration"}
    assert (persons["0499370899"].given_name, persons["0499370899"].family_name) == (
        "مریم",
        "احمدی",
    )
    assert persons["0499370899"].name_index and persons["0499370899"].unit_path == "/RT-1/"
    links = {(link.person.national_id, link.subject_id) for link in PersonLink.objects.all()}
    assert links == {
        ("0499370899", reports[0]),
        ("0499370899", reports[1]),
        ("0067749828", reports[2]),
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT national_id FROM people_person")
        assert all(str(v).startswith("kv2.") for (v,) in cursor.fetchall())

    migrate(BEFORE)
    assert not Person.objects.exists() and not PersonLink.objects.exists()
    migrate(latest)
    assert Person.objects.count() == 2 and PersonLink.objects.count() == 3
