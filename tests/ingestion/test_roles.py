from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from reviews.roles import is_editor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_grant_role_creates_the_roles_and_gives_one_to_a_user():
    user = UserFactory(username="nadia")
    assert not is_editor(user)
    out = io.StringIO()
    call_command("grant_role", "nadia", "editor", stdout=out)
    assert sorted(Group.objects.values_list("name", flat=True)) == ["admin", "editor", "reviewer"]
    user.refresh_from_db()
    assert user.groups.filter(name="editor").exists()
    assert "nadia now has the editor role" in out.getvalue()


def test_grant_role_refuses_an_unknown_user_and_changes_nothing():
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("grant_role", "ghost", "reviewer", stdout=io.StringIO())


def test_grant_role_without_arguments_only_creates_the_roles():
    call_command("grant_role", stdout=io.StringIO())
    assert Group.objects.count() == 3


def test_grant_role_creates_a_new_reviewer_who_can_log_in(client):
    out = io.StringIO()
    call_command("grant_role", "maria", "reviewer", "--create", "--email", "m@x.org", stdout=out)
    password = out.getvalue().split("One-time password: ")[1].split(" ")[0]
    maria = get_user_model().objects.get(username="maria")
    assert maria.email == "m@x.org"
    assert list(maria.groups.values_list("name", flat=True)) == ["reviewer"]
    assert client.login(username="maria", password=password)


def test_grant_role_to_nobody_says_how_to_create_them():
    with pytest.raises(CommandError, match="add --create"):
        call_command("grant_role", "nobody", "editor")
