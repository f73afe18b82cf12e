"""The HTTP client's own policies, on real sockets: an unreachable server is
BackendUnavailable naming it; only retry-safe calls are retried; secrets never go out over plain
http to another computer."""

from __future__ import annotations

import socket

import httpx
import pytest

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.errors import BackendUnavailable
from desktop.service.http_client import (
    ApiClient,
    HttpEnrollmentService,
    build_http_backend,
    is_loopback_host,
)
from desktop.service.interface import Gender, RegistrationRequest
from tests.api.pg_cluster import free_port


class CountingTransport(httpx.HTTPTransport):
    """The real transport, counting the requests it is asked to send."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(f"{request.method} {request.url.path}")
        return super().handle_request(request)


def _request(key: str | None) -> RegistrationRequest:
    return RegistrationRequest(
        "0499370899", "09121234567", "علی", "رضایی", Gender.MALE, "12", "1370/01/01", "",
        "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA", (), key,
    )  # fmt: skip


@pytest.fixture
def dead_url() -> str:
    """A loopback port nobody listens on (connection refused at once)."""
    return f"http://127.0.0.1:{free_port()}"


def test_unreachable_server_is_backend_unavailable_naming_it(dead_url):
    with pytest.raises(BackendUnavailable) as exc:
        build_http_backend(dead_url, token="t", hash_policy=CHEAP_FOR_TESTS)
    assert exc.value.target == dead_url
    assert exc.value.first.code == "unavailable"
    assert exc.value.first.params == {"target": dead_url}


def test_gets_and_keyed_registrations_are_retried_other_posts_are_not(dead_url):
    transport = CountingTransport()
    api = ApiClient(dead_url, "t", transport=transport, retries=2)
    service = HttpEnrollmentService(api)
    with pytest.raises(BackendUnavailable):
        service.outbox("09121234567")
    assert transport.sent == ["GET /v1/outbox/09121234567"] * 3
    transport.sent.clear()
    with pytest.raises(BackendUnavailable):
        service.submit_registration(_request("key-1"))
    assert len(transport.sent) == 3
    transport.sent.clear()
    with pytest.raises(BackendUnavailable):
        service.submit_registration(_request(None))
    assert len(transport.sent) == 1
    transport.sent.clear()
    with pytest.raises(BackendUnavailable):
        service.start_recovery("0499370899")
    assert len(transport.sent) == 1


def test_secrets_are_not_sent_over_plain_http_to_another_computer():
    transport = CountingTransport()
    # .invalid never resolves (RFC 6761); nothing is sent anyway: the client refuses first.
    api = ApiClient("http://room-server.invalid:8765", "t", transport=transport)
    service = HttpEnrollmentService(api)
    with pytest.raises(BackendUnavailable) as exc:
        service.login("0499370899", "Secret123", "captcha", "12345")
    assert "plain http" in exc.value.reason
    with pytest.raises(BackendUnavailable):
        service.check_recovery_answers("r1", ("آبی", "تهران", "مدرسه"))
    with pytest.raises(BackendUnavailable):
        service.check_recovery_code("r1", "123456")
    assert transport.sent == []


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("localhost.example.com", False),
        ("192.168.1.10", False),
        ("room-server", False),
    ],
)
def test_loopback_detection(host, loopback):
    assert is_loopback_host(host) is loopback


def test_a_pin_needs_https_and_a_known_form(tmp_path):
    with pytest.raises(ValueError, match="https"):
        ApiClient("http://127.0.0.1:1", "t", pin="AB" * 32)
    with pytest.raises(ValueError, match="neither"):
        ApiClient("https://127.0.0.1:1", "t", pin=str(tmp_path / "missing.pem"))
    with pytest.raises(ValueError, match="http"):
        ApiClient("ftp://127.0.0.1:1", "t")


def test_a_server_that_hangs_times_out_as_backend_unavailable():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()  # accepts connections, never answers
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        api = ApiClient(url, "t", timeout_s=0.3, retries=0)
        with pytest.raises(BackendUnavailable) as exc:
            HttpEnrollmentService(api).start_recovery("0499370899")
    assert "Timeout" in exc.value.reason


def test_the_desk_side_imports_no_server_code():
    """The client and the wire format must not pull FastAPI or the server into the desk."""
    import subprocess
    import sys

    probe = (
        "import sys, desktop.service.http_client, desktop.service.wire_errors;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('fastapi', 'starlette', 'uvicorn')"
        " or m.startswith('desktop.server')];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
