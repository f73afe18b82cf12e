"""Trusting a training room's self-signed certificate by pinning it, never by not verifying.

A pin is either

- a PEM file holding the server's certificate: it becomes the *only* trusted CA of an
  ``ssl.SSLContext`` (no system CAs), with the usual chain and host-name checks, so the
  certificate must name the host the desks dial (a subjectAltName for the laptop's IP or name);
- or the certificate's SHA-256 fingerprint (64 hex digits, colons and a ``sha256:`` prefix
  allowed), as printed by ``tamin-desk serve`` at start. A fingerprint carries no CA to build
  a chain from, so the TLS handshake runs without chain checks and the connection is then
  accepted only if the peer certificate's SHA-256 equals the pin; the check happens right after
  the handshake, before a byte of the request is written, and a mismatch closes the socket.

httpx has no hook between handshake and request, so the fingerprint check wraps httpcore's
network backend (:class:`_PinnedBackend`) and :class:`FingerprintTransport` puts it under an
``httpx.HTTPTransport`` (whose constructor does not take a network backend).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import ssl
from pathlib import Path
from typing import Any

import httpcore
import httpx


class PinMismatch(ssl.SSLError):
    """The server's certificate is not the pinned one (a different server, or an attacker)."""


def fingerprint_of_der(der: bytes) -> str:
    """``AB:CD:...`` (SHA-256 of a DER certificate, 32 colon-separated hex pairs)."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, 64, 2))


def fingerprint_of_pem(path: str | Path) -> str:
    """SHA-256 fingerprint (see :func:`fingerprint_of_der`) of the first certificate of a PEM
    file. Raises OSError when unreadable, ValueError when it holds no certificate."""
    text = Path(path).read_text(encoding="ascii")
    match = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", text, re.S)
    if match is None:
        raise ValueError(f"{path}: no PEM certificate")
    return fingerprint_of_der(ssl.PEM_cert_to_DER_cert(match.group(0)))


def parse_fingerprint(pin: str) -> bytes | None:
    """The 32 bytes of a fingerprint pin, or None when ``pin`` is not one."""
    text = pin.strip()
    if text.lower().startswith("sha256:"):
        text = text[len("sha256:") :]
    text = text.replace(":", "").replace(" ", "")
    if re.fullmatch(r"[0-9a-fA-F]{64}", text):
        return bytes.fromhex(text)
    return None


def pinned_transport(pin: str, **transport_options: Any) -> httpx.HTTPTransport:
    """An httpx transport trusting only the pinned certificate.

    ``pin`` is a fingerprint or the path of a PEM file (see the module docstring);
    ``transport_options`` go to ``httpx.HTTPTransport`` (limits, retries...). Raises ValueError
    when ``pin`` is neither, OSError/ssl.SSLError when the PEM file cannot be loaded.
    """
    digest = parse_fingerprint(pin)
    if digest is not None:
        return FingerprintTransport(digest, **transport_options)
    path = Path(pin).expanduser()
    if not path.is_file():
        raise ValueError(f"pin is neither a SHA-256 fingerprint nor a certificate file: {pin}")
    # cafile given: create_default_context loads only it, not the system's CAs.
    context = ssl.create_default_context(cafile=str(path))
    return httpx.HTTPTransport(verify=context, **transport_options)


class _PinnedStream(httpcore.NetworkStream):
    """A network stream whose TLS upgrade also checks the peer certificate's fingerprint."""

    def __init__(self, inner: httpcore.NetworkStream, digest: bytes):
        self._inner = inner
        self._digest = digest

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.start_tls(ssl_context, server_hostname, timeout)
        ssl_object = stream.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(True) if ssl_object else None
        if not der or not hmac.compare_digest(hashlib.sha256(der).digest(), self._digest):
            stream.close()
            raise PinMismatch(
                f"certificate of {server_hostname} is "
                f"{fingerprint_of_der(der) if der else 'missing'}, not the pinned one"
            )
        return _PinnedStream(stream, self._digest)


class _PinnedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, handing out :class:`_PinnedStream` connections."""

    def __init__(self, digest: bytes):
        self._digest = digest

    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return _PinnedStream(super().connect_tcp(*args, **kwargs), self._digest)


class FingerprintTransport(httpx.HTTPTransport):
    """An httpx transport accepting only a server whose certificate has SHA-256 ``digest``."""

    def __init__(
        self,
        digest: bytes,
        *,
        limits: httpx.Limits = httpx.Limits(max_connections=100, max_keepalive_connections=20),  # noqa: B008
        retries: int = 0,
    ):
        # No CA can vouch for a self-signed certificate known only by its fingerprint: the
        # handshake skips chain checks and _PinnedStream compares the certificate instead.
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        super().__init__(verify=context, limits=limits, retries=retries)
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            retries=retries,
            network_backend=_PinnedBackend(digest),
        )
