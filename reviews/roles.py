"""The desk's roles, as Django groups."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

REVIEWER = "reviewer"
EDITOR = "editor"
ADMIN = "admin"
ROLES = (REVIEWER, EDITOR, ADMIN)


def role_names(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The user's roles, cached on the user object so a page asks the database once."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_factcheck_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {ADMIN}
        user._factcheck_roles = cached
    return cached


def is_editor(user) -> bool:
    return bool(role_names(user) & {EDITOR, ADMIN})


def is_reviewer(user) -> bool:
    return bool(role_names(user) & {REVIEWER, EDITOR, ADMIN})
