"""A real uvicorn server in a background thread on a free loopback port (tests, contract suite).

Uvicorn only installs signal handlers on the main thread, so running ``Server.run`` in a
thread is supported; ``stop()`` asks it to exit and waits for the lifespan shutdown (which
stops the app's verification task).
"""

from __future__ import annotations

import threading
import time
from typing import Any

import uvicorn

from tests.api.pg_cluster import free_port


class LiveServer:
    """``app`` served on ``127.0.0.1:<free port>``; ``url`` is its base URL.

    ``ssl_certfile``/``ssl_keyfile`` (PEM paths) serve https instead of http.
    """

    def __init__(
        self, app: Any, *, ssl_certfile: str | None = None, ssl_keyfile: str | None = None
    ):
        self.port = free_port()
        scheme = "https" if ssl_certfile else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            ssl_certfile=ssl_certfile,
            ssl_keyfile=ssl_keyfile,
            access_log=False,
            log_level="warning",
            timeout_keep_alive=15,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="uvicorn", daemon=True)

    def start(self, timeout_s: float = 15.0) -> LiveServer:
        """Start and wait until the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        """Ask the server to exit and wait for it."""
        self._server.should_exit = True
        self._thread.join(timeout=15)

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
