from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from reviews.models import Article, Claim, Rating, Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_on(settings):
    # The test runner turns DEBUG off; the demo loader refuses to run without it.
    settings.DEBUG = True


def snapshot():
    return (
        Article.objects.count(),
        Claim.objects.count(),
        Rating.objects.count(),
        Verdict.objects.count(),
        get_user_model().objects.count(),
        sorted(Claim.objects.values_list("status", flat=True)),
    )


def test_load_demo_creates_the_desk_and_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first
    article = Article.objects.get()
    assert article.title.startswith("Kazakhstan restores order")
    assert article.claims.count() >= 20
    for username in ("reviewer", "editor", "admin"):
        user = authenticate(username=username, password="demo")
        assert user is not None, username
    assert get_user_model().objects.get(username="reviewer").groups.filter(name="reviewer").exists()
    assert list(Rating.objects.values_list("label", flat=True)) == [
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
        "Misleading",
        "Unverifiable",
    ]


def test_load_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=io.StringIO())
    assert get_user_model().objects.count() == 0


def test_load_demo_ingests_another_article_with_its_first_line_as_title(tmp_path):
    path = tmp_path / "other.txt"
    path.write_text("Budget passes\nThe parliament approved a budget of $2 billion on Friday.\n")
    call_command("load_demo", "--article", str(path), stdout=io.StringIO())
    article = Article.objects.get()
    assert article.title == "Budget passes"
    assert article.claims.filter(text__contains="$2 billion").exists()
