"""Administration of the SLA rules (the admin role keeps them; categories hold the defaults)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kalantari.cases.models import SlaRule
from kalantari.org.models import User


@admin.register(SlaRule)
class SlaRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Rules are checked by `SlaRule.clean`: none naming nothing, none twice (NULLs included)."""

    list_display = ("category", "priority", "first_response_minutes", "resolution_hours")
    list_filter = ("priority", "category__group")
    list_editable = ("first_response_minutes", "resolution_hours")
    search_fields = ("category__code", "category__name_fa", "category__name_en")
    autocomplete_fields = ("category",)
    readonly_fields = ("created_at", "updated_at", "created_by", "updated_by")

    def save_model(self, request: HttpRequest, obj: SlaRule, form: Any, change: bool) -> None:
        user = request.user if isinstance(request.user, User) else None
        if not change:
            obj.created_by = user
        obj.updated_by = user
        super().save_model(request, obj, form, change)
