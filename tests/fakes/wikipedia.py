"""A fake Wikipedia: the MediaWiki Action API at /w/api.php (list=search; prop=extracts|info)
with its real response shape (formatversion=2), and the article pages at /wiki/<Title>."""

from __future__ import annotations

from urllib.parse import quote

from tests.fakes.server import FakeServer, Reply, Request

PAGES = {
    "2022 Kazakh unrest": (
        69301001,
        "The 2022 Kazakh unrest was a series of mass protests and civil unrest in Kazakhstan "
        "that began on 2 January 2022 after a sudden sharp increase in liquefied gas prices.",
        "President Kassym-Jomart Tokayev requested assistance from the Collective Security "
        "Treaty Organization. The CSTO deployed 2,030 troops to Kazakhstan. According to the "
        "Interior Ministry, 7,939 people were detained during the unrest.",
    ),
    "Collective Security Treaty Organization": (
        1140341,
        "The Collective Security Treaty Organization (CSTO) is an intergovernmental military "
        "alliance in Eurasia.",
        "In January 2022 the CSTO sent a peacekeeping force to Kazakhstan at the request of "
        "President Tokayev; about 2,030 troops took part.",
    ),
    "Polar bear": (
        24408,
        "The polar bear is a large bear native to the Arctic.",
        "The polar bear population is estimated at 22,000 to 31,000. Global warming and the "
        "loss of sea ice threaten polar bears.",
    ),
}


class FakeWikipedia(FakeServer):
    def __init__(self, pages: dict | None = None, *, delay: float = 0.0):
        super().__init__()
        self.pages = pages or PAGES
        self.delay = delay
        self.routes["/w/api.php"] = self.api
        for title in self.pages:
            self.routes[f"/wiki/{quote(title.replace(' ', '_'))}"] = self.page

    def api(self, request: Request) -> Reply:
        q = request.query
        if q.get("format") != "json":
            return Reply(status=400, body=b"format=json expected", content_type="text/plain")
        if q.get("action") != "query":
            return Reply.json({"error": {"code": "badvalue", "info": "Unrecognized value"}})
        if q.get("list") == "search":
            words = {w.lower() for w in q.get("srsearch", "").split()}
            hits = []
            for title, (pageid, intro, body) in self.pages.items():
                text = f"{title} {intro} {body}".lower()
                matched = sum(1 for w in words if w in text)
                if matched:
                    hits.append((matched, title, pageid, intro))
            hits.sort(key=lambda h: -h[0])
            limit = int(q.get("srlimit", 10))
            return Reply.json(
                {
                    "batchcomplete": True,
                    "continue": {"sroffset": limit, "continue": "-||"},
                    "query": {
                        "searchinfo": {"totalhits": len(hits)},
                        "search": [
                            {
                                "ns": 0,
                                "title": title,
                                "pageid": pageid,
                                "snippet": (
                                    f'<span class="searchmatch">{intro[:60]}</span>{intro[60:120]}'
                                ),
                                "timestamp": "2024-05-01T10:00:00Z",
                            }
                            for _, title, pageid, intro in hits[:limit]
                        ],
                    },
                },
                delay=self.delay,
            )
        if "extracts" in q.get("prop", ""):
            ids = {int(i) for i in q.get("pageids", "").split("|") if i}
            pages = []
            for title, (pageid, intro, _body) in self.pages.items():
                if pageid in ids:
                    url = f"{self.url}/wiki/{quote(title.replace(' ', '_'))}"
                    pages.append(
                        {
                            "pageid": pageid,
                            "ns": 0,
                            "title": title,
                            "extract": intro,
                            "contentmodel": "wikitext",
                            "pagelanguage": "en",
                            "fullurl": url,
                            "canonicalurl": url,
                            "editurl": url + "?action=edit",
                        }
                    )
            return Reply.json({"batchcomplete": True, "query": {"pages": pages}}, delay=self.delay)
        return Reply.json({"batchcomplete": True})

    def page(self, request: Request) -> Reply:
        for title, (_pageid, intro, body) in self.pages.items():
            if request.path.endswith(quote(title.replace(" ", "_"))):
                return Reply.html(
                    article_html(title, [intro, body], publisher="Wikipedia"), delay=self.delay
                )
        return Reply(status=404)


def article_html(
    title: str,
    paragraphs: list[str],
    *,
    publisher: str = "Example News",
    author: str = "",
    date: str = "",
) -> str:
    meta = f'<meta property="og:site_name" content="{publisher}">'
    if author:
        meta += f'<meta name="author" content="{author}">'
    if date:
        meta += f'<meta property="article:published_time" content="{date}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright</footer></body></html>"
    )
