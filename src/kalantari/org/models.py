"""Org units (nation > province > county > station/outpost) and the staff bound to them."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from kalantari.core.errors import ValidationFailed
from kalantari.core.fields import EncryptedTextField
from kalantari.core.identifiers import normalise_mobile
from kalantari.core.models import BaseModel


class UnitKind(models.TextChoices):
    NATION = "nation", _("Nation")
    PROVINCE = "province", _("Province")
    COUNTY = "county", _("County")
    STATION = "station", _("Police station")
    OUTPOST = "outpost", _("Outpost")


FRONT_LINE_KINDS = (UnitKind.STATION, UnitKind.OUTPOST)


class OrgUnit(BaseModel):
    """A unit of the force; `path` holds the codes from the nation down (a subtree = a prefix)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address_fa = models.CharField(_("address (Persian)"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    open_24_7 = models.BooleanField(_("open 24/7"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "active"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_fa

    @property
    def address(self) -> str:
        return self.address_en if translation.get_language() == "en" else self.address_fa

    @property
    def is_front_line(self) -> bool:
        return self.kind in FRONT_LINE_KINDS

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id and self.parent else "/"
        return f"{prefix}{self.code}/"

    def save(self, *args: object, **kwargs: object) -> None:
        self.path = self.compute_path()
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", _("Desk officer")
    INVESTIGATOR = "investigator", _("Investigator")
    COMMANDER = "commander", _("Station commander")
    INSPECTOR = "inspector", _("Inspector")
    PLANNER = "planner", _("Operations planner")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):  # type: ignore[django-manager-missing]
    """A staff account; every one belongs to an org unit and holds one role there."""

    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    rank = models.CharField(_("rank"), max_length=64, blank=True)
    badge_number = models.CharField(_("badge number"), max_length=32, blank=True)
    # Set by an administrator who locks the account (say after a sign-in alert); sign-in and
    # API tokens are refused until one unlocks it. Failed sign-ins never set it: they only
    # hold off one account at one address for a while (org/signin.py).
    locked_out_at = models.DateTimeField(_("locked out at"), null=True, blank=True)
    # Who made the account, and the second person (an administrator or its commander, never
    # the creator) who approved it: an unapproved account reads no case file (access.policy).
    created_by = models.ForeignKey(
        "self",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        "self",
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_approved(self) -> bool:
        return self.is_superuser or self.approved_at is not None

    @property
    def password_stamp(self) -> str:
        """Changes whenever the password does: API tokens are bound to it."""
        return hashlib.sha256(f"stamp:{self.password}".encode()).hexdigest()[:32]

    @property
    def display_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep the account's role group (see access/roles.py) and admin-site flag in step."""
        fields = kwargs.get("update_fields")
        role_touched = fields is None or "role" in fields
        if role_touched:
            self.is_staff = self.is_superuser or self.role == Role.ADMIN
            if fields is not None:
                kwargs["update_fields"] = {*fields, "is_staff"}
        super().save(*args, **kwargs)
        if role_touched:
            from django.contrib.auth.models import Group

            role_groups = self.groups.filter(name__in=Role.values)
            if {g.name for g in role_groups} != ({self.role} if self.role else set()):
                self.groups.remove(*role_groups)
                group = Group.objects.filter(name=self.role).first() if self.role else None
                if group is not None:
                    self.groups.add(group)


class StaffContact(BaseModel):
    """How an account is reached outside the app (the weekly digest): a sealed mobile and the
    language it reads. Its own row because sealed values are bound to a UUID pk."""

    user = models.OneToOneField(
        User, verbose_name=_("staff account"), on_delete=models.CASCADE, related_name="contact"
    )
    mobile = EncryptedTextField(_("mobile"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="fa"
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return str(self.user_id)

    def clean(self) -> None:
        super().clean()
        if self.mobile:
            try:
                self.mobile = normalise_mobile(self.mobile)
            except ValidationFailed as error:
                raise ValidationError({"mobile": str(error)}) from error


class TokenAudience(models.TextChoices):
    STAFF = "staff", _("Staff API")
    PARTNER = "partner", _("Partner agency")


class ApiToken(BaseModel):
    """A bearer token for API clients; only its SHA-256 is stored.

    A token serves one audience: staff tokens open the staff endpoints; partner-agency
    tokens open only the partner endpoints (the sharing agreements bring them) and are
    refused everywhere else.
    """

    user = models.ForeignKey(
        User, verbose_name=_("staff account"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    audience = models.CharField(
        _("audience"), max_length=16, choices=TokenAudience.choices, default=TokenAudience.STAFF
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    # The account's password stamp when the token was issued: a password change ends it.
    password_stamp = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.password_stamp:
            self.password_stamp = self.user.password_stamp
        super().save(*args, **kwargs)

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class ThrottleKind(models.TextChoices):
    ACCOUNT_ADDRESS = "account_address", _("account at an address")
    ADDRESS = "address", _("address")


class SignInThrottle(models.Model):
    """Failed sign-ins of one account from one address (or of any account from one address).

    `blocked_until` holds the next attempt off (progressive delays, then a lock that expires);
    `locked_at` marks the lock the administrators were told about (once per lock).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ThrottleKind.choices)
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.CharField(_("address"), max_length=45, blank=True)
    failures = models.PositiveIntegerField(_("failures"), default=0)
    last_failure_at = models.DateTimeField(_("last failure at"), null=True, blank=True)
    blocked_until = models.DateTimeField(_("held off until"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in throttle")
        verbose_name_plural = _("sign-in throttles")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "username", "ip"], name="org_signin_throttle_unique"
            )
        ]
        indexes = [models.Index(fields=["username"])]

    def __str__(self) -> str:
        return f"{self.username or '*'}@{self.ip}: {self.failures}"


class EnrolmentCode(BaseModel):
    """A one-time code an administrator hands an officer to enrol an authenticator.

    Only its hash is stored; it expires, and a few wrong tries spend it.
    """

    user = models.ForeignKey(
        User, verbose_name=_("staff account"), on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(_("failures"), default=0)

    class Meta:
        verbose_name = _("enrolment code")
        verbose_name_plural = _("enrolment codes")

    @staticmethod
    def hash_code(code: str) -> str:
        return hashlib.sha256(f"enrol:{code}".encode()).hexdigest()


def _new_device_id() -> int:
    import secrets

    return secrets.randbits(62) + 1


def _new_totp_key() -> str:
    from django_otp.util import random_hex

    return str(random_hex(20))


class Authenticator(TimestampMixin, ThrottlingMixin, Device):
    """A staff member's TOTP authenticator, its seed encrypted at rest with the key ring.

    The same fields and checks as django-otp's TOTPDevice (its methods are reused), but the
    hex seed is an EncryptedTextField: a copy of the database does not hold usable seeds.
    """

    # Known before the first save (encrypted values are bound to their row), and an integer:
    # django-otp reads a device's id back from the session with int().
    id: Any = models.BigIntegerField(primary_key=True, default=_new_device_id, editable=False)
    key = EncryptedTextField(default=_new_totp_key)
    step: Any = models.PositiveSmallIntegerField(default=30)
    t0: Any = models.BigIntegerField(default=0)
    digits: Any = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance: Any = models.PositiveSmallIntegerField(default=1)
    drift: Any = models.SmallIntegerField(default=0)
    last_t: Any = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("authenticator")
        verbose_name_plural = _("authenticators")

    bin_key = TOTPDevice.bin_key
    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings
