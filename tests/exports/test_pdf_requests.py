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
