"""Who may do what to which claim: one module for services, views and the API.

The `can_*` helpers answer on role and ownership only, so a view can decide which buttons
to show without knowing the workflow; the services add the status rules on top and raise
`ReviewError` for both. `claim_actions()` combines the two for interfaces that want the
list of actions that would succeed right now.

- Outsiders (no desk role, anonymous or inactive users) may do nothing.
- Reviewers work claims assigned to them, or unassigned ones (taking a claim assigns it).
- Editors may do everything a reviewer may, on any claim, plus assign, approve, return,
  dismiss, reopen and publish. Reviewers dismiss only claims nobody has rated that are
  theirs or nobody's (page furniture); an editor brings a dismissed claim back.
- Four-eyes: nobody approves a verdict they wrote or last edited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviews.errors import ReviewError
from reviews.models import ClaimStatus, Verdict
from reviews.roles import is_editor, is_reviewer

if TYPE_CHECKING:
    from reviews.models import Article, Claim


def is_desk_member(user) -> bool:
    return user is not None and user.is_active and is_reviewer(user)


def is_desk_editor(user) -> bool:
    return user is not None and user.is_active and is_editor(user)


def holds(user, claim: Claim) -> bool:
    """The claim is the user's to work: assigned to them or to nobody."""
    return claim.assignee_id is None or claim.assignee_id == user.pk


def can_work(user, claim: Claim) -> bool:
    """Write verdicts, attach evidence, edit the claim's wording, split and merge."""
    if is_desk_editor(user):
        return True
    return is_desk_member(user) and holds(user, claim)


def can_take(user, claim: Claim) -> bool:
    return is_desk_member(user) and claim.assignee_id is None


def can_assign(user, claim: Claim | None = None) -> bool:
    return is_desk_editor(user)


def can_be_assigned(user) -> bool:
    return is_desk_member(user)


def can_add_claim(user, article: Article | None = None) -> bool:
    return is_desk_member(user)


def can_comment(user, claim: Claim) -> bool:
    # Discussion is open to the whole desk, whoever holds the claim.
    return is_desk_member(user)


def four_eyes_allows(user, verdict: Verdict) -> bool:
    return verdict.author_id != user.pk and verdict.last_edited_by_id != user.pk


def can_approve(user, claim: Claim, verdict: Verdict | None = None) -> bool:
    if not is_desk_editor(user):
        return False
    if verdict is None:
        verdict = claim.verdicts.order_by("-number").first()
    return verdict is not None and four_eyes_allows(user, verdict)


def can_publish(user, article: Article | None = None) -> bool:
    return is_desk_editor(user)


def can_reingest(user, article: Article | None = None) -> bool:
    return is_desk_member(user)


def require(allowed: bool, message: str) -> None:
    """Raise the desk's `forbidden` error unless `allowed`."""
    if not allowed:
        raise ReviewError(message, "forbidden")


# The statuses in which each action makes sense (the services enforce the same sets).
WORKABLE = frozenset(
    {ClaimStatus.UNREVIEWED, ClaimStatus.IN_PROGRESS, ClaimStatus.RETURNED, ClaimStatus.REOPENED}
)
EDITABLE_SPAN = frozenset({ClaimStatus.UNREVIEWED, ClaimStatus.IN_PROGRESS, ClaimStatus.RETURNED})
SAVABLE = WORKABLE | {ClaimStatus.SUBMITTED}
SUBMITTABLE = frozenset({ClaimStatus.IN_PROGRESS, ClaimStatus.RETURNED, ClaimStatus.REOPENED})
DISMISSABLE = SAVABLE
# Reviewers dismiss only what nobody has rated yet: a claim stays unreviewed until its first
# verdict is saved (editors dismiss anything DISMISSABLE).
REVIEWER_DISMISSABLE = frozenset({ClaimStatus.UNREVIEWED})
REOPENABLE = frozenset({ClaimStatus.APPROVED, ClaimStatus.DISMISSED})


def claim_actions(user, claim: Claim, verdict: Verdict | None = None) -> frozenset[str]:
    """The actions `user` could perform on `claim` right now (role, ownership and status).

    `verdict` is the claim's latest verdict if the caller has it at hand; otherwise it is
    looked up only when an approval is possible.
    """
    if not is_desk_member(user):
        return frozenset()
    status = claim.status
    actions = {"comment"}
    if can_take(user, claim) and status not in (ClaimStatus.APPROVED, ClaimStatus.DISMISSED):
        actions.add("take")
    if can_work(user, claim):
        if status in SAVABLE:
            actions |= {
                "save_verdict",
                "add_evidence",
                "remove_evidence",
                "edit_wording",
                "edit_speaker",
            }
        if status in SUBMITTABLE:
            actions.add("submit")
        if status in EDITABLE_SPAN:
            actions |= {"split", "merge"}
    if status in REVIEWER_DISMISSABLE and holds(user, claim):
        actions.add("dismiss")
    if is_desk_editor(user):
        if status != ClaimStatus.DISMISSED:
            actions.add("assign")
        if status in DISMISSABLE:
            actions.add("dismiss")
        if status in REOPENABLE:
            actions.add("reopen")
        if status == ClaimStatus.SUBMITTED:
            if verdict is None:
                verdict = claim.verdicts.order_by("-number").first()
            # Four-eyes both ways: an editor neither approves nor returns their own verdict.
            if verdict is not None and four_eyes_allows(user, verdict):
                actions |= {"return", "approve"}
    return frozenset(actions)
