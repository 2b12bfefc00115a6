"""Citizen reports: categories, the report itself, its files and the citizen's follow-ups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kalantari.core import crypto
from kalantari.core.fields import EncryptedJSONField, EncryptedTextField
from kalantari.core.models import BaseModel
from kalantari.core.text import normalise


class CategoryGroup(models.TextChoices):
    THEFT = "theft", _("Theft")
    FRAUD = "fraud", _("Fraud")
    VIOLENCE = "violence", _("Violence and threats")
    FAMILY = "family", _("Family")
    TRAFFIC = "traffic", _("Traffic")
    DOCUMENTS = "documents", _("Lost documents")
    MISSING = "missing", _("Missing person")
    CYBER = "cyber", _("Online crime")
    TIPS = "tips", _("Tips")
    CONDUCT = "conduct", _("Police conduct")
    OTHER = "other", _("Other")


class Priority(models.IntegerChoices):
    URGENT = 1, _("Urgent")
    HIGH = 2, _("High")
    NORMAL = 3, _("Normal")
    LOW = 4, _("Low")


class Category(BaseModel):
    """A kind of report, with its priority, SLA targets and the extra fields it requires.

    `extra_fields` is a list of {"name", "kind", "label_fa", "label_en", "required"} where
    kind is one of text, textarea, plate, date, datetime, photo; checked at entry so a
    record is complete from the start.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    group = models.CharField(_("group"), max_length=16, choices=CategoryGroup.choices)
    name_fa = models.CharField(_("name (Persian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    help_fa = models.CharField(_("help (Persian)"), max_length=300, blank=True)
    help_en = models.CharField(_("help (English)"), max_length=300, blank=True)
    default_priority = models.PositiveSmallIntegerField(
        _("default priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    sla_first_response_minutes = models.PositiveIntegerField(
        _("first response target (minutes)"), default=24 * 60
    )
    sla_resolution_hours = models.PositiveIntegerField(_("resolution target (hours)"), default=720)
    allows_anonymous = models.BooleanField(_("may be anonymous"), default=False)
    extra_fields = models.JSONField(_("extra fields"), default=list, blank=True)
    retention_days = models.PositiveIntegerField(
        _("keep personal data for (days after closing)"),
        default=5 * 365,
        help_text=_("Then `kalantari retention apply` removes the person's data from the report."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_fa

    @property
    def help(self) -> str:
        return self.help_en if translation.get_language() == "en" else self.help_fa


class Channel(models.TextChoices):
    WEB = "web", _("Web portal")
    DESK = "desk", _("Station desk")
    API = "api", _("API")


class Report(BaseModel):
    """What a citizen reported. The case file that works it lives in `cases`."""

    tracking_code = models.CharField(_("tracking code"), max_length=13, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="reports")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    language = models.CharField(max_length=5, default="fa")
    statement = EncryptedTextField(_("statement"))
    occurred_at = models.DateTimeField(_("when it happened"))
    address = EncryptedTextField(_("address"), blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    requested_station = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    county = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    station = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="reports", verbose_name=_("station")
    )
    routing_reason = models.CharField(max_length=32)
    routing_detail = models.CharField(max_length=300, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    complainant_name = EncryptedTextField(_("name"), blank=True)
    national_id = EncryptedTextField(_("national ID"), blank=True)
    mobile = EncryptedTextField(_("mobile"), blank=True)
    # Keyed blind indexes (core.crypto): exact search without decrypting anything.
    national_id_index = models.CharField(max_length=64, blank=True, db_index=True)
    mobile_index = models.CharField(max_length=64, blank=True, db_index=True)
    name_index = models.TextField(blank=True)
    # The blind-index key the three indexes were computed with (`kalantari keys rotate-index`).
    index_key = models.CharField(max_length=16, default=crypto.current_index_key_id)
    pin_hash = models.CharField(max_length=200, blank=True)
    extra = EncryptedJSONField(default=dict, blank=True)
    receipt_token = models.CharField(max_length=43, unique=True)
    receipt_expires_at = models.DateTimeField()
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    INDEX_FIELDS = ("national_id_index", "mobile_index", "name_index")
    INDEX_SOURCES = ("national_id", "mobile", "complainant_name")

    def __str__(self) -> str:
        return self.tracking_code

    def index_identity(self) -> None:
        """Refresh the blind indexes from the (plaintext, in memory) identity fields."""
        self.index_key = crypto.current_index_key_id()
        self.national_id_index = crypto.blind_index("national_id", self.national_id)
        self.mobile_index = crypto.blind_index("mobile", self.mobile)
        self.name_index = crypto.token_index("name", normalise(self.complainant_name))


class Attachment(BaseModel):
    """A file given with a report or follow-up: type checked by content, metadata stripped."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    followup = models.ForeignKey(
        "FollowUp", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    field_name = models.CharField(max_length=40, blank=True)
    file = models.FileField(upload_to="reports/%Y/%m/", max_length=200)
    original_name = EncryptedTextField()  # file names often carry a person's name
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class FollowUp(BaseModel):
    """A message (or file) the citizen adds later; unread until a case handler opens it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followups")
    message = EncryptedTextField(_("message"), blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.created_at:%Y-%m-%d %H:%M}"


class StatusCode(models.Model):
    """A one-time code texted to the report's mobile: the alternative to typing the mobile.

    A request for an unknown code (or a report without a mobile) stores a row without a
    report, so that both cost the same work and the timing confirms nothing.
    """

    id = models.BigAutoField(primary_key=True)
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["report", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.report_id} until {self.expires_at:%H:%M}"
