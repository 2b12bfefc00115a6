from django.urls import path

from kalantari.oversight import access_review, dashboard_views, sla_views, views

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
    # Service levels and completeness (issue 8): commanders and inspectors.
    path("oversight/sla/", sla_views.sla_breaches, name="sla_breaches"),
    path("oversight/completeness/", sla_views.completeness, name="completeness"),
]
