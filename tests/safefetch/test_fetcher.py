"""The safe fetcher: every refusal is clear, and a refused request never reaches a server."""

from __future__ import annotations

import gzip

import pytest

from safefetch.fetcher import (
    FetchFailed,
    FetchPolicy,
    FetchRefused,
    FetchUnavailable,
    fetch,
)
from tests.fakes.server import Reply
from tests.fakes.wikipedia import article_html

PAGE = article_html("Troops arrive", ["Officials said 2,030 troops arrived on Monday."])


def policy_for(*servers, **overrides) -> FetchPolicy:
    return FetchPolicy(allow_hosts=frozenset(s.host_port for s in servers), **overrides)


def no_dns(host: str, port: int) -> list[str]:
    raise AssertionError(f"the fetcher must not resolve {host}")


def test_fetches_an_allowed_server_and_sends_host_and_user_agent(fake_site):
    fake_site.routes["/story"] = Reply.html(PAGE)
    result = fetch(f"{fake_site.url}/story", policy=policy_for(fake_site, user_agent="Desk/1"))
    assert result.status == 200
    assert b"2,030 troops" in result.body
    assert result.content_type == "text/html"
    (request,) = fake_site.hits("/story")
    assert request.headers["host"] == fake_site.host_port
    assert request.headers["user-agent"] == "Desk/1"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "0x7f000001",
        "2130706433",
        "0177.0.0.1",
        "127.1",
        "0x7f.0.0.1",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[::1]",
        "0.0.0.0",  # noqa: S104 - an address to refuse, not to bind
        "[::]",
    ],
)
def test_loopback_in_every_disguise_is_refused_before_connecting(fake_site, host):
    fake_site.routes["/"] = Reply.html(PAGE)
    # Nothing is allowed: the fake server's own port is as forbidden as any other.
    with pytest.raises(FetchRefused) as refused:
        fetch(f"http://{host}:{fake_site.port}/", policy=FetchPolicy(), resolver=no_dns)
    assert "Refused" in refused.value.message
    assert fake_site.hits() == []


@pytest.mark.parametrize(
    ("host", "why"),
    [
        ("169.254.169.254", "link-local"),
        ("10.0.0.5", "private"),
        ("10.255.255.1", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "not a public"),
        ("100.100.100.200", "not a public"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("[fd00:ec2::254]", "private"),
        ("[fe80::1]", "link-local"),
        ("[::ffff:169.254.169.254]", "link-local"),
        ("[64:ff9b::a00:1]", "private"),
        ("[2002:a00:1::]", "private"),
    ],
)
def test_private_link_local_and_metadata_addresses_are_refused(host, why):
    with pytest.raises(FetchRefused) as refused:
        fetch(f"http://{host}/latest/meta-data/", policy=FetchPolicy(), resolver=no_dns)
    assert why in refused.value.message


@pytest.mark.parametrize(
    "host", ["localhost", "metadata.google.internal", "metadata", "printer.local", "a.localhost"]
)
def test_local_and_metadata_host_names_are_refused_without_resolving(host):
    with pytest.raises(FetchRefused, match="local or metadata host name"):
        fetch(f"http://{host}/", policy=FetchPolicy(), resolver=no_dns)


def test_a_name_resolving_to_a_private_address_is_refused():
    with pytest.raises(FetchRefused, match="private"):
        fetch(
            "http://intranet.example.org/",
            policy=FetchPolicy(),
            resolver=lambda host, port: ["10.1.2.3"],
        )


def test_one_private_answer_among_public_ones_refuses_the_name():
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(
            "http://mixed.example.org/",
            policy=FetchPolicy(),
            resolver=lambda host, port: ["93.184.216.34", "127.0.0.1"],
        )


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "javascript:alert(1)"],
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchRefused, match="Only http and https"):
        fetch(url, policy=FetchPolicy(), resolver=no_dns)


def test_credentials_in_urls_are_refused():
    with pytest.raises(FetchRefused, match="user names or passwords"):
        fetch("http://user:pw@example.org/", policy=FetchPolicy(), resolver=no_dns)


def test_a_redirect_to_a_private_address_is_refused(fake_site):
    fake_site.routes["/go"] = Reply.redirect("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(FetchRefused, match="link-local"):
        fetch(f"{fake_site.url}/go", policy=policy_for(fake_site))
    assert len(fake_site.hits("/go")) == 1


def test_a_redirect_to_another_local_port_is_refused(fake_site):
    fake_site.routes["/go"] = Reply.redirect("http://127.0.0.1:9/admin")
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(f"{fake_site.url}/go", policy=policy_for(fake_site))


def test_redirects_are_followed_up_to_the_limit(fake_site):
    fake_site.routes["/a"] = Reply.redirect("/b", status=301)
    fake_site.routes["/b"] = Reply.redirect(f"{fake_site.url}/c", status=308)
    fake_site.routes["/c"] = Reply.html(PAGE)
    result = fetch(f"{fake_site.url}/a", policy=policy_for(fake_site))
    assert result.final_url == f"{fake_site.url}/c"
    assert result.redirects == [f"{fake_site.url}/b", f"{fake_site.url}/c"]


def test_a_redirect_loop_stops_at_the_limit(fake_site):
    fake_site.routes["/loop"] = Reply.redirect("/loop")
    with pytest.raises(FetchRefused, match="More than 3 redirects"):
        fetch(f"{fake_site.url}/loop", policy=policy_for(fake_site, max_redirects=3))
    assert len(fake_site.hits("/loop")) == 4


def test_a_rebinding_resolver_cannot_move_the_connection(fake_site):
    """The name resolves to the allowed address first and to the metadata address on every
    later lookup. Each hop is resolved once and connected to what was checked; the redirect's
    second lookup gets the private answer and is refused before any connection."""
    answers = iter(["127.0.0.1"])
    lookups = []

    def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return [next(answers, "169.254.169.254")]

    fake_site.routes["/first"] = Reply.redirect(f"http://rebind.example:{fake_site.port}/second")
    fake_site.routes["/second"] = Reply.html(PAGE)
    url = f"http://rebind.example:{fake_site.port}/first"
    with pytest.raises(FetchRefused, match="link-local"):
        fetch(url, policy=policy_for(fake_site), resolver=rebinding)
    assert lookups == ["rebind.example", "rebind.example"]
    (request,) = fake_site.hits()
    assert request.path == "/first"
    assert request.headers["host"] == f"rebind.example:{fake_site.port}"


def test_the_connection_goes_to_the_address_that_was_checked(fake_site):
    lookups = []

    def once_then_private(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"] if len(lookups) == 1 else ["10.0.0.1"]

    fake_site.routes["/page"] = Reply.html(PAGE)
    result = fetch(
        f"http://news.example:{fake_site.port}/page",
        policy=policy_for(fake_site),
        resolver=once_then_private,
    )
    assert b"2,030" in result.body
    assert lookups == ["news.example"]


def test_an_oversized_body_is_refused_by_its_declared_length(fake_site):
    fake_site.routes["/big"] = Reply.html("x" * 5000)
    with pytest.raises(FetchRefused, match="larger than the limit of 1,000 bytes"):
        fetch(f"{fake_site.url}/big", policy=policy_for(fake_site, max_bytes=1000))


def test_an_oversized_body_without_a_length_is_cut_off_while_streaming(fake_site):
    fake_site.routes["/big"] = Reply(body=b"x" * 50_000, content_type="text/plain", chunked=True)
    with pytest.raises(FetchRefused, match="larger than the limit of 10,000 bytes"):
        fetch(f"{fake_site.url}/big", policy=policy_for(fake_site, max_bytes=10_000))


def test_a_chunked_body_within_the_limit_is_read_whole(fake_site):
    fake_site.routes["/ok"] = Reply(body=b"y" * 9_000, content_type="text/plain", chunked=True)
    result = fetch(f"{fake_site.url}/ok", policy=policy_for(fake_site, max_bytes=10_000))
    assert result.body == b"y" * 9_000


def test_a_gzip_bomb_is_cut_off_at_the_cap_not_inflated(fake_site):
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    fake_site.routes["/bomb"] = Reply(
        body=bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchRefused, match="larger than the limit of 1,048,576 bytes"):
        fetch(f"{fake_site.url}/bomb", policy=policy_for(fake_site, max_bytes=1024 * 1024))


def test_gzip_content_is_decoded(fake_site):
    fake_site.routes["/gz"] = Reply.gzipped(PAGE.encode())
    result = fetch(f"{fake_site.url}/gz", policy=policy_for(fake_site))
    assert result.body == PAGE.encode()


def test_a_slow_server_is_given_up_at_the_deadline(fake_site):
    # 1 byte every 0.2 s: no single read times out, the total deadline does.
    fake_site.routes["/slow"] = Reply.html(PAGE, drip=1, drip_pause=0.2)
    with pytest.raises(FetchUnavailable, match="Gave up after 1 seconds") as slow:
        fetch(f"{fake_site.url}/slow", policy=policy_for(fake_site, deadline=1.0))
    assert slow.value.transient


def test_a_server_that_never_answers_times_out(fake_site):
    fake_site.routes["/silent"] = Reply.html(PAGE, delay=3)
    with pytest.raises(FetchUnavailable) as silent:
        fetch(f"{fake_site.url}/silent", policy=policy_for(fake_site, read_timeout=0.5))
    assert silent.value.transient


def test_a_wrong_content_type_is_refused(fake_site):
    fake_site.routes["/file.zip"] = Reply(body=b"PK\x03\x04", content_type="application/zip")
    with pytest.raises(FetchRefused, match="Content type 'application/zip' is not accepted"):
        fetch(f"{fake_site.url}/file.zip", policy=policy_for(fake_site))


def test_client_errors_are_failures_and_server_errors_are_transient(fake_site):
    fake_site.routes["/gone"] = Reply(status=410, body=b"gone")
    fake_site.routes["/down"] = Reply(status=503, body=b"busy")
    with pytest.raises(FetchFailed) as gone:
        fetch(f"{fake_site.url}/gone", policy=policy_for(fake_site))
    assert (gone.value.status, gone.value.transient) == (410, False)
    with pytest.raises(FetchUnavailable) as down:
        fetch(f"{fake_site.url}/down", policy=policy_for(fake_site))
    assert (down.value.status, down.value.transient) == (503, True)


@pytest.fixture
def tls_site(fake_site, tmp_path):
    """The fake site over HTTPS with a certificate for news.example from a throw-away CA."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=news.example",
            "-addext",
            "subjectAltName=DNS:news.example",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    fake_site.httpd.socket = context.wrap_socket(fake_site.httpd.socket, server_side=True)
    return fake_site, str(cert)


def test_https_connects_to_the_checked_address_with_sni_and_certificate_of_the_name(tls_site):
    site, ca = tls_site
    site.routes["/story"] = Reply.html(PAGE)
    policy = policy_for(site, ca_certs=ca)
    result = fetch(
        f"https://news.example:{site.port}/story",
        policy=policy,
        resolver=lambda host, port: ["127.0.0.1"],
    )
    assert b"2,030 troops" in result.body
    assert site.hits("/story")[0].headers["host"] == f"news.example:{site.port}"


def test_https_refuses_a_certificate_for_another_name(tls_site):
    site, ca = tls_site
    site.routes["/story"] = Reply.html(PAGE)
    with pytest.raises(FetchFailed, match="TLS with other.example failed") as refused:
        fetch(
            f"https://other.example:{site.port}/story",
            policy=policy_for(site, ca_certs=ca),
            resolver=lambda host, port: ["127.0.0.1"],
        )
    assert not refused.value.transient
    assert site.hits() == []
