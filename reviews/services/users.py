"""The desk's roles (Django groups) and who holds them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction

from reviews import roles
from reviews.errors import ReviewError


def roles_ensure() -> dict[str, Group]:
    """Create the reviewer, editor and admin groups if missing; idempotent."""
    return {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLES}


def user_role_grant(*, username: str, role: str) -> AbstractBaseUser:
    """Give an existing user a desk role."""
    if role not in roles.ROLES:
        raise ReviewError(f"Unknown role {role!r}; roles are {', '.join(roles.ROLES)}.")
    User = get_user_model()
    with transaction.atomic():
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise ReviewError(f"No user named {username!r}.", "not_found") from None
        user.groups.add(roles_ensure()[role])
    return user
