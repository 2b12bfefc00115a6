"""Shared kernel: the base every record extends, idempotency keys and throttle buckets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kalantari.core.ids import uuid7


class BaseModel(models.Model):
    """Every record: a UUID, who made and last changed it and when, and a version for 409s."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


class IdempotencyRecord(models.Model):
    """The stored answer to a public POST, keyed by the client's Idempotency-Key.

    The unique (scope, key) row is inserted in the same transaction as the record it
    guards, so a concurrent retry waits on it and then reads the stored answer.
    """

    id = models.BigAutoField(primary_key=True)
    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(default=0)
    response_body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_scope_key_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"


class ThrottleBucket(models.Model):
    """Attempts counted per key in a window, shared by every server process.

    `until` ends the current window (a bucket past its limit may be held longer: each
    window in a row that ends over the limit doubles the next wait, counted by `level`).
    """

    key = models.CharField(max_length=128, primary_key=True)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)
    until = models.DateTimeField(null=True, blank=True)
    level = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
