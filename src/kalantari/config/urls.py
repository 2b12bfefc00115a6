"""URLs: pages under a language prefix (/fa/, /en/), the API and admin outside it.

Every view is a staff page unless marked public, sign-in or account (core/gate.py); the API
authenticates each operation itself (config/api.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from kalantari.cases import public_views as case_pages
from kalantari.cases.landing import landing
from kalantari.config.api import api
from kalantari.core.gate import api_view, public
from kalantari.intake import views as intake_pages
from kalantari.oversight import satisfaction_views as oversight_satisfaction
from kalantari.oversight import views as oversight_pages

# The citizen's pages keep one URL namespace, "intake", though three apps serve them: filing a
# report, its status and follow-ups touch the case (cases), and "who has seen my report" reads
# the audit log (oversight); each lives in the lowest app that may know all it needs
# (docs/architecture.md, "Layers").
citizen_pages = [
    path("", intake_pages.home, name="home"),
    path("report/", case_pages.report_new, name="report_new"),
    path("report/receipt/", intake_pages.receipt, name="receipt"),
    path("status/", case_pages.status, name="status"),
    path("status/followup/", case_pages.followup, name="followup"),
    path("status/forget/", intake_pages.status_forget, name="status_forget"),
    path("status/accesses/", oversight_pages.report_accesses, name="accesses"),
    path("status/rate/", oversight_satisfaction.rate_service, name="rate"),
]


def _api_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The ninja API's URLs, each view marked as gating itself (per operation)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = api_view(pattern.callback)
    return patterns, app_name, namespace


urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", _api_urls()),
    # The admin site: staff pages (default-deny); its sign-in is the staff sign-in (org/admin.py).
    path("admin/", admin.site.urls),
    # Anyone may choose the language.
    path("i18n/setlang/", public(set_language), name="set_language"),
]
urlpatterns += i18n_patterns(
    path("", include((citizen_pages, "intake"))),
    path("desk/people/", include("kalantari.people.urls")),
    path("desk/diary/", include("kalantari.diary.urls")),
    path("desk/custody/", include("kalantari.custody.urls")),
    path("desk/evidence/", include("kalantari.evidence.urls")),
    path("desk/seizures/", include("kalantari.seizures.urls")),
    path("desk/", include("kalantari.cases.urls")),
    # The start page asks access and cases, so it is not org's (docs/architecture.md).
    path("accounts/start/", landing, name="landing"),
    path("accounts/", include("kalantari.org.urls")),
    path("", include("kalantari.oversight.urls")),
    prefix_default_language=True,
)
