"""Typed readers of the environment. Only settings.py calls them.

Each fails loudly on a malformed value instead of falling back silently.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigError(RuntimeError):
    pass


def envstr(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ConfigError(f"Environment variable {name} is required")
    return value


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be a boolean (true/false), got {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envsecret(name: str, *, dev_fallback_file: Path | None) -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE.

    Outside production a random secret is generated once into `dev_fallback_file`,
    so a zero-setup demo works without ever shipping a fixed key.
    """
    if name in os.environ:
        return os.environ[name]
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    if dev_fallback_file is None:
        raise ConfigError(f"Secret {name} (or {name}_FILE) is required in production")
    return _dev_secret(dev_fallback_file)


def _dev_secret(path: Path) -> str:
    import secrets

    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
