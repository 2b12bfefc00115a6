from django.contrib import admin

from kalantari.intake import catalogue
from kalantari.intake.models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name_fa",
        "name_en",
        "group",
        "default_priority",
        "sla_first_response_minutes",
        "sla_resolution_hours",
        "allows_anonymous",
        "retention_days",
        "active",
    )
    list_filter = ("group", "allows_anonymous", "active")
    list_editable = ("default_priority", "sla_first_response_minutes", "sla_resolution_hours")
    search_fields = ("code", "name_fa", "name_en")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        catalogue.invalidate()
