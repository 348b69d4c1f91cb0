"""A real Celery worker for tests and benchmarks: a subprocess on a Redis queue of its own,
sharing a PostgreSQL database with the process that starts it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def redis_available() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def unique_broker() -> tuple[str, str]:
    """A Redis database number and a queue name nobody else uses in this run."""
    token = uuid.uuid4().hex[:10]
    db = 1 + int(token, 16) % 15
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{db}", f"fc-test-{token}"


class Worker:
    def __init__(self, env: dict[str, str], queue: str, log_path: Path, concurrency: int = 1):
        self.env = env
        self.queue = queue
        self.log_path = log_path
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed by the child's exit
        self.process = subprocess.Popen(
            [
                CELERY,
                "-A",
                "factcheck",
                "worker",
                "-P",
                "prefork",
                "-c",
                str(self.concurrency),
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-Q",
                self.queue,
                "-l",
                "info",
                "-n",
                f"{self.queue}-{uuid.uuid4().hex[:6]}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own process group: SIGKILL reaches the pool children too, as when a
            # machine dies, and nothing of it survives to finish the task silently.
            start_new_session=True,
        )
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.log_path.read_text()[-3000:]}")
            if b" ready." in self.log_path.read_bytes():
                return
            time.sleep(0.1)
        raise TimeoutError(f"worker not ready:\n{self.log_path.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL the whole worker: no warm shutdown, no ack, no cleanup."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def worker_env(database_url: str, broker_url: str, queue: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "CELERY_"))}
    env.update(
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker_url,
        CELERY_TASK_DEFAULT_QUEUE=queue,
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


@contextmanager
def broker_for_this_process(broker_url: str, queue: str, visibility_timeout: int):
    """Point this process's Celery app at the broker, so that services enqueue for real."""
    from factcheck.celery import app

    saved = {
        key: app.conf.get(key)
        for key in (
            "broker_url",
            "task_always_eager",
            "task_default_queue",
            "broker_transport_options",
        )
    }

    def reset_caches() -> None:
        from kombu import pools

        for attr in ("amqp", "backend"):
            app.__dict__.pop(attr, None)
        app._pool = None
        # kombu keeps producer and connection pools in process-wide groups keyed by the
        # broker URL: closing one but leaving it registered hands a closed pool to the next
        # test that happens to draw the same Redis database.
        pools.reset()

    app.conf.update(
        broker_url=broker_url,
        task_always_eager=False,
        task_default_queue=queue,
        broker_transport_options={"visibility_timeout": visibility_timeout},
    )
    reset_caches()
    try:
        yield app
    finally:
        reset_caches()
        app.conf.update(saved)


def purge_queue(broker_url: str, queue: str) -> None:
    import redis

    client = redis.Redis.from_url(broker_url)
    client.delete(queue)
    client.close()


def wait_until(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {what}")
