"""A person's data access request discloses reads of their record in the person registry."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kalantari.core import crypto
from kalantari.oversight.readings import citizen_accesses
from kalantari.oversight.selectors import person_subjects
from kalantari.people import services
from kalantari.people.models import Person

pytestmark = pytest.mark.django_db


def test_reads_of_the_person_record_are_disclosed(desk_officer: Any, new_case: Any) -> None:
    person = Person.objects.get()
    services.person_view(actor=desk_officer, person_id=person.pk)
    subjects = person_subjects(crypto.blind_index("national_id", "0499370899"))
    assert ("person", str(person.pk)) in subjects
    with translation.override("en"):
        labels = [
            label
            for access in citizen_accesses(subjects, include_person_searches=True)
            for label in access.labels
        ]
    assert "Opened your record in the person registry" in labels
