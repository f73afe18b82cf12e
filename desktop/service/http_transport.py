"""The one way the desk opens an HTTP connection to its server (service client and sync alike).

Keeps URL checks, the desk-token header, timeouts and certificate pinning in one place so the
two clients cannot drift apart.
"""

from __future__ import annotations

import httpx

from desktop import __version__
from desktop.service.tls_pinning import pinned_transport


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
