import contextlib
import os
import threading
import time

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_ready, worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Link rot: attached evidence whose page disappeared is marked gone (its snapshot stays).
    "recheck-evidence-daily": {
        "task": "reviews.recheck_evidence_due",
        "schedule": crontab(hour=3, minute=30),
    },
}


# --- the heartbeat that /readyz reads ------------------------------------------------------
# Every worker process tree writes "last seen" to the broker's Redis every few seconds from
# a daemon thread, so the web's readiness probe reads one key instead of pinging workers
# (a ping waits its whole timeout, and a worker busy with a long task does not answer it).
HEARTBEAT_SECONDS = 10
_heartbeat_stop = threading.Event()


def _beat(broker_url: str) -> None:
    import redis

    from factcheck.health import WORKER_SEEN_KEY

    client = redis.Redis.from_url(broker_url, socket_timeout=2, socket_connect_timeout=2)
    while True:
        # The broker down: /readyz says so on its own.
        with contextlib.suppress(redis.RedisError):
            client.set(WORKER_SEEN_KEY, time.time(), ex=3600)
        if _heartbeat_stop.wait(HEARTBEAT_SECONDS):
            return


@worker_ready.connect
def _start_heartbeat(sender=None, **kwargs) -> None:
    broker_url = app.conf.broker_url or ""
    if not broker_url.startswith(("redis://", "rediss://", "unix://")):
        return
    _heartbeat_stop.clear()
    threading.Thread(target=_beat, args=(broker_url,), name="readyz-heartbeat", daemon=True).start()


@worker_shutdown.connect
def _stop_heartbeat(sender=None, **kwargs) -> None:
    _heartbeat_stop.set()
