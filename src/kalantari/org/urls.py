from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from kalantari.core.gate import account_page, sign_in
from kalantari.org import views

app_name = "org"
urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("login/code/", views.second_factor, name="second_factor"),
    path("logout/", sign_in(auth_views.LogoutView.as_view()), name="logout"),
    path("approvals/", views.approvals, name="approvals"),
    path(
        "password/",
        account_page(
            auth_views.PasswordChangeView.as_view(
                template_name="org/password_change.html",
                success_url=reverse_lazy("org:password_changed"),
            )
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        account_page(
            auth_views.PasswordChangeDoneView.as_view(template_name="org/password_changed.html")
        ),
        name="password_changed",
    ),
]
