"""Who may reach which part of the API. What they may *do* is decided by the services
(reviews/permissions.py), the same rules as in the web UI.

- Anonymous requests get 401 (the published reports and the token endpoint excepted).
- Desk members (reviewers, editors, admins) see every article and claim of the desk.
- Outsiders (logged in, no desk role) get 404 on every route that names an object, exactly
  as for an object that does not exist, and 403 on the collections.
"""

from __future__ import annotations

from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from reviews import permissions as perms
from reviews.api.exceptions import NOT_FOUND_MESSAGE


def names_an_object(view) -> bool:
    return bool(getattr(view, "kwargs", None))


class DeskMember(BasePermission):
    message = "You have no role on this desk."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if perms.is_desk_member(user):
            return True
        if names_an_object(view):
            raise NotFound(NOT_FOUND_MESSAGE)
        return False
