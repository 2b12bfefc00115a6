"""Where a signed-in account starts (`/accounts/start/`): the desk, the admin or the site.

It asks the policy (access) and sends to the desk (cases), so it lives here, above both,
not in org (docs/architecture.md, "Layers").
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kalantari.access import policy
from kalantari.core.gate import account_page
from kalantari.org import accounts
from kalantari.org.models import Role


@account_page
@login_required
def landing(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not user.is_approved:
        messages.info(
            request,
            _(
                "Your account waits for a second person's approval (your commander or "
                "another administrator); until then it opens no case file."
            ),
        )
    waiting = accounts.approvable_accounts(user).count() if user.role == Role.COMMANDER else 0
    if waiting:
        messages.info(
            request,
            format_html(
                '<a href="{}">{}</a>',
                reverse("org:approvals"),
                ngettext(
                    "%(n)s new account waits for your approval.",
                    "%(n)s new accounts wait for your approval.",
                    waiting,
                )
                % {"n": waiting},
            ),
        )
    if policy.can_use_desk(user):
        return redirect("cases:queue")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("intake:home")
