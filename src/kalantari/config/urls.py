"""URLs: pages under a language prefix (/fa/, /en/), the API and admin outside it."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from kalantari.config.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("", include("kalantari.intake.urls")),
    path("desk/people/", include("kalantari.people.urls")),
    path("desk/", include("kalantari.cases.urls")),
    path("accounts/", include("kalantari.org.urls")),
    path("oversight/", include("kalantari.audit.urls")),
    path("", include("kalantari.oversight.urls")),
    prefix_default_language=True,
)
