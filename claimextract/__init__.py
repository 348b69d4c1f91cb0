"""Claim extraction: text in, claims anchored to the text out.

Pure Python. Nothing in this package imports Django, so the `extract_claims` command runs
without a database and the pipeline can be reused by other tools.
"""

from .furniture import LeftOut, find_furniture
from .metadata import PageMetadata, document_metadata, page_metadata
from .pipeline import explain_score, extract_claims, extract_one
from .types import DateMention, ExtractedClaim, Quantity, Unit

__all__ = [
    "DateMention",
    "ExtractedClaim",
    "LeftOut",
    "PageMetadata",
    "Quantity",
    "Unit",
    "document_metadata",
    "explain_score",
    "extract_one",
    "extract_claims",
    "find_furniture",
    "page_metadata",
]
