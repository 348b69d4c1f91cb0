"""Discussion on a claim, open to the whole desk whoever holds the claim."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from reviews import permissions as perms
from reviews.models import Claim, Comment
from reviews.services._rules import claim_load, clean_text, require_safe_links

MAX_COMMENT = 10_000


def comment_add(*, claim: Claim | int, actor: AbstractBaseUser, body: str) -> Comment:
    perms.require(perms.can_comment(actor, claim), "Only members of the desk can comment.")
    body = clean_text(body, what="comment", limit=MAX_COMMENT)
    require_safe_links(body, what="comment", field="body")
    with transaction.atomic():
        # Old versions of an article can still be discussed: no for_update check.
        current = claim_load(claim, for_update=False)
        return Comment.objects.create(claim=current, author=actor, body=body)
