"""The person registry: one record per person, linked by role to the records they appear in.

Identity is personal data: names, national ID, mobile, date of birth and address are
encrypted per row (core.fields); search goes through keyed blind indexes of the national
ID, the mobile and the folded name's tokens (core.crypto), as on the report.

A report keeps its own as-filed identity (what the citizen declared when filing is a legal
record): correcting or merging a person here never changes a report.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kalantari.core import crypto
from kalantari.core.fields import EncryptedTextField
from kalantari.core.models import BaseModel
from kalantari.core.text import normalise


class Source(models.TextChoices):
    STAFF = "staff", _("Entered by staff")
    FILING = "filing", _("From a report's filing")
    MIGRATION = "migration", _("From the reports filed before the registry")


class Person(BaseModel):
    """A person known to the force. A merged duplicate stays as a tombstone (`merged_into`).

    `unit_path` is where the record was made (the filing station, or the unit of the staff
    who entered it): with the units of its links it decides who may see the person.
    """

    given_name = EncryptedTextField(_("given name"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)
    father_name = EncryptedTextField(_("father's name"), blank=True)
    national_id = EncryptedTextField(_("national ID"), blank=True)
    mobile = EncryptedTextField(_("mobile"), blank=True)
    birth_date = EncryptedTextField(_("date of birth"), blank=True)  # ISO date, sealed
    address = EncryptedTextField(_("address"), blank=True)
    national_id_index = models.CharField(max_length=64, blank=True, db_index=True)
    mobile_index = models.CharField(max_length=64, blank=True, db_index=True)
    name_index = models.TextField(blank=True)
    index_key = models.CharField(max_length=16, default=crypto.current_index_key_id)
    unit_path = models.CharField(max_length=255, db_index=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.STAFF)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from_persons",
        verbose_name=_("merged into"),
    )
    merged_at = models.DateTimeField(null=True, blank=True)

    INDEX_FIELDS = ("national_id_index", "mobile_index", "name_index")
    INDEX_SOURCES = ("given_name", "family_name", "national_id", "mobile")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return str(self.pk)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    def index_identity(self) -> None:
        """Refresh the blind indexes from the (plaintext, in memory) identity fields."""
        self.index_key = crypto.current_index_key_id()
        self.national_id_index = crypto.blind_index("national_id", self.national_id)
        self.mobile_index = crypto.blind_index("mobile", self.mobile)
        self.name_index = crypto.token_index("name", normalise(self.full_name))


class Role(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    VICTIM = "victim", _("Victim")
    WITNESS = "witness", _("Witness")
    SUSPECT = "suspect", _("Suspect")
    DETAINEE = "detainee", _("Detainee")
    OFFICER = "officer", _("Officer")
    OWNER = "owner", _("Owner of property")


class SubjectKind(models.TextChoices):
    REPORT = "report", _("Report")
    CASE = "case", _("Case")
    DETENTION = "detention", _("Detention")
    ITEM = "item", _("Evidence item")
    SEIZURE = "seizure", _("Seizure")


class PersonLink(BaseModel):
    """A person's role in a record of a higher app (a report, a case), named by reference.

    People sits below intake and cases, so the record is (kind, id), not a foreign key; the
    app that owns the record calls `people.services` inside its own transaction. `unit_path`
    is the record's unit (a case's never changes): it scopes who may see the person.
    `merged_from` is the person this link belonged to before a merge (for the unmerge).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    subject_kind = models.CharField(max_length=16, choices=SubjectKind.choices)
    subject_id = models.CharField(max_length=64)
    unit_path = models.CharField(max_length=255, db_index=True)
    merged_from = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("person's link")
        verbose_name_plural = _("persons' links")
        indexes = [models.Index(fields=["subject_kind", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.role} {self.subject_kind}:{self.subject_id}"
