"""Object access for the desk's pages: one helper per kind of object, and `desk_required`.

Desk members (reviewers, editors, admins) see every article, claim and source of the desk;
whether they may *change* something is a rule of the services (reviews/permissions.py).
Everyone else gets a 404 that does not reveal whether the object exists.

Most pages use `desk_required`: someone logged in without a desk role gets a 403. The article
page, the claim panel and the actions on them use `login_required` instead and leave the
refusal to the helpers here, so that an outsider cannot tell an article or claim that exists
from one that does not (both are a 404).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from reviews import permissions
from reviews.models import Article, Candidate, Claim, Evidence, Job, Source
from reviews.roles import is_reviewer


def desk_required(view: Callable) -> Callable:
    """Login required (anonymous -> login page); logged in without a desk role -> 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_reviewer(request.user):
            raise PermissionDenied("You have no role on this desk.")
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _require_desk_member(user) -> None:
    if not is_reviewer(user):
        raise Http404("Not found")


def get_article_for_user(user, article_id: int) -> Article:
    _require_desk_member(user)
    # next_version: the page says whether this is the current version of the article.
    articles = Article.objects.select_related("ingested_by", "next_version")
    return get_object_or_404(articles, pk=article_id)


def get_claim_for_user(user, claim_id: int) -> Claim:
    _require_desk_member(user)
    return get_object_or_404(Claim.objects.select_related("article", "assignee"), pk=claim_id)


def get_evidence_for_user(user, evidence_id: int) -> Evidence:
    _require_desk_member(user)
    return get_object_or_404(
        Evidence.objects.select_related("claim", "claim__article", "source"), pk=evidence_id
    )


def get_candidate_for_user(user, candidate_id: int) -> Candidate:
    candidate = get_object_or_404(
        Candidate.objects.select_related("claim", "claim__article"), pk=candidate_id
    )
    get_claim_for_user(user, candidate.claim_id)  # 404 for outsiders
    return candidate


def get_job_for_user(user, job_id: int) -> Job:
    if not permissions.is_desk_member(user):
        raise Http404("Not found")
    return get_object_or_404(
        Job.objects.select_related("article", "claim", "candidate", "created_by"), pk=job_id
    )


def get_source_for_user(user, source_id: int) -> Source:
    _require_desk_member(user)
    return get_object_or_404(Source, pk=source_id)
