import pytest

from safefetch.urls import canonical_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTPS://Example.ORG/Path?b=1&a=2", "https://example.org/Path?b=1&a=2"),
        ("http://example.org:80/a", "http://example.org/a"),
        ("https://example.org:443/a", "https://example.org/a"),
        ("https://example.org:8443/a", "https://example.org:8443/a"),
        ("https://example.org/a#section-2", "https://example.org/a"),
        ("https://example.org", "https://example.org/"),
        (
            "https://example.org/a?utm_source=x&id=7&UTM_Campaign=y&fbclid=z&gclid=q",
            "https://example.org/a?id=7",
        ),
        ("https://example.org/a?utm_source=x", "https://example.org/a"),
        ("  https://example.org/a  ", "https://example.org/a"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
        ("", ""),
    ],
)
def test_canonical_url_normalises_what_does_not_identify_the_document(given, expected):
    assert canonical_url(given) == expected


def test_same_page_from_two_providers_has_one_canonical_url():
    a = canonical_url("https://News.example.com/story?id=1&utm_medium=social#top")
    b = canonical_url("https://news.example.com:443/story?id=1&fbclid=abc")
    assert a == b
