"""Staff sign-in: password (with lockout), then the authenticator code."""

from __future__ import annotations

from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from kalantari.audit.services import RequestContext
from kalantari.core.gate import sign_in
from kalantari.org import accounts, services
from kalantari.org.forms import EnrolmentCodeForm, OtpForm, StaffAuthenticationForm
from kalantari.org.models import Authenticator, Role
from kalantari.org.security import mark_signed_in


@sign_in
class StaffLoginView(auth_views.LoginView):
    """Step one: the password (slowed per account and address, see org/signin.py).

    Every success and failure is audited. `/admin/login/` is this same view.
    """

    template_name = "org/login.html"
    form_class = StaffAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: StaffAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        mark_signed_in(self.request)
        device = getattr(form, "device", None)
        if device is not None:
            # The code typed beside the password is the second step, done.
            _second_factor_done(self.request, device)
        services.staff_signed_in(
            user=user,
            lock_lifted=bool(form.lifted),
            second_factor=device is not None,
            context=RequestContext.from_request(self.request),
        )
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        services.staff_sign_in_refused(
            username=str(form.data.get("username", "")),
            held=bool(getattr(form, "held", False)),
            context=RequestContext.from_request(self.request),
        )
        return super().form_invalid(form)


@sign_in
def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin site's sign-in is the staff sign-in: same throttle, audit and second step."""
    if request.method == "GET" and not request.GET.get("next"):
        query = request.GET.copy()
        query["next"] = "/admin/"
        request.GET = query  # type: ignore[assignment]
    return cast(HttpResponse, StaffLoginView.as_view()(request))


def _second_factor_done(request: HttpRequest, device: Any) -> None:
    """Mark the session verified, under a new session id (no fixation across the step)."""
    otp_login(request, device)
    request.session.cycle_key()


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "landing"


ENROLMENT_SESSION_KEY = "kalantari_enrolment_device"


@sign_in
@never_cache
@sensitive_post_parameters("token", "enrolment_code")
@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Step two: a code every time; on first sign-in, first the enrolment code an
    administrator issued, then the authenticator's QR code to scan."""
    user: Any = request.user
    if user.is_verified():
        return redirect(_next(request))
    context: dict[str, Any] = {
        "next": _next(request),
        "demo": settings.KALANTARI_DEMO,
        "username": user.get_username(),
    }
    device = services.otp_device_for(user)
    enrolling = device is None or not device.confirmed
    if enrolling and (
        device is None or request.session.get(ENROLMENT_SESSION_KEY) != device.persistent_id
    ):
        # No QR code before the administrator's one-time code: a password alone never
        # enrols an authenticator.
        code_form = EnrolmentCodeForm(request.POST or None)
        if request.method == "POST" and code_form.is_valid():
            fresh = services.enrolment_code_redeem(
                user=user,
                code=code_form.cleaned_data["enrolment_code"],
                context=RequestContext.from_request(request),
            )
            if fresh is not None:
                request.session[ENROLMENT_SESSION_KEY] = fresh.persistent_id
                return redirect(request.get_full_path())
            code_form.add_error(
                "enrolment_code",
                _("This enrolment code is not right, has expired or was used already."),
            )
        context["code_form"] = code_form
        return render(request, "org/enrolment_code.html", context)
    device = cast(Authenticator, device)  # enrolling without one returned above
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.otp_confirm(
            user=user,
            device=device,
            token=form.cleaned_data["token"],
            context=RequestContext.from_request(request),
        ):
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            _second_factor_done(request, device)
            return redirect(_next(request))
        form.add_error("token", _("This code is not right, or it was used already."))
    context |= {"form": form, "enrolling": enrolling}
    if enrolling:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["secret_b32"] = _base32(device.bin_key)
    return render(request, "org/second_factor.html", context)


def _base32(raw: bytes) -> str:
    import base64

    text = base64.b32encode(raw).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@never_cache
@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    """New accounts of the commander's unit waiting for a second person's approval."""
    actor: Any = request.user
    if not (actor.is_superuser or actor.role in (Role.COMMANDER, Role.ADMIN)):
        raise PermissionDenied
    waiting = accounts.approvable_accounts(actor).select_related("unit", "created_by")
    if request.method == "POST":
        account = get_object_or_404(waiting, pk=request.POST.get("account", ""))
        services.staff_approve(
            actor=actor, user=account, context=RequestContext.from_request(request)
        )
        messages.success(
            request, _("%(name)s may now work with case files.") % {"name": account.display_name}
        )
        return redirect("org:approvals")
    return render(request, "org/approvals.html", {"waiting": waiting.order_by("date_joined")})
