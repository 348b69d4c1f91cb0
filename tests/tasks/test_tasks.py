"""Queueing: every task is a DeskTask, sent after the transaction that asked for it commits,
and a task that fails once sent never undoes what committed."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest
from celery import Task, shared_task
from django.db import transaction

from reviews import tasks
from reviews.models import Job
from reviews.services.jobs import job_create
from reviews.tasks import DeskTask

SENT: list[tuple] = []


@shared_task(name="tests.tasks.record", base=DeskTask)
def record(value: int, *, key: str = "") -> None:
    SENT.append((value, key))


@shared_task(name="tests.tasks.explode", base=DeskTask)
def explode(message: str) -> None:
    raise RuntimeError(message)


@pytest.fixture(autouse=True)
def nothing_sent():
    SENT.clear()


def desk_tasks() -> dict[str, object]:
    return {
        name: value
        for name, value in vars(tasks).items()
        if isinstance(value, Task) and value.name.startswith("reviews.")
    }


def test_every_task_of_the_desk_is_a_desk_task():
    found = desk_tasks()
    assert set(found) >= {"find_candidates", "fetch_candidate", "render_report_pdf"}
    for name, task in found.items():
        assert isinstance(task, DeskTask), name


def test_the_tasks_module_imports_its_services_inside_the_task_bodies():
    tree = ast.parse(Path(tasks.__file__).read_text())
    top = [n.module for n in tree.body if isinstance(n, ast.ImportFrom)]
    assert not [m for m in top if m and m.startswith("reviews")]
    bodies = {
        node.name: [n.module for n in ast.walk(node) if isinstance(n, ast.ImportFrom)]
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name in desk_tasks()
    }
    for name, modules in bodies.items():
        assert any(m and m.startswith("reviews.services.") for m in modules), name


def test_a_task_is_sent_only_once_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            record.delay_on_commit(7, key="seven")
        assert SENT == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert SENT == [(7, "seven")]


@pytest.mark.django_db(transaction=True)
def test_a_task_that_crashes_once_sent_leaves_what_committed_in_place(caplog):
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"), transaction.atomic():
        job = job_create(kind=Job.Kind.RECHECK_EVIDENCE)
        explode.delay_on_commit("the broker is down")
    assert Job.objects.filter(pk=job.pk).exists()
    assert "tests.tasks.explode.delay" in caplog.text
    assert "the broker is down" in caplog.text
