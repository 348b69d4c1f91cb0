import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Link rot: attached evidence whose page disappeared is marked gone (its snapshot stays).
    "recheck-evidence-daily": {
        "task": "reviews.recheck_evidence_due",
        "schedule": crontab(hour=3, minute=30),
    },
}
