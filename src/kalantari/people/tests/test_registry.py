"""The person registry: identity sealed at rest, filing links the complainant, search."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from kalantari.audit.models import AuditEvent
from kalantari.core.errors import Conflict, Forbidden, ValidationFailed
from kalantari.intake.models import Report
from kalantari.people import selectors, services
from kalantari.people.models import Person, PersonLink
from kalantari.people.tests.conftest import file_report

pytestmark = pytest.mark.django_db


def raw_person(pk: Any) -> dict[str, str]:
    columns = ["given_name", "family_name", "national_id", "mobile", "birth_date", "address"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM people_person WHERE id = %s",  # noqa: S608
            [Person._meta.pk.get_db_prep_value(pk, connection)],
        )
        return dict(zip(columns, cursor.fetchone(), strict=True))


def test_identity_is_sealed_at_rest(desk_officer: Any) -> None:
    person = services.person_create(
        actor=desk_officer,
        draft=services.PersonDraft(
            given_name="رضا",
            family_name="کریمی",
            national_id="۰۴۹۹۳۷۰۸۹۹",
            mobile="+98 912 123 4567",
            birth_date="۱۳۶۰/۰۱/۱۵",
            address="خیابان ولیعصر",
        ),
    )
    stored = raw_person(person.pk)
    for column, plain in [
        ("given_name", "رضا"),
        ("family_name", "کریمی"),
        ("national_id", "0499370899"),
        ("mobile", "09121234567"),
        ("birth_date", "1981-04-04"),
        ("address", "ولیعصر"),
    ]:
        assert stored[column].startswith("kv2."), column
        assert plain not in stored[column], column
    again = Person.objects.get(pk=person.pk)
    assert (again.national_id, again.mobile, again.birth_date) == (
        "0499370899",
        "09121234567",
        "1981-04-04",
    )
    assert again.national_id_index and again.mobile_index and again.name_index
    event = AuditEvent.objects.get(action="person.created")
    assert event.subjects == [f"person:{person.pk}"]


def test_bad_identifiers_are_field_errors(desk_officer: Any) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.person_create(
            actor=desk_officer,
            draft=services.PersonDraft(family_name="کریمی", national_id="1234567890"),
        )
    assert caught.value.field == "national_id"


def test_a_national_id_is_registered_once(desk_officer: Any, filed: Report) -> None:
    with pytest.raises(Conflict):
        services.person_create(
            actor=desk_officer,
            draft=services.PersonDraft(family_name="احمدی", national_id="0499370899"),
        )


def test_an_inspector_does_not_enter_persons(inspector: Any) -> None:
    with pytest.raises(Forbidden):
        services.person_create(actor=inspector, draft=services.PersonDraft(family_name="x"))


def test_filing_links_the_complainant_once_per_national_id(force: Any) -> None:
    first = file_report()
    second = file_report(name="مريم احمدي", mobile="09351234567")  # Arabic letters this time
    person = Person.objects.get()
    assert person.source == "filing" and person.unit_path == force["station"].path
    assert (person.given_name, person.family_name) == ("مریم", "احمدی")
    links = PersonLink.objects.filter(person=person, role="complainant")
    assert sorted(link.subject_id for link in links) == sorted([str(first.pk), str(second.pk)])
    assert AuditEvent.objects.filter(action="person.linked").count() == 2


def test_an_anonymous_tip_makes_no_person(force: Any) -> None:
    file_report(anonymous=True)
    assert not Person.objects.exists()
    assert not PersonLink.objects.exists()


def test_correcting_the_person_leaves_the_report_as_filed(commander: Any, filed: Report) -> None:
    person = Person.objects.get()
    services.person_update(
        actor=commander,
        person_id=person.pk,
        draft=services.PersonDraft(
            given_name="مریم",
            family_name="احمدی‌نژاد",
            national_id="0499370899",
            mobile="09121234567",
        ),
        expected_version=person.version,
    )
    report = Report.objects.get(pk=filed.pk)
    assert report.complainant_name == "مریم احمدی"
    with pytest.raises(Conflict):  # stale version
        services.person_update(
            actor=commander,
            person_id=person.pk,
            draft=services.PersonDraft(family_name="x"),
            expected_version=person.version,
        )
    event = AuditEvent.objects.get(action="person.updated")
    assert event.changes == {"fields": ["family_name"]}


@pytest.mark.parametrize(
    "query",
    [
        "۰۴۹۹۳۷۰۸۹۹",  # Persian digits
        "٠٤٩٩٣٧٠٨٩٩",  # Arabic-Indic digits
        "0499-370-899",
        "۰۹۱۲ ۱۲۳ ۴۵۶۷",  # the mobile
        "+989121234567",
        "مريم",  # Arabic yeh
        "احمدي مريم",
        "مریم احمدی",
    ],
)
def test_search_folds_digits_and_letters(desk_officer: Any, filed: Report, query: str) -> None:
    kind, found = services.person_search_audited(
        actor=desk_officer, query=query, purpose_code="report"
    )
    assert [p.pk for p in found] == [Person.objects.get().pk], kind
    event = AuditEvent.objects.filter(action="person.searched").latest("id")
    assert f"person:{found[0].pk}" in event.subjects
    assert event.purpose_code == "report"
    if kind == "national_id":
        assert any(s.startswith("person:nid:") for s in event.subjects)
        assert "0499370899" not in str(event.subjects)


def test_every_person_search_needs_a_purpose(desk_officer: Any, filed: Report) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.person_search_audited(actor=desk_officer, query="مریم", purpose_code="")
    assert caught.value.field == "purpose_code"
    assert not AuditEvent.objects.filter(action="person.searched").exists()


def test_search_is_scoped_to_the_unit(
    other_station_officer: Any, inspector: Any, filed: Report
) -> None:
    _, found = services.person_search_audited(
        actor=other_station_officer, query="0499370899", purpose_code="identity"
    )
    assert found == []
    _, found = services.person_search_audited(
        actor=inspector, query="0499370899", purpose_code="oversight"
    )
    assert len(found) == 1


def test_a_link_to_another_station_makes_the_person_visible_there(
    commander: Any, other_station_officer: Any, force: Any
) -> None:
    person = services.person_create(
        actor=commander, draft=services.PersonDraft(family_name="کریمی")
    )
    assert not selectors.persons_visible_to(user=other_station_officer).filter(pk=person.pk)
    with pytest.raises(Forbidden):  # the commander's unit does not hold the sibling's record
        services.person_link(
            actor=commander,
            person_id=person.pk,
            role="witness",
            subject_kind="case",
            subject_id="c-1",
            unit_path=force["sibling"].path,
        )
    services.person_link(
        actor=commander,
        person_id=person.pk,
        role="witness",
        subject_kind="case",
        subject_id="c-1",
        unit_path=force["station"].path,
    )
    assert [link.role for link in selectors.person_links_of(kind="case", subject_id="c-1")] == [
        "witness"
    ]
