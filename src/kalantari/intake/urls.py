from django.urls import path

from kalantari.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.home, name="home"),
    path("report/", views.report_new, name="report_new"),
    path("report/receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    path("status/followup/", views.followup, name="followup"),
    path("status/forget/", views.status_forget, name="status_forget"),
    path("status/accesses/", views.accesses, name="accesses"),
]
