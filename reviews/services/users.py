"""The desk's roles (Django groups) and who holds them."""

from __future__ import annotations

import secrets

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
            raise ReviewError(
                f"No user named {username!r}; add --create to make one.", "not_found"
            ) from None
        user.groups.add(roles_ensure()[role])
    return user


def user_create_with_role(
    *, username: str, role: str, email: str = ""
) -> tuple[AbstractBaseUser, str]:
    """A new desk member with a role and a one-time password (returned, stored only hashed)."""
    if role not in roles.ROLES:
        raise ReviewError(f"Unknown role {role!r}; roles are {', '.join(roles.ROLES)}.")
    username = (username or "").strip()
    if not username:
        raise ReviewError("Name the new user.", fields={"username": "required"})
    User = get_user_model()
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise ReviewError(f"There is already a user named {username!r}.", "conflict")
        user = User.objects.create_user(username=username, email=email, password=password)
        user.groups.add(roles_ensure()[role])
    return user, password
