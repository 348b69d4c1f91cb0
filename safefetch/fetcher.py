"""The one way this desk fetches a URL someone outside gave it (SSRF-safe). Pure Python.

Every hop (the first request and each redirect) is checked the same way: http or https;
a host name that is not a local or metadata name; the name resolved ONCE, every address it
resolved to public (no private, loopback, link-local, multicast, reserved, shared or
unspecified address, also when disguised as decimal, hex, octal, short or IPv6-mapped
form); and the socket then opened to exactly that checked address, with the Host header
and TLS SNI/certificate check for the name, so a resolver that changes its answer between
the check and the connection (DNS rebinding) changes nothing. Connect and read timeouts,
a total deadline, a size cap on the decoded body while it streams (a gzip bomb is cut off
at the cap, not inflated first) and a content-type allowlist complete it.

Why not a library: see docs/SOURCES.md ("Safe fetching"). This is urllib3 (already a
dependency of trafilatura) driven one connection at a time.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3 import BaseHTTPResponse
from urllib3.exceptions import HTTPError as Urllib3HTTPError
from urllib3.exceptions import NewConnectionError, ProtocolError, SSLError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

# Resolves (host, port) to IP address strings. Injectable so that tests can play a
# rebinding DNS server without touching the machine's resolver.
Resolver = Callable[[str, int], list[str]]

BLOCKED_HOST_NAMES = frozenset(
    {"localhost", "metadata", "metadata.google.internal", "instance-data", "kubernetes"}
)
BLOCKED_HOST_SUFFIXES = (".localhost", ".internal", ".local", ".localdomain", ".home.arpa")
# NAT64 and other translation prefixes carry an IPv4 address in their last 32 bits.
NAT64_NETWORKS = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 16 * 1024


class FetchError(Exception):
    """A URL could not be fetched. `transient` says whether trying again later may help
    (timeouts, connection failures, 5xx); refusals and 4xx are never transient."""

    transient = False

    def __init__(self, message: str, *, url: str = "", status: int | None = None):
        super().__init__(message)
        self.message = message
        self.url = url
        self.status = status


class FetchRefused(FetchError):
    """The fetcher refused the URL or the response (unsafe address, scheme, type, size)."""


class FetchFailed(FetchError):
    """The server did not give the document (an HTTP error status)."""


class FetchUnavailable(FetchError):
    """Timeouts, refused connections, 5xx: worth another try later."""

    transient = True


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 30.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    allowed_content_types: frozenset[str] = frozenset(
        {"text/html", "application/xhtml+xml", "text/plain", "text/markdown"}
    )
    # "ip:port" pairs let through although not public: the test suite's fake servers.
    allow_hosts: frozenset[str] = frozenset()
    user_agent: str = "FactcheckDesk/0.1"
    # CA bundle for TLS; None is the system's trust store (tests pass their own CA).
    ca_certs: str | None = None


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int
    content_type: str
    charset: str
    body: bytes
    redirects: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        for encoding in (self.charset, "utf-8", "cp1252"):
            if encoding:
                with contextlib.suppress(LookupError, UnicodeDecodeError):
                    return self.body.decode(encoding)
        return self.body.decode("utf-8", errors="replace")


def normalise_allow_hosts(pairs: Iterable[str]) -> frozenset[str]:
    result = set()
    for pair in pairs:
        host, _, port = pair.strip().rpartition(":")
        if not host or not port.isdigit():
            continue
        result.add(f"{ipaddress.ip_address(host.strip('[]'))}:{int(port)}")
    return frozenset(result)


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host written as a number means, in every form C's inet_aton accepts
    (2130706433, 0x7f000001, 0177.0.0.1, 127.1), or None for a name."""
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(host)
    parts = host.split(".")
    if all(p and (p.isdigit() or p.lower().startswith("0x")) for p in parts):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            raise FetchRefused(f"{host!r} is not a valid address.") from None
    return None


def address_problem(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why connecting to this address is refused, or None for a public address."""
    embedded = None
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if address.teredo:
            embedded = address.teredo[1]
        if any(address in net for net in NAT64_NETWORKS):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if embedded is not None:
        problem = address_problem(embedded)
        if problem:
            return f"{problem} (inside {address})"
    if address.is_loopback:
        return f"{address} is a loopback address"
    if address.is_link_local:
        return f"{address} is link-local (cloud metadata lives there)"
    if address.is_multicast:
        return f"{address} is a multicast address"
    if address.is_unspecified:
        return f"{address} is unspecified"
    if address.is_reserved:
        return f"{address} is a reserved address"
    if address.is_private:
        return f"{address} is a private address"
    if not address.is_global:
        return f"{address} is not a public address"
    return None


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    address: str
    path: str

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def check_url(url: str, policy: FetchPolicy, resolver: Resolver) -> Target:
    """Everything about a URL that must hold before a socket is opened; returns the one
    address to connect to."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"Not a valid URL: {exc}.", url=url) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(
            f"Only http and https URLs are fetched, not {scheme or 'none'}.", url=url
        )
    if parts.username or parts.password:
        raise FetchRefused("URLs with user names or passwords are not fetched.", url=url)
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FetchRefused("The URL has no host.", url=url)
    port = port or (443 if scheme == "https" else 80)
    literal = literal_address(host)
    if literal is not None:
        addresses = [str(literal)]
    else:
        if host in BLOCKED_HOST_NAMES or host.endswith(BLOCKED_HOST_SUFFIXES):
            raise FetchRefused(f"{host} is a local or metadata host name.", url=url)
        try:
            addresses = resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchUnavailable(f"{host} could not be resolved ({exc}).", url=url) from None
        if not addresses:
            raise FetchUnavailable(f"{host} resolved to no address.", url=url)
    checked = []
    for raw in addresses:
        address = ipaddress.ip_address(raw.split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if f"{address}:{port}" not in policy.allow_hosts:
            # One bad answer refuses the name: a rebinding server mixes them.
            problem = address_problem(address)
            if problem:
                raise FetchRefused(f"Refused {host}: {problem}.", url=url)
        checked.append(str(address))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(scheme=scheme, host=host, port=port, address=checked[0], path=path)


def media_type(header: str) -> tuple[str, str]:
    kind, _, params = (header or "").partition(";")
    charset = ""
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


class Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self, url: str) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise FetchUnavailable(f"Gave up after {self.seconds:g} seconds.", url=url)
        return left


def open_response(
    target: Target, policy: FetchPolicy, deadline: Deadline, url: str
) -> tuple[urllib3.HTTPConnectionPool, BaseHTTPResponse]:
    left = deadline.remaining(url)
    timeout = urllib3.Timeout(
        connect=min(policy.connect_timeout, left), read=min(policy.read_timeout, left)
    )
    pool: urllib3.HTTPConnectionPool
    if target.scheme == "https":
        # Connect to the checked address; certificate and SNI are for the name.
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            port=target.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=policy.ca_certs,
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            target.address, port=target.port, timeout=timeout, retries=False, maxsize=1
        )
    headers = {
        "Host": target.host_header,
        "User-Agent": policy.user_agent,
        "Accept": ", ".join(sorted(policy.allowed_content_types)) + ";q=1.0, */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        response = pool.urlopen(
            "GET",
            target.path,
            headers=headers,
            redirect=False,
            preload_content=False,
            decode_content=False,
            assert_same_host=False,
        )
    except SSLError as exc:
        # A certificate that does not match the name is the site's problem, not a hiccup.
        pool.close()
        raise FetchFailed(f"TLS with {target.host} failed: {exc}", url=url) from None
    except (Urllib3Timeout, NewConnectionError, ProtocolError) as exc:
        pool.close()
        raise FetchUnavailable(f"Could not reach {target.host}: {exc}", url=url) from None
    except Urllib3HTTPError as exc:
        pool.close()
        raise FetchUnavailable(f"Could not fetch from {target.host}: {exc}", url=url) from None
    return pool, response


class BoundedDecoder:
    """Content-Encoding undone in bounded steps: never more than the cap is inflated."""

    def __init__(self, encoding: str, limit: int, url: str):
        self.url = url
        self.limit = limit
        self.size = 0
        encoding = (encoding or "identity").strip().lower()
        if encoding in ("identity", ""):
            self.inflater = None
        elif encoding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.inflater = zlib.decompressobj()
        else:
            raise FetchRefused(f"Unsupported content encoding {encoding!r}.", url=url)

    def feed(self, data: bytes) -> bytes:
        if self.inflater is None:
            return self._count(data)
        out = []
        while data:
            room = self.limit - self.size + 1
            try:
                chunk = self.inflater.decompress(data, room)
            except zlib.error as exc:
                raise FetchFailed(f"Corrupt compressed body: {exc}.", url=self.url) from None
            out.append(self._count(chunk))
            data = self.inflater.unconsumed_tail
        return b"".join(out)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchRefused(
                f"The document is larger than the limit of {self.limit:,} bytes.", url=self.url
            )
        return data


def read_body(
    response: BaseHTTPResponse, policy: FetchPolicy, deadline: Deadline, url: str
) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > policy.max_bytes:
        raise FetchRefused(
            f"The document is larger than the limit of {policy.max_bytes:,} bytes "
            f"({int(length):,}).",
            url=url,
        )
    decoder = BoundedDecoder(response.headers.get("Content-Encoding", ""), policy.max_bytes, url)
    parts = []
    try:
        while True:
            deadline.remaining(url)
            # read1 returns what one socket read gave, so a server that drips bytes cannot
            # hold us past the deadline.
            data = response.read1(CHUNK, decode_content=False)
            if not data:
                break
            parts.append(decoder.feed(data))
    except (Urllib3Timeout, ProtocolError, OSError) as exc:
        raise FetchUnavailable(f"The download stopped: {exc}", url=url) from None
    return b"".join(parts)


def fetch(
    url: str,
    *,
    policy: FetchPolicy,
    resolver: Resolver | None = None,
) -> FetchResult:
    """GET a URL under every rule above. Raises FetchError (refused, failed, unavailable)."""
    resolver = resolver or system_resolver
    deadline = Deadline(policy.deadline)
    current = url.strip()
    redirects: list[str] = []
    while True:
        target = check_url(current, policy, resolver)
        pool, response = open_response(target, policy, deadline, current)
        try:
            if response.status in REDIRECT_STATUSES and response.headers.get("Location"):
                if len(redirects) >= policy.max_redirects:
                    raise FetchRefused(f"More than {policy.max_redirects} redirects.", url=url)
                current = urljoin(current, response.headers["Location"])
                redirects.append(current)
                continue
            return finish(url, current, redirects, response, policy, deadline)
        finally:
            response.release_conn()
            pool.close()


def finish(
    url: str,
    final_url: str,
    redirects: list[str],
    response: BaseHTTPResponse,
    policy: FetchPolicy,
    deadline: Deadline,
) -> FetchResult:
    status = response.status
    if status >= 500:
        raise FetchUnavailable(f"The server answered {status}.", url=final_url, status=status)
    if status >= 400:
        raise FetchFailed(f"The server answered {status}.", url=final_url, status=status)
    if status != 200:
        raise FetchFailed(f"Unexpected answer {status}.", url=final_url, status=status)
    kind, charset = media_type(response.headers.get("Content-Type", ""))
    if kind not in policy.allowed_content_types:
        raise FetchRefused(
            f"Content type {kind or 'none'!r} is not accepted "
            f"(accepted: {', '.join(sorted(policy.allowed_content_types))}).",
            url=final_url,
        )
    body = read_body(response, policy, deadline, final_url)
    return FetchResult(
        url=url,
        final_url=final_url,
        status=status,
        content_type=kind,
        charset=charset,
        body=body,
        redirects=redirects,
        headers={k.lower(): v for k, v in response.headers.items()},
    )
