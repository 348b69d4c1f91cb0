"""Hand-made report snapshots for the format tests (no database needed)."""

from __future__ import annotations

from reviews.exports.snapshot import (
    ArticleMeta,
    ClaimEntry,
    CorrectionEntry,
    Desk,
    EvidenceEntry,
    ReportSnapshot,
    Scale,
    ScaleRating,
)

SCALE = Scale(
    name="Default",
    ratings=(
        ScaleRating("True", "true", 5, "Accurate.", "#1a7f37"),
        ScaleRating("Mostly true", "mostly-true", 4, "", "#4d9a3a"),
        ScaleRating("Half true", "half-true", 3, "", "#b58100"),
        ScaleRating("Mostly false", "mostly-false", 2, "", "#c9510c"),
        ScaleRating("False", "false", 1, "Not accurate.", "#cf222e"),
        ScaleRating("Misleading", "misleading", None, "Accurate but misleading.", "#8250df"),
        ScaleRating("Unverifiable", "unverifiable", None, "", "#57606a"),
    ),
)


def claim(number: int, text: str, **fields) -> ClaimEntry:
    defaults = dict(
        id=100 + number,
        number=number,
        text=text,
        approved=True,
        rating="False",
        rating_slug="false",
        rating_value=1,
        rating_color="#cf222e",
        rationale="The figure is wrong. Officials later *corrected* it.",
        conclusion="The figure is wrong.",
        confidence=80,
        reviewed_by="Rita Reviewer",
        approved_by="Erin Editor",
        approved_at="2022-01-12T10:00:00+00:00",
        verdict_number=1,
        published="2022-01-12",
    )
    defaults.update(fields)
    return ClaimEntry(**defaults)


def snapshot(*claims: ClaimEntry, **fields) -> ReportSnapshot:
    defaults = dict(
        desk=Desk(name="Factcheck Desk", url="https://desk.example.org"),
        article=ArticleMeta(
            id=7,
            title="Kazakhstan restores order",
            outlet="Factcheck demo",
            url="https://news.example.com/kazakhstan",
            author="",
            published="2022-01-10",
        ),
        scale=SCALE,
        claims=claims,
        methodology="We check **facts**.",
        draft=False,
        version=1,
        published_at="2022-01-12T11:00:00+00:00",
        published_by="Erin Editor",
        generated_at="2022-01-12T11:00:00+00:00",
        url="https://desk.example.org/reports/7/",
    )
    defaults.update(fields)
    return ReportSnapshot(**defaults)


def sample() -> ReportSnapshot:
    """Three claims: an ordinal rating with evidence, a label outside the scale, a pending
    one; and a corrections-log entry."""
    return snapshot(
        claim(
            1,
            "As many as 7,939 people had been detained during the violence.",
            speaker="Kazakh Ministry of Internal Affairs",
            rating="Mostly true",
            rating_slug="mostly-true",
            rating_value=4,
            rationale="Later figures put it at 9,900. The ministry's count was provisional.",
            conclusion="Later figures put it at 9,900.",
            evidence=(
                EvidenceEntry(
                    stance="supports",
                    url="https://stats.example.org/detentions",
                    title="Detention statistics",
                    publisher="Statistics Office",
                    published="2022-01-11",
                    quote="7,939 people were detained",
                    note="Official count",
                    archived_url="https://desk.example.org/media/snapshots/2022/01/a.html",
                ),
                EvidenceEntry(
                    stance="refutes",
                    url="https://ngo.example.net/report",
                    title="NGO report",
                    quote="at least 9,900",
                ),
            ),
        ),
        claim(
            2,
            "The CSTO mission of 2,030 troops would end with it.",
            speaker="Kassym-Jomart Tokayev",
            rating="Misleading",
            rating_slug="misleading",
            rating_value=None,
            rating_color="#8250df",
            rationale="The troop count is right, but the mission ended later.",
            conclusion="The troop count is right, but the mission ended later.",
        ),
        claim(
            3,
            "More than 2,000 people were injured.",
            approved=False,
            rating="Half true",
            rating_slug="half-true",
            rating_value=3,
            approved_by="",
            approved_at=None,
            rationale="Draft notes.",
            conclusion="",
        ),
        corrections=(
            CorrectionEntry(
                claim_id=101,
                claim_number=1,
                claim_text="As many as 7,939 people had been detained during the violence.",
                old_rating="False",
                new_rating="Mostly true",
                date="2022-01-12",
                reason="the ministry published a revised count",
                version=2,
            ),
        ),
        version=2,
    )
