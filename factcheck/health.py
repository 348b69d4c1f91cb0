"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

WORKER_SEEN_KEY = "factcheck:worker-last-seen"
WORKER_FRESH_SECONDS = 60


@never_cache
@require_GET
def healthz(request):
    """The process is up and serving requests; nothing else is checked."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    """Ready for traffic: the database answers, and with a broker, Redis and a worker too."""
    checks = {"database": _check_database()}
    if settings.CELERY_BROKER_URL:
        redis_ok, client = _check_redis()
        checks["redis"] = redis_ok
        checks["worker"] = _check_worker(client) if client is not None else "unknown"
    else:
        checks["worker"] = "in-process"
    ready = all(value in ("ok", "in-process") for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        return f"error: {type(exc).__name__}"
    return "ok"


def _check_redis():
    import redis

    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_timeout=1, socket_connect_timeout=1
        )
        client.ping()
    except Exception as exc:  # noqa: BLE001
        return f"error: {type(exc).__name__}", None
    return "ok", client


def _check_worker(client) -> str:
    """A worker wrote its heartbeat within the last minute. Workers write it from a thread
    of their own (factcheck.celery), so a worker busy with a long task still counts, and the
    probe costs one Redis read instead of waiting for pings."""
    last_seen = client.get(WORKER_SEEN_KEY)
    if last_seen is not None and time.time() - float(last_seen) < WORKER_FRESH_SECONDS:
        return "ok"
    return "error: no worker seen in the last minute"


def probe_host(allowed_hosts: str) -> str:
    """A Host header the site accepts: Django answers 400 to any other, so a probe by
    address (a container healthcheck, a Kubernetes probe) has to name one."""
    for host in (h.strip() for h in allowed_hosts.split(",")):
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def main(argv: list[str] | None = None) -> int:
    """`python -m factcheck.health [URL]`: exit 0 when the probe answers 200 (for container
    healthchecks, which have no curl in a slim image)."""
    import os
    import sys
    import urllib.request

    args = sys.argv[1:] if argv is None else argv
    url = args[0] if args else "http://127.0.0.1:8000/healthz"
    if not url.startswith(("http://", "https://")):
        print(f"not an http(s) URL: {url}", file=sys.stderr)
        return 2
    host = probe_host(os.environ.get("ALLOWED_HOSTS", ""))
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 - http(s) only
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310  # nosec B310
            return 0 if response.status == 200 else 1
    except OSError as exc:
        print(f"{url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
