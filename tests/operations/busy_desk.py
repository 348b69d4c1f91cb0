"""Two writers at once on the embedded SQLite file database, run as its own process
(`python -m tests.operations.busy_desk`) so that the desk's real database settings apply:
FACTCHECK_VAR_DIR names a fresh directory and DATABASE_URL is unset.

One thread opens a write transaction (a verdict save) and holds it; meanwhile the same save
is sent through the API and through the desk's form with a short busy timeout. Prints, as
JSON, what each request was answered and what the database holds afterwards.
"""

from __future__ import annotations

import json
import os
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from reviews import roles  # noqa: E402
from reviews.models import Verdict  # noqa: E402
from reviews.services.ratings import rating_scale_ensure_default  # noqa: E402
from reviews.services.verdicts import verdict_save  # noqa: E402
from tests.factories import ArticleFactory, ClaimFactory, make_role_user  # noqa: E402

# Tables straight from the models: the schema is all this needs, and it is much faster.
settings.MIGRATION_MODULES = {config.label: None for config in apps.get_app_configs()}
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
settings.AXES_ENABLED = False
call_command("migrate", run_syncdb=True, verbosity=0)
connection.close()
# A short wait for the lock, so the refusal comes quickly (every thread's connection is
# made from these settings).
settings.DATABASES["default"]["OPTIONS"]["timeout"] = 0.2

scale = rating_scale_ensure_default()
rating = scale.ratings.get(slug="false")
holder = make_role_user("rita", roles.REVIEWER)
other = make_role_user("erin", roles.EDITOR)
claim = ClaimFactory(article=ArticleFactory())
token, _ = Token.objects.get_or_create(user=other)
api = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {token.key}")
web = Client(raise_request_exception=False)
web.force_login(other)  # the session is written now, before the lock is taken

locked = threading.Event()
release = threading.Event()
held_error: list[str] = []


def hold_the_write_lock() -> None:
    try:
        with transaction.atomic():  # BEGIN IMMEDIATE: the write lock from here on
            verdict_save(
                claim=claim.pk, actor=holder, rating=rating, rationale="Held", confidence=70
            )
            locked.set()
            release.wait(10)
    except Exception as exc:  # reported, so the test shows why
        held_error.append(repr(exc))
        locked.set()
    finally:
        connection.close()


def api_save():
    return api.put(
        f"/api/claims/{claim.pk}/verdict/",
        json.dumps({"rating": "false", "rationale": "Mine", "confidence": 80, "version": 0}),
        content_type="application/json",
    )


def web_save():
    return web.post(
        reverse("reviews:verdict_save", args=[claim.pk]),
        {
            "verdict-rating": rating.pk,
            "verdict-rationale": "Mine",
            "verdict-confidence": 80,
            "verdict-version": 0,  # the page showed no verdict yet
        },
    )


def answer(response) -> dict:
    content = response.content.decode()
    return {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "content_type": response.get("Content-Type"),
        "body": response.json() if "json" in response.get("Content-Type", "") else content,
    }


thread = threading.Thread(target=hold_the_write_lock)
thread.start()
locked.wait(10)
during = {"api": answer(api_save()), "web": answer(web_save())}
release.set()
thread.join(10)
after = {"api": answer(api_save())}
connection.close()
print(
    json.dumps(
        {
            "held_error": held_error,
            "during": during,
            "after": after,
            "verdicts": list(Verdict.objects.values_list("rationale", "author__username")),
        }
    )
)
