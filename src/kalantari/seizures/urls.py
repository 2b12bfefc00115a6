from django.urls import URLPattern, URLResolver

app_name = "seizures"
urlpatterns: list[URLPattern | URLResolver] = []
