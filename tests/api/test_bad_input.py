"""Every operation that reads a body refuses malformed ones the same way: 400 (or 415 for a
body of a type it does not read), the error shape, and nothing changed in the database."""

from __future__ import annotations

import pytest

from tests.api.conftest import api_client, error_of
from tests.api.test_matrix import ENDPOINTS, Scene, database_state, fill

pytestmark = pytest.mark.django_db

# Operations without a request body ignore one.
WITHOUT_BODY = {"publish", "claim take", "article find sources"}
WRITES = [
    e for e in ENDPOINTS if e.method in ("post", "put", "patch") and e.name not in WITHOUT_BODY
]
BAD_BODIES = [
    ("malformed JSON", '{"reason": "unterminated', "application/json", 400),
    ("a JSON list", '["not", "an", "object"]', "application/json", 400),
    ("a JSON string", '"text"', "application/json", 400),
    ("NaN", '{"version": NaN}', "application/json", 400),
    ("form data", "reason=x&version=1", "application/x-www-form-urlencoded", 415),
    ("plain text", "approve it", "text/plain", 415),
]


# Uploads read multipart/form-data and nothing else (references read JSON too).
READS_MULTIPART = {"article upload", "reference add", "fact-checks import"}
BAD_FORMS = [
    ("no boundary", "--x\r\n", "multipart/form-data", 400),
    (
        "a broken part",
        "--x\r\nContent-Disposition: form-data\r\n\r\n",
        "multipart/form-data; boundary=x",
        400,
    ),
]


@pytest.mark.parametrize("bad", BAD_BODIES + BAD_FORMS, ids=lambda b: b[0])
@pytest.mark.parametrize("endpoint", WRITES, ids=lambda e: e.name)
def test_malformed_bodies_are_refused_everywhere(endpoint, bad):
    _, body, content_type, status = bad
    if endpoint.format == "multipart" and content_type == "application/json":
        status = 415
    if content_type.startswith("multipart/") and endpoint.name not in READS_MULTIPART:
        status = 415
    scene = Scene("editor", "other", endpoint.state)
    path = fill(endpoint.path, scene.values())
    before = database_state()
    client = api_client(scene.actor)
    response = getattr(client, endpoint.method)(path, data=body, content_type=content_type)
    error_of(response, status)
    assert database_state() == before
