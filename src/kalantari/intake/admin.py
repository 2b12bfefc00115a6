from django.contrib import admin

from kalantari.intake import catalogue
from kalantari.intake.models import Category
from kalantari.org.admin import OrgUnitAdmin
from kalantari.org.models import OrgUnit


class CatalogueOrgUnitAdmin(OrgUnitAdmin):
    """The org unit admin, dropping intake's snapshot of units on save: the catalogue is
    intake's, and org sits below intake (docs/architecture.md, "Layers")."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        catalogue.invalidate()


admin.site.unregister(OrgUnit)
admin.site.register(OrgUnit, CatalogueOrgUnitAdmin)


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
