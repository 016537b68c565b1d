"""Seal the seeds of existing TOTP devices with the vault's keys (security.totpseal)."""

from django.db import migrations


def seal_all(apps, schema_editor):
    from gospablik.security.totpseal import seal

    Device = apps.get_model("otp_totp", "TOTPDevice")
    for device in Device.objects.all():
        Device.objects.filter(pk=device.pk).update(key=seal(device.key))


def unseal_all(apps, schema_editor):
    from gospablik.security.totpseal import unseal

    Device = apps.get_model("otp_totp", "TOTPDevice")
    for device in Device.objects.all():
        Device.objects.filter(pk=device.pk).update(key=unseal(device.key))


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0002_api_tokens"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(seal_all, unseal_all)]
