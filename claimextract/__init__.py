"""Claim extraction: text in, claims anchored to the text out.

Pure Python. Nothing in this package imports Django, so the `extract_claims` command runs
without a database and the pipeline can be reused by other tools.
"""

from .pipeline import explain_score, extract_claims
from .types import DateMention, ExtractedClaim, Quantity, Unit

__all__ = ["DateMention", "ExtractedClaim", "Quantity", "Unit", "explain_score", "extract_claims"]
