"""Staff sign-in forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class StaffAuthenticationForm(AuthenticationForm):
    """Refuses a locked-out account even when the password is right."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is not right."),
        "locked_out": _(
            "This account is locked after too many failed sign-ins. "
            "Ask your unit's administrator to unlock it."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if getattr(user, "locked_out_at", None) is not None:
            raise forms.ValidationError(self.error_messages["locked_out"], code="locked_out")


class OtpForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )
