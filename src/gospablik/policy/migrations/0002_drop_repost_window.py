"""Stored policies lose ``repost_cap.window``: it had one possible value and no effect (the
repost cap always counts a calendar week)."""

import re

from django.db import migrations

WINDOW = re.compile(r"(?m)^[ \t]+window:[^\n]*\n")


def drop_window(apps, schema_editor):
    PolicyVersion = apps.get_model("policy", "PolicyVersion")
    for version in PolicyVersion.objects.filter(text__contains="window:").iterator():
        text = WINDOW.sub("", version.text)
        if text != version.text:
            PolicyVersion.objects.filter(pk=version.pk).update(text=text)


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]

    operations = [migrations.RunPython(drop_window, migrations.RunPython.noop)]
