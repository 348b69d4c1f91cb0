from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from factcheck import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("reviews.api.urls")),
    path("", include("reviews.urls")),
]
