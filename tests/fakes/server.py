"""A small real HTTP server on 127.0.0.1 for tests: routes of canned or computed answers.

Runs http.server.ThreadingHTTPServer in a thread. Each request is recorded (method, path,
query, headers) so tests can assert on what a client really sent.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds to wait before answering (a slow API).
    delay: float = 0.0
    # Send the body this many bytes at a time, `drip_pause` seconds apart (a slow server).
    drip: int = 0
    drip_pause: float = 0.0
    # Answer only once this event is set (a server that stalls until the test says so).
    wait_for: threading.Event | None = None
    # Send with Transfer-Encoding: chunked and no Content-Length (size unknown upfront).
    chunked: bool = False

    @classmethod
    def json(cls, data, status: int = 200, **kw) -> Reply:
        return cls(
            status=status, body=json.dumps(data).encode(), content_type="application/json", **kw
        )

    @classmethod
    def html(cls, html: str, status: int = 200, **kw) -> Reply:
        return cls(status=status, body=html.encode("utf-8"), **kw)

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Reply:
        return cls(status=status, headers={"Location": location})

    @classmethod
    def gzipped(cls, raw: bytes, content_type: str = "text/html; charset=utf-8") -> Reply:
        return cls(
            body=gzip.compress(raw, compresslevel=9),
            content_type=content_type,
            headers={"Content-Encoding": "gzip"},
        )


Route = Reply | Callable[[Request], Reply]


class FakeServer:
    def __init__(self, routes: dict[str, Route] | None = None):
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - http.server's naming
                outer.handle(self)

            def log_message(self, *args):  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def hits(self, path: str | None = None) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if path is None or r.path == path]

    def route_for(self, path: str) -> Route | None:
        return self.routes.get(path)

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        request = Request(
            "GET", parts.path, query, {k.lower(): v for k, v in handler.headers.items()}
        )
        with self.lock:
            self.requests.append(request)
        route = self.route_for(parts.path)
        if route is None:
            reply = Reply(status=404, body=b"not found", content_type="text/plain")
        else:
            reply = route(request) if callable(route) else route
        # The client may give up (timeouts, size caps): that is what some tests test.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send(handler, reply)

    def send(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.wait_for is not None:
            reply.wait_for.wait(timeout=120)
        if reply.delay:
            time.sleep(reply.delay)
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        if reply.chunked:
            handler.send_header("Transfer-Encoding", "chunked")
        else:
            handler.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        if reply.chunked:
            for start in range(0, len(reply.body), 4096):
                piece = reply.body[start : start + 4096]
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            handler.wfile.write(b"0\r\n\r\n")
            return
        if not reply.drip:
            handler.wfile.write(reply.body)
            return
        for start in range(0, len(reply.body), reply.drip):
            handler.wfile.write(reply.body[start : start + reply.drip])
            handler.wfile.flush()
            time.sleep(reply.drip_pause)


class EchoSite(FakeServer):
    """A news site with a page for every path under /story/: the page's title and text are
    the words of its slug, so a search result for any claim has a page that matches it."""

    def route_for(self, path: str) -> Route | None:
        if not path.startswith("/story/"):
            return super().route_for(path)
        words = path.removeprefix("/story/").replace("-", " ")
        html = (
            f"<!doctype html><html><head><title>{words.title()}</title>"
            '<meta property="og:site_name" content="Echo News"></head><body><article>'
            f"<h1>{words.title()}</h1><p>Officials confirmed that {words}.</p>"
            "<p>Other matters were discussed at length by the committee.</p>"
            "</article></body></html>"
        )
        return Reply.html(html)
