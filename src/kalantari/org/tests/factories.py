"""Factories for org units and staff."""

from __future__ import annotations

import factory

from kalantari.org.models import OrgUnit, Role, UnitKind, User


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n:04d}")
    kind = UnitKind.STATION
    name_fa = factory.Sequence(lambda n: f"کلانتری {n}")
    name_en = factory.Sequence(lambda n: f"Station {n}")
    phone = "021-1234567"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "علی"
    last_name = factory.Sequence(lambda n: f"افسر{n}")
    role = Role.DESK_OFFICER
    password = factory.django.Password("correct-horse-battery")
