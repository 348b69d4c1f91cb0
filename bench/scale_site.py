"""URLs of the scale benchmark's server: the desk's own, plus `/bench-floor/`, a trivial view
under the same middleware (the framework's floor), and a middleware that answers each
request's SQL query count in `X-Queries`."""

from django.db import connections
from django.http import HttpResponse
from django.urls import include, path


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench-floor/", floor),
    path("", include("factcheck.urls")),
]
