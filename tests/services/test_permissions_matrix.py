"""Who may do what to whose claim: every action, for each role and each kind of claim.

Each case brings a claim into the state the action needs (through the services, by another
editor, "eddie"), gives it an owner, lets the actor try, and checks the database: an allowed
action took effect; a refused one raised a `forbidden` ReviewError and changed nothing.
"""

from __future__ import annotations

import pytest

from reviews import permissions
from reviews.errors import ReviewError
from reviews.models import Claim, Comment, Evidence, Verdict
from reviews.services.claims import (
    claim_assign,
    claim_dismiss,
    claim_edit_wording,
    claim_reopen,
    claim_split,
    claim_take,
)
from reviews.services.comments import comment_add
from reviews.services.evidence import evidence_add
from reviews.services.verdicts import verdict_approve, verdict_return, verdict_submit
from tests.factories import make_role_user
from tests.scenes import write

pytestmark = pytest.mark.django_db

COLUMNS = [
    ("reviewer", "own"),
    ("reviewer", "unassigned"),
    ("reviewer", "others"),
    ("editor", "own"),
    ("editor", "unassigned"),
    ("editor", "others"),
    ("outsider", "unassigned"),
    ("outsider", "others"),
]
Y, N = True, False
# fmt: off
MATRIX = {
    #                    reviewer             editor              outsider
    #                    own  unass. others   own  unass. others  unass. others
    "take":             (Y,   Y,     N,       Y,   Y,     N,      N,     N),
    "edit_wording":     (Y,   Y,     N,       Y,   Y,     Y,      N,     N),
    "split":            (Y,   Y,     N,       Y,   Y,     Y,      N,     N),
    "save_verdict":     (Y,   Y,     N,       Y,   Y,     Y,      N,     N),
    "add_evidence":     (Y,   Y,     N,       Y,   Y,     Y,      N,     N),
    "submit":           (Y,   Y,     N,       Y,   Y,     Y,      N,     N),
    "comment":          (Y,   Y,     Y,       Y,   Y,     Y,      N,     N),
    "assign":           (N,   N,     N,       Y,   Y,     Y,      N,     N),
    "dismiss":          (Y,   Y,     N,       Y,   Y,     Y,      N,     N),
    "approve":          (N,   N,     N,       Y,   Y,     Y,      N,     N),
    "return":           (N,   N,     N,       Y,   Y,     Y,      N,     N),
    "reopen":           (N,   N,     N,       Y,   Y,     Y,      N,     N),
}
# fmt: on

# The state each action starts from.
STATE = {"submit": "draft", "approve": "submitted", "return": "submitted", "reopen": "approved"}


def perform(action: str, claim: Claim, actor, ctx) -> None:
    if action == "take":
        claim_take(claim=claim, actor=actor)
    elif action == "edit_wording":
        claim_edit_wording(claim=claim, wording="New wording", actor=actor, expected_version=None)
    elif action == "split":
        claim_split(claim=claim, at=claim.text.index(" troops") + claim.start, actor=actor)
    elif action == "save_verdict":
        write(claim, actor, ctx.ratings["half-true"])
    elif action == "add_evidence":
        evidence_add(claim=claim, actor=actor, url="https://example.org/m", stance="supports")
    elif action == "submit":
        verdict_submit(claim=claim, actor=actor)
    elif action == "comment":
        comment_add(claim=claim, actor=actor, body="Checked the ministry site")
    elif action == "assign":
        claim_assign(claim=claim, assignee_id=ctx.reviewer.pk, actor=actor)
    elif action == "dismiss":
        claim_dismiss(claim=claim, reason="Not checkable", actor=actor)
    elif action == "approve":
        verdict_approve(claim=claim, actor=actor)
    elif action == "return":
        verdict_return(claim=claim, actor=actor, note="Needs a source")
    elif action == "reopen":
        claim_reopen(claim=claim, actor=actor, reason="Correction")


def took_effect(action: str, claim: Claim, actor, ctx) -> bool:
    claim.refresh_from_db()
    return {
        "take": lambda: claim.assignee_id == actor.pk,
        "edit_wording": lambda: claim.wording == "New wording",
        "split": lambda: Claim.objects.count() == 2,
        "save_verdict": lambda: Verdict.objects.filter(last_edited_by=actor).exists(),
        "add_evidence": lambda: Evidence.objects.count() == 1,
        "submit": lambda: claim.status == "submitted",
        "comment": lambda: Comment.objects.filter(author=actor).exists(),
        "assign": lambda: claim.assignee_id == ctx.reviewer.pk,
        "dismiss": lambda: claim.status == "dismissed",
        "approve": lambda: claim.status == "approved",
        "return": lambda: claim.status == "returned",
        "reopen": lambda: claim.status == "reopened",
    }[action]()


class Context:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


@pytest.fixture
def ctx(ratings, reviewer, editor2):
    # "edna" approves in the setup, so that "erin" (the actor) may still approve or reopen.
    return Context(
        ratings=ratings,
        reviewer=reviewer,
        editor2=editor2,
        approver=make_role_user("edna", "editor"),
    )


def prepare(claim: Claim, state: str, owner, ctx) -> Claim:
    """Bring `claim` into `state` through the services, then give it `owner`."""
    eddie = ctx.editor2
    if state in ("draft", "submitted", "approved"):
        write(claim, eddie, ctx.ratings["false"])
    if state in ("submitted", "approved"):
        verdict_submit(claim=claim, actor=eddie)
    if state == "approved":
        verdict_approve(claim=claim, actor=ctx.approver)
    claim_assign(claim=claim, assignee_id=owner.pk if owner else None, actor=eddie)
    claim.refresh_from_db()
    return claim


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Claim, Verdict, Evidence, Comment))


CASES = [
    pytest.param(action, role, ownership, MATRIX[action][i], id=f"{action}-{role}-{ownership}")
    for action in MATRIX
    for i, (role, ownership) in enumerate(COLUMNS)
]


@pytest.mark.parametrize("action,role,ownership,allowed", CASES)
def test_role_action_matrix(
    action,
    role,
    ownership,
    allowed,
    claim,
    reviewer,
    reviewer2,
    editor,
    editor2,
    outsider,
    ctx,
):
    actor = {"reviewer": reviewer, "editor": editor, "outsider": outsider}[role]
    owner = {"own": actor, "unassigned": None, "others": reviewer2}[ownership]
    if action == "assign" and owner == reviewer:
        owner = reviewer2  # so that assigning to rita is a change
    claim = prepare(claim, STATE.get(action, "fresh"), owner, ctx)
    version, before = claim.version, counts()

    if allowed:
        perform(action, claim, actor, ctx)
        assert took_effect(action, claim, actor, ctx)
    else:
        with pytest.raises(ReviewError) as exc:
            perform(action, claim, actor, ctx)
        assert exc.value.code == "forbidden"
        claim.refresh_from_db()
        assert claim.version == version
        assert counts() == before


@pytest.mark.parametrize("action,role,ownership,allowed", CASES)
def test_claim_actions_agree_with_the_matrix(
    action,
    role,
    ownership,
    allowed,
    claim,
    reviewer,
    reviewer2,
    editor,
    editor2,
    outsider,
    ratings,
):
    """What the interfaces offer (permissions.claim_actions) is what the services allow."""
    from tests.factories import make_role_user

    ctx = Context(
        ratings=ratings,
        reviewer=reviewer,
        editor2=editor2,
        approver=make_role_user("edna", "editor"),
    )
    actor = {"reviewer": reviewer, "editor": editor, "outsider": outsider}[role]
    owner = {"own": actor, "unassigned": None, "others": reviewer2}[ownership]
    claim = prepare(claim, STATE.get(action, "fresh"), owner, ctx)
    if action == "take" and ownership == "own":
        allowed = False  # the service accepts it as a no-op; no button offers it
    assert (action in permissions.claim_actions(actor, claim)) == allowed


def test_inactive_editor_may_do_nothing(claim, editor):
    editor.is_active = False
    editor.save(update_fields=["is_active"])
    assert permissions.claim_actions(editor, claim) == frozenset()
    with pytest.raises(ReviewError) as exc:
        claim_dismiss(claim=claim, reason="x", actor=editor)
    assert exc.value.code == "forbidden"


def test_anonymous_user_may_do_nothing(claim):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not permissions.is_desk_member(anonymous)
    assert permissions.claim_actions(anonymous, claim) == frozenset()
