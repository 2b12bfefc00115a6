"""Staff sign-in: password (with lockout), then the authenticator code; and the landing page."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from kalantari.access import policy
from kalantari.audit.services import RequestContext, audit_record
from kalantari.org import services
from kalantari.org.forms import OtpForm, StaffAuthenticationForm
from kalantari.org.security import mark_signed_in


class StaffLoginView(auth_views.LoginView):
    """Step one: the password. Every success and failure is audited; lockout is axes'."""

    template_name = "org/login.html"
    form_class = StaffAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        mark_signed_in(self.request)
        audit_record(
            action="auth.login",
            actor=user,
            target=user,
            unit_id=getattr(user, "unit_id", None),
            context=RequestContext.from_request(self.request),
        )
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        locked = any(e.code == "locked_out" for e in form.non_field_errors().as_data())
        audit_record(
            action="auth.login_failed",
            actor=None,
            changes={"username": str(form.data.get("username", ""))[:150], "locked": locked},
            context=RequestContext.from_request(self.request),
            outcome="refused",
        )
        return super().form_invalid(form)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "org:landing"


@never_cache
@sensitive_post_parameters("token")
@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Step two: enrol an authenticator (QR code) on first sign-in, then a code every time."""
    user: Any = request.user
    if user.is_verified():
        return redirect(_next(request))
    device = services.otp_device_for(user)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.otp_confirm(
            user=user,
            device=device,
            token=form.cleaned_data["token"],
            context=RequestContext.from_request(request),
        ):
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("This code is not right, or it was used already."))
    context: dict[str, Any] = {
        "form": form,
        "enrolling": not device.confirmed,
        "next": _next(request),
        "demo": settings.KALANTARI_DEMO,
        "username": user.get_username(),
    }
    if not device.confirmed:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["secret_b32"] = _base32(device.bin_key)
    return render(request, "org/second_factor.html", context)


def _base32(raw: bytes) -> str:
    import base64

    text = base64.b32encode(raw).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What axes answers once the failed-login limit is reached."""
    messages.error(
        request,
        _(
            "This account is locked after too many failed sign-ins. "
            "Ask your unit's administrator to unlock it."
        ),
    )
    return render(request, "org/locked_out.html", status=429)


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    user = request.user
    if policy.can_use_desk(user):  # type: ignore[arg-type]
        return redirect("cases:queue")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("intake:home")
