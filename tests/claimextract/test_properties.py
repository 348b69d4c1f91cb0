"""Properties of the whole pipeline on arbitrary input."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimextract import extract_claims

texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400) | st.lists(
    st.sampled_from(
        [
            "Mr. Smith said",
            "“Quote.”",
            " 2,030 troops",
            "U.S.",
            "...",
            "\n",
            ". ",
            "on Monday",
            "according to the ministry",
            "Он сказал.",
            "«Цитата»",
            "e.g.",
            "3.5%",
            "?!",
            "\u00a0",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extraction_never_crashes_and_spans_are_exact_ordered_and_disjoint(text):
    claims = extract_claims(text)
    previous_end = 0
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.text.strip() == claim.text and claim.text
        assert claim.start >= previous_end
        previous_end = claim.end
        assert 0.0 <= claim.checkworthiness <= 1.0
        for quantity in claim.quantities:
            assert claim.text[quantity.start : quantity.end] == quantity.text
