"""The desk's scale benchmark: every page's latency and queries at growing desk sizes.

    .venv/bin/python bench/scale.py --claims 10000,100000 --json var/scale.json

For each size: creates a scratch PostgreSQL database (127.0.0.1:5432, user postgres; see
--server), migrates and fills it with a desk of that many claims (bench/scale_fill.py: COPY,
the same work in flight at every size), starts gunicorn with production settings (DEBUG=0,
bench/scale_settings.py: the app's settings plus a floor view and a query counter), then
requests each page interleaved with the floor view (a trivial view under the same server and
middleware) and reports p50/p95 of the page, p95 of the floor over the same stretch, and SQL
queries per request. Stops gunicorn and drops the database at the end, success or not.

Writes `{"sizes": [{"claims": N, "fill_seconds": ..., "pages": {NAME: {"p50_ms", "p95_ms",
"floor_p95_ms", "queries"}}}]}` to --json and prints a table.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
STATIC_ROOT = ROOT / "var" / "scale-static"


def pages(setup: dict) -> dict[str, tuple[str, str]]:
    """Name -> (who, path). Who: editor or reviewer (a desk session), token (the API) or
    anonymous."""
    article, claim = setup["article_id"], setup["claim_id"]
    word, phrase = setup["search_word"], setup["search_phrase"].replace(" ", "+")
    return {
        "dashboard": ("editor", "/"),
        "dashboard reviewer": ("reviewer", "/"),
        "approval queue": ("editor", "/queue/"),
        "article page": ("editor", f"/articles/{article}/"),
        "claim panel": ("editor", f"/claims/{claim}/"),
        "search": ("editor", f"/search/?q={word}"),
        "search phrase": ("editor", f"/search/?q={phrase}"),
        "article list": ("editor", "/articles/"),
        "api claims": ("token", f"/api/articles/{article}/claims/"),
        "api articles": ("token", "/api/articles/"),
        "api search": ("token", f"/api/search/?q={word}"),
        "api search phrase": ("token", f"/api/search/?q={phrase}"),
        "public report": ("anonymous", f"/reports/{setup['report_article_id']}/"),
        "readyz": ("anonymous", "/readyz"),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(database_url: str, port: int, work: Path, redis_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "CACHE_"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",  # no TLS on 127.0.0.1; everything else stays production
        DATABASE_URL=database_url,
        STATIC_ROOT=str(STATIC_ROOT),
        MEDIA_ROOT=str(work / "media"),
        FACTCHECK_VAR_DIR=str(work / "var"),
        FACTCHECK_DESK_URL=f"http://127.0.0.1:{port}",
        # One client asks thousands of times a minute: the throttle would answer 429.
        API_RATE_USER="1000000/minute",
        API_RATE_ANON="1000000/minute",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if redis_url:
        env["CELERY_BROKER_URL"] = redis_url
        env["CELERY_TASK_DEFAULT_QUEUE"] = "factcheck-scale"
    return env


def collect_static(env: dict[str, str]) -> None:
    if (STATIC_ROOT / "staticfiles.json").exists():
        return
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--clear", "-v", "0"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "bench.scale_settings"},
        check=True,
    )


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited at start-up")
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/bench-floor/")
            if conn.getresponse().status == 200:
                conn.close()
                return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def get(conn: http.client.HTTPConnection, path: str, headers: dict) -> tuple[float, int, int]:
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, response.status, int(response.getheader("X-Queries", "-1"))


def measure(port: int, setup: dict, requests: int, warmup: int) -> dict[str, dict]:
    auth = {
        "editor": {"Cookie": f"sessionid={setup['editor_session']}"},
        "reviewer": {"Cookie": f"sessionid={setup['reviewer_session']}"},
        "token": {"Authorization": f"Token {setup['editor_token']}", "Accept": "application/json"},
        "anonymous": {},
    }
    results = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for name, (who, path) in pages(setup).items():
        headers = {"Host": "127.0.0.1", **auth[who]}
        times, floors, counts = [], [], []
        for i in range(warmup + requests):
            floor_ms, floor_status, _ = get(conn, "/bench-floor/", headers)
            page_ms, status, count = get(conn, path, headers)
            if status != 200 or floor_status != 200:
                raise SystemExit(f"{name}: GET {path} answered {status}")
            if i >= warmup:
                times.append(page_ms)
                floors.append(floor_ms)
                counts.append(count)
        results[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "floor_p95_ms": round(percentile(floors, 95), 1),
            # A worker's first request of a page may fill its process caches: the count of
            # most requests is the page's.
            "queries": statistics.mode(counts),
        }
        if len(set(counts)) > 1:
            results[name]["queries_seen"] = sorted(set(counts))
        print(f"  {name:20} {results[name]}", flush=True)
    conn.close()
    return results


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


class Heartbeat(threading.Thread):
    """Writes the heartbeat a Celery worker writes every 10 s (factcheck.celery), which
    /readyz reads: no worker runs during the benchmark."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        import redis

        self.client = redis.Redis.from_url(url)
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.client.set("factcheck:worker-last-seen", time.time())
            self.stop.wait(10)


def run_size(args, claims: int) -> dict:
    name = f"factcheck_scale_{claims}_{os.getpid()}"
    server = args.server.rstrip("/")
    admin = f"{server}/postgres"
    work = ROOT / "var" / f"scale-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = environment(f"{server}/{name}", port, work, args.redis)
    gunicorn = heartbeat = None
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        print(f"{claims:,} claims: filling {name}", flush=True)
        filled = subprocess.run(
            [PYTHON, str(ROOT / "bench" / "scale_fill.py"), str(claims)],
            cwd=ROOT,
            # The fill runs its jobs in-process: no broker.
            env={k: v for k, v in env.items() if not k.startswith("CELERY_")},
            check=True,
            capture_output=True,
            text=True,
        )
        line = next(x for x in filled.stdout.splitlines() if x.startswith("SCALE-FILL "))
        setup = json.loads(line.removeprefix("SCALE-FILL "))
        print(
            f"  filled in {setup['fill_seconds']} s (migrate {setup['migrate_seconds']} s, "
            f"with the report {setup['total_seconds']} s): {setup['rows']}",
            flush=True,
        )
        collect_static(env)
        if args.redis:
            heartbeat = Heartbeat(args.redis)
            heartbeat.start()
        gunicorn = subprocess.Popen(
            [
                GUNICORN,
                "factcheck.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "bench.scale_settings"},
            start_new_session=True,
        )
        wait_until_up(port, gunicorn)
        results = measure(port, setup, args.requests, args.warmup)
        return {
            "claims": setup["claims"],
            "fill_seconds": setup["fill_seconds"],
            "pages": results,
        }
    except subprocess.CalledProcessError as error:
        sys.stderr.write(error.stdout or "")
        sys.stderr.write(error.stderr or "")
        raise
    finally:
        if heartbeat is not None:
            heartbeat.stop.set()
        if gunicorn is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(gunicorn.pid, signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)
                gunicorn.wait()
        if not args.keep:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        subprocess.run(["rm", "-rf", str(work)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", default="10000,100000", help="comma-separated sizes")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--requests", type=int, default=60, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/14",
        help="broker and cache as in production; empty for none (jobs in-process)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args()
    sizes = []
    for claims in (int(c.replace("_", "")) for c in args.claims.split(",")):
        sizes.append(run_size(args, claims))
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"sizes": sizes}, indent=2) + "\n")
    names = list(sizes[0]["pages"])
    heads = " | ".join(f"{s['claims']:,}: p50 / p95 (floor p95), queries" for s in sizes)
    print(f"\n| page | {heads} |")
    for name in names:
        cells = []
        for s in sizes:
            r = s["pages"][name]
            cells.append(f"{r['p50_ms']} / {r['p95_ms']} ms ({r['floor_p95_ms']}), {r['queries']}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
