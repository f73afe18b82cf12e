"""Sealing a queued registration to the server's public key (an ECIES-style sealed box).

The scheme is the one MOSIP uses for its registration packets, with modern primitives:

* a fresh X25519 key pair per record (RFC 7748); the shared secret with the server's public key
* goes through HKDF-SHA256 (RFC 5869; salt = ephemeral public key ‖ server public key, info
  names this format) to a 256-bit key;
* AES-256-GCM (NIST SP 800-38D) encrypts the record, with the record's local id as associated
  data, so a sealed blob moved to another row (or another id) does not open.

Only the server's private key opens a sealed record: the laptop that sealed it cannot, so a
stolen laptop's queue reveals nothing but masked national codes (OWASP ASVS V6.2: approved
algorithms, V8.1: sensitive data protected at rest).

Envelope (bytes): ``MAGIC (4) | ephemeral public key (32) | nonce (12) | ciphertext ‖ tag (16)``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

# `cryptography` (OpenSSL, ~11 MiB resident) and hashlib (libcrypto, ~3 MiB) are imported by
# the functions that need them, not with this module: every desk imports the queue at
# start-up, few seal anything then.

#: Format marker and version of a sealed record.
MAGIC = b"TDS1"
#: HKDF ``info``: binds the derived key to this format and purpose.
HKDF_INFO = b"tamin-desk offline registration v1"
#: Name of the scheme, as the server announces it with its public key.
ALGORITHM = "X25519-HKDF-SHA256-AES-256-GCM"
_KEY_LEN = 32
_NONCE_LEN = 12
_HEADER_LEN = len(MAGIC) + _KEY_LEN + _NONCE_LEN


class SealError(ValueError):
    """A sealed record that does not open: wrong key, wrong local id, damaged or not a sealed
    record at all (AES-GCM authentication failed or the envelope is malformed)."""


@dataclass(frozen=True)
class ServerKey:
    """The server's X25519 public key as the desk pins it: ``public_key`` is the raw 32 bytes;
    ``fingerprint`` its SHA-256 in hex (what an operator compares by eye)."""

    public_key: bytes

    def __post_init__(self) -> None:
        if len(self.public_key) != _KEY_LEN:
            raise ValueError(f"an X25519 public key has {_KEY_LEN} bytes")

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the raw public key, 64 hex digits."""
        import hashlib  # loads OpenSSL's libcrypto (~3 MiB resident): only when asked

        return hashlib.sha256(self.public_key).hexdigest()


def public_key_of(private_key: X25519PrivateKey) -> ServerKey:
    """The :class:`ServerKey` of a private key."""
    from cryptography.hazmat.primitives import serialization

    raw = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return ServerKey(raw)


def _derive(shared: bytes, ephemeral_public: bytes, server_public: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(),
        length=_KEY_LEN,
        salt=ephemeral_public + server_public,
        info=HKDF_INFO,
    ).derive(shared)


def seal(server_key: ServerKey, local_id: str, plaintext: bytes) -> bytes:
    """Encrypt ``plaintext`` so only the holder of ``server_key``'s private key can read it.

    ``local_id`` (the queue's id of the record) is authenticated as associated data.
    Returns the envelope (``len(plaintext) + 64`` bytes). A new ephemeral key every call.
    """
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = public_key_of(ephemeral).public_key
    peer = X25519PublicKey.from_public_bytes(server_key.public_key)
    key = _derive(ephemeral.exchange(peer), ephemeral_public, server_key.public_key)
    nonce = os.urandom(_NONCE_LEN)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, MAGIC + local_id.encode("utf-8"))
    return MAGIC + ephemeral_public + nonce + ciphertext


def open_sealed(
    private_key: X25519PrivateKey,
    local_id: str,
    envelope: bytes,
    *,
    server_key: ServerKey | None = None,
) -> bytes:
    """The plaintext of an envelope made by :func:`seal` for ``local_id``.

    ``server_key``: :func:`public_key_of` ``private_key``, when the caller has it already (a
    server opening thousands of records saves a scalar multiplication each).
    Raises :class:`SealError` when it does not open (see the class).
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(envelope) < _HEADER_LEN + 16 or not envelope.startswith(MAGIC):
        raise SealError("not a sealed record")
    ephemeral_public = envelope[len(MAGIC) : len(MAGIC) + _KEY_LEN]
    nonce = envelope[len(MAGIC) + _KEY_LEN : _HEADER_LEN]
    server_public = (server_key or public_key_of(private_key)).public_key
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError as exc:  # an all-zero shared secret: a malicious ephemeral key
        raise SealError("bad ephemeral key") from exc
    key = _derive(shared, ephemeral_public, server_public)
    try:
        return AESGCM(key).decrypt(nonce, envelope[_HEADER_LEN:], MAGIC + local_id.encode("utf-8"))
    except InvalidTag as exc:
        raise SealError("sealed record does not open with this key and id") from exc
