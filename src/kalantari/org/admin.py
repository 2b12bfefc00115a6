"""Administration of units and staff accounts, scoped to the administrator's own subtree."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserCreationForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kalantari.audit.services import RequestContext
from kalantari.org import accounts, services
from kalantari.org.models import ApiToken, OrgUnit, Role, StaffContact, User
from kalantari.org.views import admin_login

# The admin site wears the site's name, and its sign-in is the staff sign-in (same throttle,
# audit and second step): no way round them through /admin/login/.
admin.site.site_header = _("Kalantari administration")
admin.site.site_title = _("Kalantari administration")
admin.site.index_title = _("Units, staff and settings")
admin.site.login = admin_login  # type: ignore[method-assign]


def _unregister_stock_pages() -> None:
    """django-otp's TOTP admin shows plain seeds (our authenticators replace it); groups are
    the roles' permissions, kept by migrations from access/roles.py, not edited by hand
    (an editable group is a way round the role an account was given)."""
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, Group):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_unregister_stock_pages()


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fa", "name_en", "kind", "parent", "open_24_7", "active")
    list_filter = ("kind", "open_24_7", "active")
    search_fields = ("code", "name_fa", "name_en")
    readonly_fields = ("unit_path", "created_at", "updated_at")
    exclude = ("path",)
    autocomplete_fields = ("parent",)

    @admin.display(description=_("path"))
    def unit_path(self, obj: OrgUnit) -> str:
        return obj.path


def _context(request: Any) -> RequestContext:
    return RequestContext.from_request(request)


@admin.action(description=_("Lock the selected accounts"))
def lock_accounts(modeladmin: Any, request: Any, queryset: Any) -> None:
    for user in queryset.filter(locked_out_at=None):
        services.staff_lock(actor=request.user, user=user, context=_context(request))


@admin.action(description=_("Unlock the selected accounts and forget their failed sign-ins"))
def unlock_accounts(modeladmin: Any, request: Any, queryset: Any) -> None:
    for user in queryset:
        services.staff_unlock(actor=request.user, user=user, context=_context(request))


@admin.action(description=_("Approve the selected new accounts"))
def approve_accounts(modeladmin: Any, request: Any, queryset: Any) -> None:
    refused = []
    for user in queryset.filter(approved_at=None):
        try:
            services.staff_approve(actor=request.user, user=user, context=_context(request))
        except PermissionDenied:
            refused.append(user.username)
    if refused:
        messages.error(
            request,
            _("Not approved (you created them, or they are outside your units): %(names)s")
            % {"names": ", ".join(refused)},
        )


@admin.action(description=_("Issue an enrolment code for a new authenticator"))
def issue_enrolment_codes(modeladmin: Any, request: Any, queryset: Any) -> None:
    issued = [
        (
            user.username,
            services.enrolment_code_issue(actor=request.user, user=user, context=_context(request)),
        )
        for user in queryset
    ]
    # Shown this once: only the codes' hashes are kept.
    messages.warning(
        request,
        format_html_join(
            " · ",
            '{} <code dir="ltr">{}</code>',
            issued,
        ),
    )


_STOCK: Any = UserAdmin.fieldsets


class StaffCreationForm(UserCreationForm):
    """A staff account always has a password (no password-less accounts)."""

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username",)


class StaffPasswordForm(AdminPasswordChangeForm):
    """Set a new password; never switch password sign-in off for a staff account."""

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields.pop("usable_password", None)
        self.fields["password1"].required = True
        self.fields["password2"].required = True


# Django's admin strings its Persian catalogue lacks: extracted here, translated in ours.
DJANGO_ADMIN_GAPS = (
    gettext_noop("Model name"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Please correct the error below."),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("salt"),
    gettext_noop("hash"),
    gettext_noop("In case you’ve forgotten, you are:"),
)


class StaffContactInline(admin.StackedInline):
    model = StaffContact
    can_delete = True
    extra = 0
    max_num = 1
    fk_name = "user"
    fields = ("mobile", "language")


@admin.register(User)
class StaffAdmin(UserAdmin):
    inlines = [StaffContactInline]
    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "unit",
        "is_active",
        "approved_at",
        "locked_out_at",
    )
    list_filter = ("role", "is_active", "unit__kind")
    actions = [approve_accounts, issue_enrolment_codes, lock_accounts, unlock_accounts]
    readonly_fields = (
        "locked_out_at",
        "last_login",
        "date_joined",
        "created_by",
        "approved_by",
        "approved_at",
    )
    search_fields = ("username", "first_name", "last_name", "badge_number")
    add_form = StaffCreationForm
    change_password_form = StaffPasswordForm
    # Django's own headings (translated by Django); no raw permissions or groups: an
    # account's rights come from its role (access/roles.py), and those lists are English.
    fieldsets = (
        _STOCK[0],
        _STOCK[1],
        (_STOCK[2][0], {"fields": ("is_active", "is_superuser")}),
        _STOCK[3],
        (
            _("Unit and role"),
            {"fields": ("unit", "role", "rank", "badge_number")},
        ),
        (
            _("Approval and lock"),
            {"fields": ("created_by", "approved_by", "approved_at", "locked_out_at")},
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "unit",
                    "role",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def get_queryset(self, request: Any) -> QuerySet[User]:
        """Only accounts of the administrator's own unit and below; superusers for superusers."""
        return super().get_queryset(request) & accounts.managed_accounts(request.user)

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        """Only a superuser grants superuser, groups or raw permissions (roles bring the
        groups); nobody edits their own role, unit or rights (another administrator must)."""
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions", "groups", "is_staff"]
            if obj is not None and obj.pk == request.user.pk:
                fields += ["role", "unit", "is_active"]
        return fields

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "unit":
            kwargs["queryset"] = accounts.managed_units(request.user)
            kwargs["required"] = not request.user.is_superuser
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "role":
            allowed = accounts.grantable_roles(request.user)
            kwargs["choices"] = [("", "---------")] + [
                (value, label) for value, label in Role.choices if value in allowed
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and not accounts.can_manage(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and not accounts.can_manage(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request: Any, id: str, form_url: str = "") -> Any:
        """Setting a password: only for accounts in scope (a superuser's: superusers only)."""
        target = User.objects.filter(pk=id).first()
        if target is None or not accounts.can_manage(request.user, target):
            raise PermissionDenied
        before = services.staff_snapshot(target)
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            if not target.is_superuser:
                User.objects.filter(pk=target.pk).update(approved_at=None, approved_by=None)
            target.refresh_from_db()
            services.staff_changes_audit(
                actor=request.user, user=target, before=before, context=_context(request)
            )
        return response

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        before = services.staff_snapshot(User.objects.get(pk=obj.pk)) if change else {}
        if not change:
            obj.created_by = request.user
            obj.approved_at = None
            obj.approved_by = None
        elif not obj.is_superuser and (
            before.get("role") != obj.role
            or before.get("unit_id") != obj.unit_id
            or before.get("password") != obj.password
        ):
            # A new role, unit or password set by an administrator is a new account in all
            # but name: a second person approves it again.
            obj.approved_at = None
            obj.approved_by = None
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

    def get_queryset(self, request: Any) -> QuerySet[ApiToken]:
        managed = accounts.managed_accounts(request.user)
        return super().get_queryset(request).filter(user__in=managed)
