"""A fake SearxNG instance: GET /search?q=&format=json with the real JSON shape; without
format=json it answers 403, as an instance whose settings do not enable json does."""

from __future__ import annotations

import threading

from tests.fakes.server import FakeServer, Reply, Request


class FakeSearxng(FakeServer):
    def __init__(self, results: list[dict] | None = None, *, delay: float = 0.0):
        super().__init__()
        self.results = results if results is not None else []
        self.delay = delay
        # Set to stall every search until the test sets it (worker-kill tests).
        self.stall: threading.Event | None = None
        self.routes["/search"] = self.search

    def search(self, request: Request) -> Reply:
        if request.query.get("format") != "json":
            return Reply(status=403, body=b"Forbidden", content_type="text/plain")
        results = self.results(request) if callable(self.results) else self.results
        return Reply.json(
            {
                "query": request.query.get("q", ""),
                "number_of_results": 0,
                "results": [
                    {
                        "url": r["url"],
                        "title": r.get("title", ""),
                        "content": r.get("content", ""),
                        "engine": "duckduckgo",
                        "engines": ["duckduckgo", "brave"],
                        "parsed_url": ["https", r.get("host", "example.org"), "/", "", "", ""],
                        "template": "default.html",
                        "positions": [i + 1],
                        "score": r.get("score", 1.0),
                        "category": "general",
                        **({"publishedDate": r["published"]} if r.get("published") else {}),
                    }
                    for i, r in enumerate(results)
                ],
                "answers": [],
                "corrections": [],
                "infoboxes": [],
                "suggestions": [],
                "unresponsive_engines": [],
            },
            delay=self.delay,
            wait_for=self.stall,
        )
