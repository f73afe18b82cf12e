"""The simulator's secret key, kept OUTSIDE the database, and what it is used for.

Why a key outside the database: the database file must never let its reader recover a
password, an answer or a code (the brief's test opens the file's bytes). Two uses:

* **Sealing** (Fernet: AES-128-CBC + HMAC-SHA256, from ``cryptography``) of texts the
  simulator must read back: SMS bodies in the outbox (a recovery-code SMS holds the code — the
  outbox IS the simulated phone) and captcha answers.
* **Keyed MACs** (HMAC-SHA256, RFC 2104) of recovery codes and recovery-session tokens. Not
  argon2, deliberately: a 6-digit code has only 10^6 values, so with the database alone an
  attacker would exhaust any password hash of it in minutes on a GPU, while a MAC under a key
  the database does not hold cannot be brute-forced at all. A code also lives 20 minutes and
  allows 3 tries, so a MAC (microseconds, constant-time compare) is the right cost; argon2's
  50 ms per check would only slow the service. (OWASP Forgot Password Cheat Sheet: store
  tokens hashed; NIST SP 800-63B §5.1.3.2: rate-limit short OTPs.)

Both keys are derived by HKDF-SHA256 (RFC 5869) from one 32-byte master secret, stored as
base64 in a file readable by its owner only (mode 0600).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MASTER_KEY_BYTES = 32


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


class SimulatorKeys:
    """Seal/unseal texts and MAC short secrets with keys derived from ``master`` (32 bytes).

    Raises ValueError when ``master`` is not 32 bytes.
    """

    def __init__(self, master: bytes):
        if len(master) != MASTER_KEY_BYTES:
            raise ValueError("the simulator master key must be 32 bytes")
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(master, b"tamin-desk seal v1")))
        self._mac_key = _derive(master, b"tamin-desk mac v1")

    @classmethod
    def ephemeral(cls) -> SimulatorKeys:
        """Keys that live in memory only (for a ``sqlite://`` database, which dies with them)."""
        return cls(secrets.token_bytes(MASTER_KEY_BYTES))

    @classmethod
    def load_or_create(cls, path: Path) -> SimulatorKeys:
        """Read the master key from ``path``, creating it (mode 0600) if missing.

        Creation uses O_EXCL, so two processes starting together agree on one key.
        Raises OSError when the file cannot be read or written, ValueError when it is corrupt.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        encoded = base64.b64encode(secrets.token_bytes(MASTER_KEY_BYTES))
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as out:
                out.write(encoded + b"\n")
        return cls(base64.b64decode(path.read_bytes().strip(), validate=True))

    def seal(self, text: str) -> str:
        """An opaque ASCII token of ``text`` (authenticated encryption)."""
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def unseal(self, token: str) -> str | None:
        """The text sealed in ``token``, or None when it was sealed under another key (the key
        file was replaced) or tampered with."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError):
            return None

    def mac(self, purpose: str, value: str) -> str:
        """Hex HMAC-SHA256 of ``value`` for ``purpose`` (``"code"``, ``"recovery"``...): the
        purpose is bound in, so a MAC made for one use never matches in another."""
        message = purpose.encode("utf-8") + b"\x00" + value.encode("utf-8")
        return hmac.new(self._mac_key, message, hashlib.sha256).hexdigest()

    def mac_matches(self, expected_hex: str, purpose: str, value: str) -> bool:
        """Constant-time check that ``value`` has MAC ``expected_hex`` (RFC 2104 §5 advice)."""
        return hmac.compare_digest(expected_hex, self.mac(purpose, value))
