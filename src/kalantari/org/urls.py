from django.contrib.auth import views as auth_views
from django.urls import path

from kalantari.org import views

app_name = "org"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="org/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("start/", views.landing, name="landing"),
]
