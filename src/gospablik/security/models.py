"""Security records: credential metadata, account posture, snapshots and takeover alerts.

Secret values never live here: they stay encrypted in ``networks.Connection.secrets``;
a :class:`Credential` describes one key of that dict (who holds it, its scope, expiry and
last rotation) and keeps only a keyed fingerprint to notice when the value changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class Credential(models.Model):
    connection = models.ForeignKey(
        "networks.Connection", on_delete=models.CASCADE, related_name="credentials"
    )
    key = models.CharField(_("ключ"), max_length=64)
    holder_org = models.ForeignKey(
        "orgs.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("организация-держатель"),
    )
    scope = models.TextField(_("права (scope)"), blank=True)
    expires_on = models.DateField(_("действует до (включительно)"), null=True, blank=True)
    rotated_at = models.DateTimeField(_("последняя смена значения"))
    fingerprint = models.CharField(max_length=32)  # keyed HMAC prefix, never the value
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["connection", "key"]
        constraints = [
            models.UniqueConstraint(fields=["connection", "key"], name="credential_key_once")
        ]
        verbose_name = _("ключ доступа")
        verbose_name_plural = _("ключи доступа")

    def __str__(self) -> str:
        return f"{self.key} ({self.connection.account.title})"


class AccountSecurity(models.Model):
    """What the maintainer records about an account, and when it is next checked."""

    account = models.OneToOneField(
        "registry.Account", on_delete=models.CASCADE, related_name="security"
    )
    owner_2fa = models.BooleanField(_("второй фактор на входе владельца"), null=True, blank=True)
    owner_login_holder = models.CharField(_("у кого логин владельца"), max_length=300, blank=True)
    owner_login_org = models.ForeignKey(
        "orgs.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("организация владельца логина"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    next_snapshot_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_snapshot_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("безопасность аккаунта")
        verbose_name_plural = _("безопасность аккаунтов")

    def __str__(self) -> str:
        return str(self.account)


class AllowedAdmin(models.Model):
    """A person allowed to manage the community in the network (recorded by the maintainer)."""

    account = models.ForeignKey(
        "registry.Account", on_delete=models.CASCADE, related_name="allowed_admins"
    )
    network_user_id = models.CharField(_("ID в соцсети"), max_length=64)
    name = models.CharField(_("имя"), max_length=200)
    role = models.CharField(_("разрешённая роль"), max_length=32)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["account", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "network_user_id"], name="allowed_admin_once"
            )
        ]
        verbose_name = _("разрешённый администратор")
        verbose_name_plural = _("разрешённые администраторы")

    def __str__(self) -> str:
        return f"{self.name} ({self.network_user_id})"


class Snapshot(models.Model):
    """The account as its network showed it; a new row only when something differs."""

    account = models.ForeignKey(
        "registry.Account", on_delete=models.CASCADE, related_name="snapshots"
    )
    taken_at = models.DateTimeField(db_index=True)
    checked_at = models.DateTimeField()  # last time the network still showed exactly this
    title = models.CharField(max_length=500, blank=True)
    screen_name = models.CharField(max_length=200, blank=True)
    avatar_url = models.TextField(blank=True)
    description = models.TextField(blank=True)
    admins = models.JSONField(null=True, blank=True)  # None: the network does not tell
    unknown_posts = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        verbose_name = _("снимок аккаунта")
        verbose_name_plural = _("снимки аккаунтов")

    def __str__(self) -> str:
        return f"{self.account} @ {self.taken_at:%Y-%m-%d %H:%M}"


class Alert(models.Model):
    class Severity(models.TextChoices):
        CRITICAL = "critical", _("Критическая")
        HIGH = "high", _("Высокая")
        MEDIUM = "medium", _("Средняя")
        LOW = "low", _("Низкая")

    class Source(models.TextChoices):
        SNAPSHOT = "snapshot", _("Снимок аккаунта")
        EVENT = "event", _("Событие соцсети")

    account = models.ForeignKey("registry.Account", on_delete=models.CASCADE, related_name="alerts")
    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    severity = models.CharField(_("важность"), max_length=16, choices=Severity.choices)
    kind = models.CharField(_("что изменилось"), max_length=32)
    key = models.CharField(max_length=300)  # what identifies the change, for de-duplication
    summary = models.CharField(_("описание"), max_length=1000)
    details = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices)
    detected_at = models.DateTimeField(db_index=True)
    duty = models.ForeignKey(
        "duties.Duty", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("итог"), max_length=32, blank=True)
    resolution = models.TextField(_("что сделано"), blank=True)

    class Meta:
        ordering = ["-detected_at", "-pk"]
        indexes = [models.Index(fields=["account", "key"])]
        verbose_name = _("оповещение безопасности")
        verbose_name_plural = _("оповещения безопасности")

    def __str__(self) -> str:
        return self.summary

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ApiToken(models.Model):
    """A person's key for the API: scoped, expiring, revocable; only its hash is stored."""

    class Scope(models.TextChoices):
        READ = "read", _("Только чтение")
        PUBLISH = "publish", _("Публикация")
        MODERATE = "moderate", _("Модерация")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("назначение"), max_length=100)
    scope = models.CharField(_("права"), max_length=16, choices=Scope.choices)
    prefix = models.CharField(max_length=12)  # the first characters, to tell tokens apart
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole token
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(_("действует до"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(_("последнее использование"), null=True, blank=True)
    last_used_ip = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("токен API")
        verbose_name_plural = _("токены API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class AccountPosture(models.Model):
    """An account's assessed posture, kept by ``security.standing`` whenever its facts
    change (issue 18): the overview and the API read these rows, one query a page."""

    account = models.OneToOneField(
        "registry.Account", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    ministry = models.ForeignKey("orgs.Ministry", on_delete=models.CASCADE, related_name="+")
    grade = models.CharField(max_length=1)
    findings = models.JSONField(default=list)  # [{"severity": …, "text": …}], worst first
    fresh_until = models.DateField()  # after this local day time alone changes the findings
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["ministry", "grade"], name="security_posture_grade")]

    def __str__(self) -> str:
        return f"{self.account_id}: {self.grade}"
