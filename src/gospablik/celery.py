"""The Celery application: worker and beat run the background work."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gospablik.settings")

app = Celery("gospablik")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
