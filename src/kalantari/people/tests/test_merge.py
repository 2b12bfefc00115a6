"""Merging duplicates moves their links and keeps a tombstone; unmerging undoes it exactly."""

from __future__ import annotations

from typing import Any

import pytest

from kalantari.audit.models import AuditEvent
from kalantari.core.errors import Conflict, Forbidden, NotFound
from kalantari.people import selectors, services
from kalantari.people.models import Person, PersonLink
from kalantari.people.tests.conftest import file_report

pytestmark = pytest.mark.django_db


def links_of(person: Person) -> set[str]:
    return set(PersonLink.objects.filter(person=person).values_list("subject_id", flat=True))


def test_merge_and_unmerge_round_trip(commander: Any, desk_officer: Any, force: Any) -> None:
    a = file_report()
    b = file_report(name="مریم احمدی", national_id="0067749828")  # the same woman, a typo'd ID
    survivor = Person.objects.get(links__subject_id=str(a.pk))
    duplicate = Person.objects.get(links__subject_id=str(b.pk))
    services.person_merge(
        actor=commander, survivor_id=survivor.pk, duplicate_id=duplicate.pk, reason="one woman"
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == survivor.pk
    assert links_of(survivor) == {str(a.pk), str(b.pk)} and links_of(duplicate) == set()
    # The tombstone is no longer found by search, but its page still opens (for the unmerge).
    _, found = services.person_search_audited(
        actor=desk_officer, query="0067749828", purpose_code="identity"
    )
    assert found == []
    assert selectors.person_get_visible(user=desk_officer, person_id=duplicate.pk)
    merged = AuditEvent.objects.get(action="person.merged")
    assert set(merged.subjects) == {f"person:{survivor.pk}", f"person:{duplicate.pk}"}
    assert merged.changes["links"] == 1 and merged.purpose == "one woman"

    with pytest.raises(Conflict):
        services.person_merge(actor=commander, survivor_id=duplicate.pk, duplicate_id=survivor.pk)

    services.person_unmerge(actor=commander, person_id=duplicate.pk)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None
    assert links_of(survivor) == {str(a.pk)} and links_of(duplicate) == {str(b.pk)}
    assert not PersonLink.objects.filter(merged_from__isnull=False).exists()
    unmerged = AuditEvent.objects.get(action="person.unmerged")
    assert set(unmerged.subjects) == {f"person:{survivor.pk}", f"person:{duplicate.pk}"}
    with pytest.raises(Conflict):
        services.person_unmerge(actor=commander, person_id=duplicate.pk)


def test_chained_merges_unmerge_one_at_a_time(commander: Any, force: Any) -> None:
    reports = [file_report(national_id=nid) for nid in ("0499370899", "0067749828", "0013542419")]
    people = [Person.objects.get(links__subject_id=str(r.pk)) for r in reports]
    a, b, c = people
    services.person_merge(actor=commander, survivor_id=b.pk, duplicate_id=a.pk)
    services.person_merge(actor=commander, survivor_id=c.pk, duplicate_id=b.pk)
    assert len(links_of(c)) == 3
    services.person_unmerge(actor=commander, person_id=a.pk)
    assert links_of(a) == {str(reports[0].pk)}
    services.person_unmerge(actor=commander, person_id=b.pk)
    assert links_of(b) == {str(reports[1].pk)} and links_of(c) == {str(reports[2].pk)}


def test_who_may_merge(
    desk_officer: Any, inspector: Any, other_station_officer: Any, force: Any
) -> None:
    a = Person.objects.get(links__subject_id=str(file_report().pk))
    b = Person.objects.get(links__subject_id=str(file_report(national_id="0067749828").pk))
    with pytest.raises(Forbidden):
        services.person_merge(actor=desk_officer, survivor_id=a.pk, duplicate_id=b.pk)
    with pytest.raises(NotFound):
        services.person_merge(actor=other_station_officer, survivor_id=a.pk, duplicate_id=b.pk)
    services.person_merge(actor=inspector, survivor_id=a.pk, duplicate_id=b.pk)
    assert Person.objects.get(pk=b.pk).merged_into_id == a.pk
