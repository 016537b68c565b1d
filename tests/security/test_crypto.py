"""Authenticated encryption of secrets (plain, no database)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from gospablik.security.crypto import DecryptionError, decrypt, encrypt, rotate


@pytest.fixture(autouse=True)
def _key(settings):
    settings.ENCRYPTION_KEYS = Fernet.generate_key().decode()


def test_it_round_trips_and_hides_the_plaintext():
    token = encrypt("vk1.a.secret")
    assert "secret" not in token and decrypt(token) == "vk1.a.secret"


def test_a_tampered_ciphertext_is_refused():
    token = encrypt("vk1.a.secret")
    forged = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(DecryptionError):
        decrypt(forged)


def test_any_secret_string_can_serve_as_a_key(settings):
    settings.ENCRYPTION_KEYS = "a long passphrase from a vault file"
    assert decrypt(encrypt("x")) == "x"


def test_rotation_moves_to_the_newest_key(settings):
    old = settings.ENCRYPTION_KEYS
    token = encrypt("x")
    new = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = f"{new},{old}"
    rotated = rotate(token)
    settings.ENCRYPTION_KEYS = new
    assert decrypt(rotated) == "x"
