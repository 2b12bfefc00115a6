from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from kalantari.audit.services import RequestContext
from kalantari.intake import catalogue
from kalantari.org import services
from kalantari.org.models import ApiToken, OrgUnit, User


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fa", "name_en", "kind", "parent", "open_24_7", "active")
    list_filter = ("kind", "open_24_7", "active")
    search_fields = ("code", "name_fa", "name_en")
    readonly_fields = ("path", "created_at", "updated_at")
    autocomplete_fields = ("parent",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        catalogue.invalidate()


@admin.action(description=_("Unlock the selected accounts"))
def unlock_accounts(modeladmin: Any, request: Any, queryset: Any) -> None:
    for user in queryset.exclude(locked_out_at=None):
        services.staff_unlock(
            actor=request.user, user=user, context=RequestContext.from_request(request)
        )


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "unit",
        "is_active",
        "locked_out_at",
    )
    list_filter = ("role", "is_active", "unit__kind")
    actions = [unlock_accounts]
    readonly_fields = ("locked_out_at", "last_login", "date_joined")
    search_fields = ("username", "first_name", "last_name", "badge_number")
    autocomplete_fields = ("unit",)
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Kalantari", {"fields": ("unit", "role", "rank", "badge_number")}),
    )

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        """Only a superuser grants superuser or raw permissions; nobody edits their own
        role, unit or rights (separation of duties: another administrator must)."""
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
            if obj is not None and obj.pk == request.user.pk:
                fields += ["role", "unit", "is_staff", "is_active", "groups"]
        return fields

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        before = services.staff_snapshot(User.objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        request.kalantari_account_before = before  # per request: the admin is shared

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        # Groups are saved here, after the account: audit once everything is in place.
        super().save_related(request, form, formsets, change)
        services.staff_changes_audit(
            actor=request.user,
            user=form.instance,
            before=getattr(request, "kalantari_account_before", {}),
            context=RequestContext.from_request(request),
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at", "last_used_at", "expires_at", "revoked")
    readonly_fields = ("key_hash", "last_used_at")
