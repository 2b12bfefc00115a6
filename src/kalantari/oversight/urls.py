from django.urls import path

from kalantari.oversight import (
    access_review,
    conduct_views,
    dashboard_views,
    satisfaction_views,
    sla_views,
    views,
)
from kalantari.oversight.digest import views as digest_views

app_name = "oversight"
urlpatterns = [
    # Public: the person's own page, reached with the code handed over at a station.
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/forget/", views.my_data_forget, name="my_data_forget"),
    # Staff (desk and oversight prefixes need a verified second factor).
    path("desk/identity-check/", views.identity_check, name="identity_check"),
    path("desk/cases/<uuid:case_id>/deferrals/", views.case_deferrals, name="case_deferrals"),
    path("oversight/deferrals/", views.deferral_review, name="deferral_review"),
    # Access review (moved from the audit app; same paths).
    path("oversight/accesses/person/", access_review.person_accesses, name="person_accesses"),
    path("oversight/accesses/unusual/", access_review.unusual, name="unusual"),
    # Dashboards (commanders and inspectors: their unit and below) and the comparison page.
    path("oversight/dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("oversight/dashboard/<str:code>/", dashboard_views.dashboard, name="dashboard_unit"),
    path("oversight/compare/", dashboard_views.compare, name="compare"),
    # Citizens' ratings and complaints about officers (issue 8).
    path("oversight/ratings/", satisfaction_views.station_ratings, name="ratings"),
    path("oversight/complaints/", conduct_views.complaint_list, name="complaints"),
    path(
        "oversight/complaints/patterns/",
        conduct_views.complaint_patterns,
        name="complaint_patterns",
    ),
    path(
        "oversight/complaints/new/<uuid:case_id>/",
        conduct_views.complaint_open,
        name="complaint_open",
    ),
    path(
        "oversight/complaints/<uuid:complaint_id>/",
        conduct_views.complaint_detail,
        name="complaint",
    ),
    # The weekly early-warning digest (commanders and inspectors).
    path("oversight/digest/", digest_views.digest_page, name="digest"),
    # Service levels and completeness (issue 8): commanders and inspectors.
    path("oversight/sla/", sla_views.sla_breaches, name="sla_breaches"),
    path("oversight/completeness/", sla_views.completeness, name="completeness"),
]
