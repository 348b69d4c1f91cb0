"""Settings of the scale benchmark's web server (bench/scale.py): the production settings
(DEBUG=0 and the rest from the environment, as a deployment sets them), plus a floor view
and a query counter that exist only here, never in the app."""

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "bench.scale_site"
# Outermost, so that it counts every query of the request, sessions and authentication too.
MIDDLEWARE = ["bench.scale_site.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
# The same hashed static file names as production, without compressing every file first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
