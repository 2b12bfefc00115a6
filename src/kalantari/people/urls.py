from django.urls import path

from kalantari.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:person_id>/", views.person_detail, name="detail"),
    path("<uuid:person_id>/merge/", views.person_merge, name="merge"),
    path("<uuid:person_id>/unmerge/", views.person_unmerge, name="unmerge"),
]
