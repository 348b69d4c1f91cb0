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
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks},
                        status=200 if ready else 503)


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
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=1,
                                      socket_connect_timeout=1)
        client.ping()
    except Exception as exc:  # noqa: BLE001
        return f"error: {type(exc).__name__}", None
    return "ok", client


def _check_worker(client) -> str:
    """A worker answered a ping now, or did within the last minute (so that a busy worker,
    whose prefetch slot is taken by a long task, does not flap the probe)."""
    from factcheck.celery import app

    try:
        replies = app.control.ping(timeout=1.0)
    except Exception:  # noqa: BLE001
        replies = []
    now = time.time()
    if replies:
        client.set(WORKER_SEEN_KEY, now, ex=3600)
        return "ok"
    last_seen = client.get(WORKER_SEEN_KEY)
    if last_seen is not None and now - float(last_seen) < WORKER_FRESH_SECONDS:
        return "ok"
    return "error: no worker seen in the last minute"
