"""Access log that names routes, never the values in their paths.

Uvicorn's own access log prints the raw path, which holds mobiles and tracking ids
(``/v1/outbox/09121234567``) and query strings with national codes; this middleware logs the
route *template* (``/v1/outbox/{mobile}``), the status and the time taken instead, so the log
needs no masking at all.
"""

from __future__ import annotations

import logging
import time
from typing import Any

log = logging.getLogger("tamin_desk.server.access")

Scope = dict[str, Any]


class AccessLogMiddleware:
    """Pure ASGI middleware (cheaper than ``BaseHTTPMiddleware`` on every request)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "(no route)"
            log.info(
                "%s %s %d %.1f ms",
                scope.get("method", "?"),
                template,
                status,
                (time.perf_counter() - started) * 1000,
            )
