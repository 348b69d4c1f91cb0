"""The desk's members: who can be given a claim."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from reviews import permissions as perms
from reviews import roles
from reviews.errors import ReviewError


def desk_users() -> list[AbstractBaseUser]:
    """People who can be assigned a claim: the active members of the desk."""
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=roles.ROLES) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


def desk_user_get(user_id: int) -> AbstractBaseUser:
    """The desk member with this id, who can be given a claim; a `ReviewError` on the
    `assignee` field for an unknown user or someone outside the desk."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise ReviewError("There is no such user.", fields={"assignee": "unknown"})
    if not perms.can_be_assigned(user):
        raise ReviewError(
            f"{user.get_username()} is not a reviewer on this desk.",
            fields={"assignee": "not a reviewer"},
        )
    return user
