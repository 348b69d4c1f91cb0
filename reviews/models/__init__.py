"""The desk's domain (DESIGN.md section 2), one module per aggregate."""

from .articles import Article
from .claims import Claim, ClaimKind, ClaimStatus
from .comments import Comment, Notification
from .jobs import Job
from .ratings import Rating, RatingScale
from .reports import Correction, Report, ReportRendering
from .sources import Candidate, Evidence, Source, Stance
from .verdicts import Verdict

__all__ = [
    "Article",
    "Candidate",
    "Claim",
    "ClaimKind",
    "ClaimStatus",
    "Comment",
    "Correction",
    "Evidence",
    "Job",
    "Notification",
    "Rating",
    "RatingScale",
    "Report",
    "ReportRendering",
    "Source",
    "Stance",
    "Verdict",
]
