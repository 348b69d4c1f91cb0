"""The desk's domain, one module per aggregate: articles and their claims, verdicts on a
rating scale, sources with the evidence and candidates that tie them to claims, earlier
fact-checks, background jobs, comments and notifications, and published reports."""

from .articles import Article
from .claims import Claim, ClaimKind, ClaimStatus
from .comments import Comment, Notification
from .factchecks import FactCheck
from .jobs import Job
from .matches import ClaimMatch, MatchSettings
from .ratings import Rating, RatingScale
from .reports import Correction, Report, ReportRendering
from .sources import Candidate, Evidence, Source, Stance
from .verdicts import Verdict

__all__ = [
    "Article",
    "Candidate",
    "Claim",
    "ClaimMatch",
    "ClaimKind",
    "ClaimStatus",
    "Comment",
    "Correction",
    "Evidence",
    "FactCheck",
    "Job",
    "MatchSettings",
    "Notification",
    "Rating",
    "RatingScale",
    "Report",
    "ReportRendering",
    "Source",
    "Stance",
    "Verdict",
]
