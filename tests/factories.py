"""Object graphs for tests. Claims are real spans of their article's body."""

from __future__ import annotations

import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from reviews import models, roles

BODY = (
    "Officials said 2,030 troops arrived on Monday. "
    "The ministry reported that 7,939 people were detained. "
    "Prices rose by 12 percent last year."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])
        if create:
            self.save()


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = BODY
    body_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.body.encode()).hexdigest())
    language = "en"


class ClaimFactory(factory.django.DjangoModelFactory):
    """Defaults to the first sentence of the article body."""

    class Meta:
        model = models.Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda c: c.article.body.index(".") + 1)
    text = factory.LazyAttribute(lambda c: c.article.body[c.start : c.end])
    number = factory.Sequence(lambda n: n + 1)
    checkworthiness = 0.8
    checkworthy = True
    kind = models.ClaimKind.STATISTIC


class VerdictFactory(factory.django.DjangoModelFactory):
    """A draft verdict written straight into the database, for read-side tests (pages,
    exports). Workflow tests go through the services instead (tests/scenes.py)."""

    class Meta:
        model = models.Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.LazyFunction(
        lambda: models.Rating.objects.filter(scale__is_default=True).order_by("position").first()
    )
    rationale = "The figure matches the ministry's statement."
    confidence = 80
    author = factory.SubFactory(UserFactory, role=roles.REVIEWER)
    last_edited_by = factory.SelfAttribute("author")


def make_role_user(username: str, role: str | None):
    return UserFactory(username=username, role=role)


__all__ = [
    "ArticleFactory",
    "ClaimFactory",
    "UserFactory",
    "VerdictFactory",
    "make_role_user",
    "roles",
]
