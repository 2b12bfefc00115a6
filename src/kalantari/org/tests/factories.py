"""Factories for org units and staff."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

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
    # Approved by a second person (org/accounts.py), as a working account is.
    approved_at = factory.LazyFunction(timezone.now)


def sign_in(client: Any, user: User) -> Any:
    """A staff session as after both sign-in steps (password and authenticator code)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from kalantari.org.models import Authenticator
    from kalantari.org.security import SEEN_AT, SIGNED_IN_AT

    client.force_login(user)
    device = Authenticator.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = Authenticator.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SIGNED_IN_AT] = session[SEEN_AT] = timezone.now().isoformat()
    session.save()
    return client
