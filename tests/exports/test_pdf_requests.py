"""WeasyPrint must not fetch anything a report references: a real HTTP server on 127.0.0.1
counts the requests it gets while reports that point at it are rendered."""

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reviews.exports import pdf
from reviews.exports.snapshot import EvidenceEntry
from tests.exports.samples import claim, snapshot

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


class CountingHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        body = PNG_1X1 if self.path.endswith(".png") else b"body { color: red; }"
        self.send_response(200)
        self.send_header("Content-Type", "image/png" if self.path.endswith(".png") else "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_control_weasyprint_left_to_itself_does_fetch_from_the_server(server):
    # Without our fetcher the same kind of reference reaches the server: the other tests'
    # zero counts mean something.
    from weasyprint import HTML

    HTML(string=f'<img src="http://127.0.0.1:{server.server_port}/x.png">').write_pdf()
    assert server.requests == ["/x.png"]


def test_pdf_of_a_report_referencing_a_local_server_makes_no_request(server):
    base = f"http://127.0.0.1:{server.server_port}"
    rationale = (
        f'<img src="{base}/x.png"> ![chart]({base}/chart.png)\n\n'
        f'<style>@import url("{base}/import.css"); body {{ background: url({base}/bg.png); }}'
        f'</style><link rel="stylesheet" href="{base}/link.css">'
        f'<iframe src="{base}/frame.html"></iframe><object data="{base}/o.png"></object>'
    )
    s = snapshot(
        claim(
            1,
            f"Claim <img src='{base}/claim.png'>",
            rationale=rationale,
            evidence=(
                EvidenceEntry(
                    stance="context",
                    url=f"{base}/source.png",
                    quote=f'<img src="{base}/quote.png">',
                    archived_url=f"{base}/archive.png",
                ),
            ),
        ),
    )
    data = pdf.render(s)
    assert data.startswith(b"%PDF-")
    assert server.requests == []


def test_pdf_fetcher_refuses_what_the_sanitiser_would_have_removed(server):
    # Raw HTML straight into WeasyPrint, with every kind of subresource it knows.
    base = f"http://127.0.0.1:{server.server_port}"
    document = f"""<!doctype html><html><head>
      <link rel="stylesheet" href="{base}/link.css">
      <style>
        @import url("{base}/import.css");
        @font-face {{ font-family: X; src: url({base}/font.woff); }}
        body {{ background: url({base}/bg.png); font-family: X; }}
        li {{ list-style-image: url({base}/bullet.png); }}
      </style></head>
      <body><img src="{base}/x.png"><object data="{base}/o.png"></object>
      <embed src="{base}/e.png"><svg><image href="{base}/svg.png"/></svg>
      <ul><li>item</li></ul>
      <img src="data:image/png;base64,{base64.b64encode(PNG_1X1).decode()}">
      </body></html>"""
    data = pdf.html_to_pdf(document)
    assert data.startswith(b"%PDF-")
    assert server.requests == []


def inline_svg(base: str) -> str:
    """A data: URI (which the fetcher allows) of an SVG that references the server."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="10" height="10"><image href="{base}/nested.png" width="10" height="10"/>'
        f'<image xlink:href="{base}/nested-xlink.png" width="10" height="10"/>'
        f'<style>@import url("{base}/nested.css");</style></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def test_control_weasyprint_left_to_itself_fetches_nested_references_and_attachments(server):
    from weasyprint import HTML

    base = f"http://127.0.0.1:{server.server_port}"
    HTML(
        string=f'<img src="{inline_svg(base)}"><link rel="attachment" href="{base}/at.png">'
    ).write_pdf()
    assert sorted(server.requests) == ["/at.png", "/nested-xlink.png", "/nested.png"]


def test_references_nested_in_an_inline_svg_image_are_refused_too(server):
    # A data: URI is allowed; what it references goes through the same fetcher.
    base = f"http://127.0.0.1:{server.server_port}"
    inline = inline_svg(base)
    document = (
        f'<!doctype html><html><body><img src="{inline}">'
        f'<div style="background: url(&quot;{inline}&quot;)">x</div></body></html>'
    )
    assert pdf.html_to_pdf(document).startswith(b"%PDF-")
    assert server.requests == []


def test_attachments_and_relative_references_are_not_fetched(server):
    base = f"http://127.0.0.1:{server.server_port}"
    document = f"""<!doctype html><html><head>
      <link rel="attachment" href="{base}/attached.png">
      <link rel="stylesheet" href="/static/reviews/app.css">
      <link rel="stylesheet" href="//127.0.0.1:{server.server_port}/scheme-relative.css">
      </head><body><a rel="attachment" href="{base}/a-attached.png">file</a>
      <img src="static/reviews/x.png"></body></html>"""
    assert pdf.html_to_pdf(document).startswith(b"%PDF-")
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/hostname",
        "http://127.0.0.1/x.png",
        "https://example.org/x.css",
        "ftp://example.org/x",
        "/static/reviews/app.css",
        "data:" + "a" * (pdf.MAX_DATA_URI + 1),
    ],
)
def test_the_fetcher_refuses_files_and_urls(url):
    with pytest.raises(pdf.RefusedRequest):
        pdf.NoOutsideRequests().fetch(url)


def test_the_fetcher_refuses_the_desks_own_static_files(settings):
    # The report carries its styles inline and references no file, so not even the desk's
    # own static files are read (the next test shows nothing asks for one).
    from pathlib import Path

    import reviews

    app_css = Path(reviews.__file__).parent / "static" / "reviews" / "app.css"
    assert app_css.exists()
    for url in (app_css.as_uri(), (Path(settings.STATIC_ROOT) / "reviews" / "app.css").as_uri()):
        with pytest.raises(pdf.RefusedRequest):
            pdf.NoOutsideRequests().fetch(url)


def test_the_report_itself_asks_for_no_file_or_url(monkeypatch):
    asked = []
    refuse = pdf.NoOutsideRequests.fetch

    def recording(self, url, headers=None):
        asked.append(url)
        return refuse(self, url, headers)

    monkeypatch.setattr(pdf.NoOutsideRequests, "fetch", recording)
    from tests.exports.samples import sample

    assert pdf.render(sample()).startswith(b"%PDF-")
    assert asked == []
