"""The demo desk: roles, users, the rating scale and the demo article."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from reviews import roles
from reviews.models import Article
from reviews.services.articles import article_ingest, first_line_title
from reviews.services.demo_verdicts import demo_verdicts_ensure
from reviews.services.ratings import rating_scale_ensure_default
from reviews.services.users import roles_ensure

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DEMO_ARTICLE = FIXTURES / "demo_article.txt"
DEMO_PUBLISHED = datetime.date(2022, 1, 10)
DEMO_PASSWORD = "demo"  # noqa: S105 - the demo users' documented password
DEMO_USERS = [
    # username, role, is_staff
    ("reviewer", roles.REVIEWER, False),
    ("reviewer2", roles.REVIEWER, False),
    ("editor", roles.EDITOR, False),
    ("admin", roles.ADMIN, True),
]


def demo_users_ensure() -> dict[str, object]:
    User = get_user_model()
    groups = roles_ensure()
    users = {}
    for username, role, is_staff in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "is_staff": is_staff,
                "is_superuser": role == roles.ADMIN,
                "email": f"{username}@example.org",
                "first_name": username.capitalize(),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(groups[role])
        if role == roles.ADMIN:
            user.groups.add(groups[roles.EDITOR])
        users[username] = user
    return users


def demo_article_ensure(
    *, path: Path = DEMO_ARTICLE, published: datetime.date = DEMO_PUBLISHED, actor=None
) -> tuple[Article, bool]:
    """Ingest the article at `path` (first line = title) unless it is already there."""
    body = path.read_text(encoding="utf-8")
    title = first_line_title(body) or path.stem
    existing = Article.objects.filter(title=title, body=body).first()
    if existing is not None:
        return existing, False
    article = article_ingest(
        title=title,
        body=body,
        published=published,
        actor=actor,
        outlet="Factcheck demo",
        language="en",
    )
    return article, True


def demo_load(*, article_path: Path | None = None) -> Article:
    """Idempotent: a second run finds everything in place and changes nothing."""
    with transaction.atomic():
        rating_scale_ensure_default()
        users = demo_users_ensure()
        article, _ = demo_article_ensure(path=article_path or DEMO_ARTICLE, actor=users["editor"])
        demo_verdicts_ensure(article, users)
    return article
