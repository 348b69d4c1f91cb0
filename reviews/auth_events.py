"""Authentication events and permission refusals, logged as structured records.

Every record goes to the `factcheck.auth` logger with the fields an operator searches by:
`event` (login, login_failed, logout, lockout, permission_refused), `username`, `ip` and
`path`, plus `status` and `method` for refusals. In production the formatter is JSON
(settings.LOG_JSON), so each of these fields is a key of its own.

Passwords never reach the log: a failed login's credentials are reduced to the username.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("factcheck.auth")

# Usernames are user input on a failed login: bound them so a log line stays a line.
MAX_USERNAME = 150


def _ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    # The same address axes locks out, so a lockout and the failures before it line up
    # (it honours AXES_IPWARE_PROXY_COUNT behind a proxy).
    try:
        return get_client_ip_address(request) or ""
    except Exception:  # noqa: BLE001 - a log line must never break a login
        return request.META.get("REMOTE_ADDR", "") or ""


def _path(request: HttpRequest | None) -> str:
    return getattr(request, "path", "") if request is not None else ""


def _clean_username(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("\r", " ").replace("\n", " ")[:MAX_USERNAME]


def auth_event(
    event: str, *, request: HttpRequest | None, username, level: int = logging.INFO, **fields
) -> None:
    """Log one authentication event with its structured fields."""
    name = _clean_username(username)
    record = {"event": event, "username": name, "ip": _ip(request), "path": _path(request)}
    record.update(fields)
    logger.log(
        level, "%s user=%r ip=%s path=%s", event, name, record["ip"], record["path"], extra=record
    )


def on_logged_in(sender, request=None, user=None, **kwargs) -> None:
    auth_event("login", request=request, username=user.get_username() if user else "")


def on_logged_out(sender, request=None, user=None, **kwargs) -> None:
    auth_event("logout", request=request, username=user.get_username() if user else "")


def on_login_failed(sender, credentials=None, request=None, **kwargs) -> None:
    username = (credentials or {}).get("username", "")
    auth_event("login_failed", request=request, username=username, level=logging.WARNING)


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    auth_event("lockout", request=request, username=username, level=logging.WARNING)


def connect() -> None:
    """Called once from ReviewsConfig.ready(); dispatch_uid keeps it idempotent."""
    user_logged_in.connect(on_logged_in, dispatch_uid="factcheck.auth.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="factcheck.auth.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="factcheck.auth.login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="factcheck.auth.lockout")


class PermissionRefusalLogMiddleware:
    """Log every 403 the site answers, whoever refused it: a view's PermissionDenied, a
    service's `forbidden` ReviewError turned into a 403, DRF's permission classes, CSRF.

    A middleware, because those refusals come from four places and only the response is
    common to all of them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            username = user.get_username() if user is not None and user.is_authenticated else ""
            auth_event(
                "permission_refused",
                request=request,
                username=username,
                level=logging.WARNING,
                status=response.status_code,
                method=request.method,
            )
        return response
