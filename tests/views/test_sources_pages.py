"""The sources pages: a claim's candidates with their passage highlighted, and the source work
of a whole article."""

from __future__ import annotations

import pytest

from reviews.models import Candidate
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def candidate(claim, n: int, **kwargs) -> Candidate:
    url = f"https://stats.example.org/{claim.pk}/{n}"
    return Candidate.objects.create(
        claim=claim, url=url, canonical_url=url, title=f"Report {n}", provider="searxng", **kwargs
    )


def test_claim_sources_highlight_the_claims_terms_in_each_passage(reviewer_client, article):
    claim = ClaimFactory(article=article)
    word = claim.display_text.split()[0].strip(".,")
    candidate(claim, 1, passage=f"As reported, {word} was confirmed.", relevance=0.9)
    candidate(claim, 2, decision=Candidate.Decision.DISMISSED)
    page = reviewer_client.get(f"/claims/{claim.pk}/sources/").content.decode()
    assert f"<mark>{word}</mark>" in page
    assert "Report 1" in page
    assert "Report 2" not in page
    assert "0 accepted, 1 dismissed" in page


def test_article_sources_count_each_claims_pending_candidates(reviewer_client, article):
    first = ClaimFactory(article=article, start=0, end=article.body.index(".") + 1)
    candidate(first, 1)
    candidate(first, 2)
    candidate(first, 3, decision=Candidate.Decision.DISMISSED)
    page = reviewer_client.get(f"/articles/{article.pk}/sources/").content.decode()
    row = page[page.index(f"/claims/{first.pk}/sources/") :]
    assert row[: row.index("</tr>")].endswith("<td>2</td>")
