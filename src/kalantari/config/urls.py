"""URLs: pages under a language prefix (/fa/, /en/), the API and admin outside it.

Every view is a staff page unless marked public, sign-in or account (core/gate.py); the API
authenticates each operation itself (config/api.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from kalantari.config.api import api
from kalantari.core.gate import api_view, public


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
    path("", include("kalantari.intake.urls")),
    path("desk/", include("kalantari.cases.urls")),
    path("accounts/", include("kalantari.org.urls")),
    path("oversight/", include("kalantari.audit.urls")),
    path("", include("kalantari.oversight.urls")),
    prefix_default_language=True,
)
