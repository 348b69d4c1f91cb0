"""Object access for the HTML views: one helper per kind of object."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from reviews.models import Article
from reviews.roles import is_reviewer


def get_article_for_user(user, article_id: int) -> Article:
    """Any desk member sees every article; others get a 404 that reveals nothing."""
    if not is_reviewer(user):
        from django.http import Http404

        raise Http404("No such article")
    return get_object_or_404(Article, pk=article_id)
