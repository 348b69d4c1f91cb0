from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic.base import RedirectView

from factcheck import health
from reviews.public import urls as public_urls
from reviews.web import urls as web_urls

# The desk's pages and the public report pages share the `reviews:` namespace.
reviews_urls = (web_urls.urlpatterns + public_urls.urlpatterns, "reviews")

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Pages that name no icon of their own (the admin, the API docs) make browsers ask here.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("reviews/favicon.svg")),
        name="favicon",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("reviews.api.urls")),
    path("", include(reviews_urls)),
]
