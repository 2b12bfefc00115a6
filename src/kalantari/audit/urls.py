from django.urls import path

from kalantari.audit import views

app_name = "audit"
urlpatterns = [
    path("accesses/person/", views.person_accesses, name="person"),
    path("accesses/unusual/", views.unusual, name="unusual"),
]
