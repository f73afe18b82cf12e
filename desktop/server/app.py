"""The remote API: a FastAPI app serving one EnrollmentService to many desks.

``create_app(backend, tokens=...)`` registers one route per service method (the table of
:mod:`desktop.service.wire_routes`), a desk-token check on every route, error bodies in the
requested language, and a background task that runs the verification on a timer so SMS
outcomes happen on the server, by the server's clock. Training routes exist only when
``training=True`` and answer only trainer tokens.

Run it with ``tamin-desk serve`` (uvicorn); tests run it in a thread on a loopback port.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from fastapi import Depends, FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

from desktop import __version__
from desktop.rules.errors import REQUEST, FieldError
from desktop.security.hashing import HashPolicy
from desktop.server.access_log import AccessLogMiddleware
from desktop.server.endpoints import make_endpoint
from desktop.server.language import language_of
from desktop.server.schemas import ERROR_RESPONSES, ServerInfo, response_type
from desktop.server.sync_routes import add_sync_routes
from desktop.server.tokens import DeskIdentity, TokenStore
from desktop.service import wire_errors
from desktop.service.errors import RequestRefused, ServiceError, ValidationFailed
from desktop.service.interface import EnrollmentService, TrainingControls
from desktop.service.wire_routes import INFO_PATH, ROUTES

log = logging.getLogger("tamin_desk.server")

#: Default period of the server's verification runs, in seconds.
VERIFY_EVERY_S = 1.0


class ServedBackend(Protocol):
    """What the server needs of :func:`desktop.service.bootstrap.build_service`'s result."""

    service: EnrollmentService
    training: TrainingControls | None
    hash_policy: HashPolicy
    description: str


def create_app(
    backend: ServedBackend,
    *,
    tokens: TokenStore,
    training: bool = False,
    verify_every_s: float | None = VERIFY_EVERY_S,
    sync_key: X25519PrivateKey | None = None,
) -> FastAPI:
    """The API app for ``backend``.

    ``tokens`` checks the ``Authorization: Bearer`` token of every request; ``training``
    registers the trainer routes (ValueError if the backend has no TrainingControls);
    ``verify_every_s`` is the period of the background verification (None: never, the desks
    or a test call ``POST /v1/verification-runs``); ``sync_key`` (the server's X25519 private
    key) adds the offline sync routes (:mod:`desktop.server.sync_routes`).
    """
    if training and backend.training is None:
        raise ValueError(f"{backend.description} has no training controls")

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        task = None
        if verify_every_s:
            task = asyncio.create_task(_verify_forever(backend.service, verify_every_s))
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(
        title="Tamin Desk API",
        version=__version__,
        description=(
            "Registration and password recovery for the SSO e-services portal, served to "
            "enrollment desks. Every refusal is a 4xx with an `ErrorBody`."
        ),
        lifespan=lifespan,
        # The interactive docs load scripts from a CDN a training room cannot reach.
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(AccessLogMiddleware)
    _add_exception_handlers(app)

    bearer = HTTPBearer(auto_error=False, description="desk token (tamin-desk serve create-token)")

    async def require_desk(
        credentials: HTTPAuthorizationCredentials | None = Depends(bearer),  # noqa: B008
    ) -> DeskIdentity:
        token = credentials.credentials if credentials else None
        # Async with a cache check first: a known token costs no hop to a worker thread (each
        # hop is GIL traffic under a room's load); the database is read in a thread.
        identity = tokens.check_cached(token)
        if identity is False:
            identity = await run_in_threadpool(tokens.check, token)
        if identity is None:
            raise RequestRefused.because("unauthorized")
        return identity

    async def require_trainer(
        identity: DeskIdentity = Depends(require_desk),  # noqa: B008
    ) -> DeskIdentity:
        if not identity.trainer:
            raise RequestRefused.because("forbidden")
        return identity

    for route in ROUTES:
        if route.training and not training:
            continue  # not registered at all: a plain server has no trainer surface
        if route.room and getattr(backend, "room", None) is None:
            continue  # a backend without the trainer's room controls
        target = (
            backend.room if route.room else backend.training if route.training else backend.service
        )
        app.add_api_route(
            route.url_path,
            make_endpoint(route, target, require_trainer if route.training else require_desk),
            methods=[route.verb],
            status_code=route.status,
            response_model=response_type(route),
            responses=ERROR_RESPONSES,
            summary=route.summary,
            name=route.name,
            operation_id=route.name,
            tags=["training" if route.training else "service"],
        )

    if sync_key is not None:
        add_sync_routes(app, backend.service, sync_key, require_desk)

    policy = backend.hash_policy

    @app.get(
        INFO_PATH,
        response_model=ServerInfo,
        responses=ERROR_RESPONSES,
        summary="What this server is",
        operation_id="info",
        tags=["service"],
    )
    def info(identity: DeskIdentity = Depends(require_desk)) -> dict[str, Any]:  # noqa: B008
        return {
            "version": __version__,
            "description": backend.description,
            "training": training,
            "trainer": identity.trainer,
            "desk": identity.name,
            "now": backend.service.now(),
            "hash_policy": {
                "time_cost": policy.time_cost,
                "memory_kib": policy.memory_kib,
                "parallelism": policy.parallelism,
            },
        }

    return app


async def _verify_forever(service: EnrollmentService, every_s: float) -> None:
    """Run the verification every ``every_s`` seconds until cancelled; a failing run is
    logged and retried at the next tick (one bad run must not stop the room's SMS)."""
    while True:
        await asyncio.sleep(every_s)
        try:
            results = await run_in_threadpool(service.run_verification)
        except Exception:
            log.exception("verification run failed")
        else:
            if results:
                log.info("verification: %d request(s) decided", len(results))


def _error_response(request: Request, exc: ServiceError) -> JSONResponse:
    from desktop.rules.messages import message

    lang = language_of(request.headers.get("accept-language"))
    return JSONResponse(
        wire_errors.error_body(exc, lambda e: message(e, lang=lang)),
        status_code=wire_errors.status_for(exc),
        headers=wire_errors.retry_after_header(exc),
    )


def _add_exception_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> JSONResponse:
        return _error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own 422 body has another shape; give the vocabulary's instead.
        errors: list[FieldError] = []
        for item in exc.errors():
            error = wire_errors.structural_error(
                tuple(item.get("loc", ())), missing=item.get("type") == "missing"
            )
            if error not in errors:
                errors.append(error)
        errors = errors or [FieldError(REQUEST, "malformed")]
        return _error_response(request, ValidationFailed(errors))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found"}.get(
            exc.status_code, "malformed"
        )
        response = _error_response(request, RequestRefused.because(code))
        # FastAPI answers 400 for a body it cannot even decode (not UTF-8, not JSON): bad
        # input like any other, so the same 422 as a schema violation.
        response.status_code = 422 if exc.status_code == 400 else exc.status_code
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A bug, not bad input: logged with its traceback, answered in the usual shape.
        log.error("unexpected error", exc_info=exc)
        response = _error_response(request, RequestRefused.because("unavailable"))
        response.status_code = 500
        return response
