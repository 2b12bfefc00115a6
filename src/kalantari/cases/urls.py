from django.urls import path

from kalantari.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("search/", views.search, name="search"),
    path("intake/", views.desk_intake, name="desk_intake"),
    path("cases/<uuid:case_id>/", views.case_detail, name="detail"),
    path("cases/<uuid:case_id>/act/", views.case_act, name="act"),
    path("cases/<uuid:case_id>/files/<uuid:attachment_id>/", views.attachment, name="attachment"),
]
