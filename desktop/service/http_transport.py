"""The one way the desk opens an HTTP connection to its server (service client and sync alike).

Keeps URL checks, the desk-token header, timeouts and certificate pinning in one place so the
two clients cannot drift apart.
"""

from __future__ import annotations

import ssl

import httpx

from desktop import __version__
from desktop.service.errors import BackendUnavailable
from desktop.service.tls_pinning import PinMismatch, pinned_transport

#: What a request raises when it got no answer: a transport failure, or a certificate that is
#: not the pinned fingerprint (raised by the pinned stream, outside httpx's own exceptions).
REQUEST_FAILURES = (httpx.TransportError, PinMismatch)


def open_desk_client(
    base_url: str,
    token: str,
    *,
    pin: str | None,
    timeout_s: float,
    transport: httpx.BaseTransport | None,
    limits: httpx.Limits | None = None,
) -> tuple[httpx.URL, str, httpx.Client]:
    """An ``httpx.Client`` for the server at ``base_url``: ``(url, target, client)``.

    ``target`` is the server's origin (names it in messages); ``pin`` a PEM path or SHA-256
    fingerprint (https only); ``timeout_s`` per call in seconds (connect at most 5 s).
    Raises ValueError for a URL that is not http(s) or a pin on a plain http URL.
    """
    url = httpx.URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"not an http(s) URL: {base_url}")
    if pin and url.scheme != "https":
        raise ValueError("a certificate pin needs an https:// URL")
    target = str(url.copy_with(path="", query=None, fragment=None)).rstrip("/")
    if transport is None and pin:
        transport = pinned_transport(pin, limits=limits) if limits else pinned_transport(pin)
    options = {"limits": limits} if limits else {}
    client = httpx.Client(
        base_url=target,
        headers={
            "Authorization": f"Bearer {token}",
            "Accept-Language": "fa",
            "User-Agent": f"tamin-desk/{__version__}",
        },
        timeout=httpx.Timeout(timeout_s, connect=min(5.0, timeout_s)),
        transport=transport,
        # Direct connections only: a pin protects the connection to the server itself,
        # and a room's desks reach the trainer's laptop without a proxy.
        trust_env=False,
        **options,
    )
    return url, target, client


def certificate_refused(exc: BaseException) -> bool:
    """True when ``exc`` (one of :data:`REQUEST_FAILURES`) means the server's certificate was
    refused: not the pinned fingerprint, or not verifiable against the pinned PEM file (or the
    system's CAs without a pin). Trying again cannot help then."""
    seen: BaseException | None = exc
    for _ in range(10):  # httpx wraps httpcore's error, which wraps the ssl module's
        if seen is None:
            return False
        if isinstance(seen, PinMismatch | ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def request_failure(target: str, exc: BaseException) -> BackendUnavailable:
    """The BackendUnavailable for a request to ``target`` that got no answer: code
    ``certificate_refused`` when :func:`certificate_refused`, else ``unavailable``; the reason
    names the exception."""
    code = "certificate_refused" if certificate_refused(exc) else "unavailable"
    return BackendUnavailable(target, f"{type(exc).__name__}: {exc}", code=code)
