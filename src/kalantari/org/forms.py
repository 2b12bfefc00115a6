"""Staff sign-in forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from kalantari.audit.services import RequestContext
from kalantari.org import signin
from kalantari.org.models import Authenticator


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class StaffAuthenticationForm(AuthenticationForm):
    """Password sign-in, slowed per account and address (org/signin.py).

    Held off, wrong, disabled and administrator-locked all answer the same "not right", so
    the page is never an oracle for the password. A held-off officer can still get in by
    adding the code from their own authenticator, which also completes the second step.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is not right."),
    }
    otp_token = forms.CharField(
        label=_("Code from your authenticator app (only if asked)"),
        required=False,
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.held = False
        self.lifted = False
        self.device: Authenticator | None = None

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password") or ""
        if not username or not password:
            raise self.get_invalid_login_error()
        ip = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        attempt = signin.signin_begin(username=username, ip=ip)
        self.held = attempt.held
        # The password is checked even when held off, so both answers cost the same.
        user = authenticate(self.request, username=username, password=password)
        if user is not None and getattr(user, "locked_out_at", None) is not None:
            user = None  # locked by an administrator: no way in, and no different answer
        code = _digits(self.cleaned_data.get("otp_token") or "")
        if user is not None and code:
            self.device = _verified_device(user, code)
        if attempt.held:
            if user is None or self.device is None:
                raise self.get_invalid_login_error()
            self.lifted = True
        if user is None:
            signin.signin_failed(attempt=attempt, context=RequestContext.from_request(self.request))
            raise self.get_invalid_login_error()
        signin.signin_succeeded(attempt=attempt)
        self.user_cache = user
        self.confirm_login_allowed(user)
        return self.cleaned_data


def _verified_device(user: Any, code: str) -> Authenticator | None:
    """The account's enrolled authenticator when `code` is its current code (used once)."""
    from django.db import transaction

    with transaction.atomic():
        device = (
            Authenticator.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("-created_at")
            .first()
        )
        if device is not None and device.verify_token(code):
            return device
    return None


class OtpForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label=_("Enrolment code from your administrator"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr", "autofocus": True}),
    )
