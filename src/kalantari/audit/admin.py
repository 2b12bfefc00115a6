from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from kalantari.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the log is append-only."""

    list_display = ("at", "action", "actor", "actor_unit", "target_type", "target_id", "outcome")
    list_filter = ("action", "outcome")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
