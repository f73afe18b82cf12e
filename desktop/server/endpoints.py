"""One FastAPI endpoint per :class:`~desktop.service.wire_routes.Route`, built from the table.

FastAPI learns an endpoint's parameters from its signature. The endpoint here is generic
(``**kwargs``), so it is given an explicit ``__signature__`` listing the route's path, query and
body parameters and the token dependency: FastAPI then validates and documents them exactly as
for a hand-written function, and the route table stays the single source of the API's shape.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import Body, Depends, Path, Query
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from desktop.rules.errors import REQUEST, FieldError
from desktop.server.schemas import body_model, pydantic_type
from desktop.service import wire
from desktop.service.errors import ServiceError, ValidationFailed
from desktop.service.wire_errors import ArgumentRefused, structural_error
from desktop.service.wire_routes import Route

_KW = inspect.Parameter.KEYWORD_ONLY


def make_endpoint(route: Route, target: object, auth: Callable[..., Any]) -> Callable[..., Any]:
    """An async endpoint calling ``target.<route.name>`` in the thread pool (service methods
    block on the database and argon2) and answering the result's wire form.

    ``auth`` is the dependency that checks the desk token (it raises the 401/403 refusal).
    Refusals raised by the service propagate to the app's exception handlers.
    """
    method = getattr(target, route.name)

    async def endpoint(**kwargs: Any) -> Response:
        args = decode_args(route, kwargs)
        try:
            result = await run_in_threadpool(method, **args)
        except (ValueError, OverflowError) as exc:
            # The service refused an argument (a negative or huge clock step): the caller's
            # input, so a 4xx the client turns back into a ValueError, never a 500.
            if isinstance(exc, ServiceError):
                raise
            named = next(iter(route.params)) if len(route.params) == 1 else ""
            error = FieldError(REQUEST, "malformed", {"field": named})
            raise ArgumentRefused([error]) from exc
        if result is None:
            return Response(status_code=204)
        return JSONResponse(wire.encode(result), status_code=route.status)

    parameters = [inspect.Parameter("_desk", _KW, default=Depends(auth))]
    for name in route.path_params:
        parameters.append(inspect.Parameter(name, _KW, annotation=str, default=Path()))
    for name in route.query_params:
        annotation = pydantic_type(route.params[name])
        parameters.append(inspect.Parameter(name, _KW, annotation=annotation, default=Query()))
    model = body_model(route)
    if model is not None:
        parameters.append(inspect.Parameter("body", _KW, annotation=model, default=Body()))
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = route.name
    endpoint.__doc__ = inspect.getdoc(getattr(route.protocol, route.name))
    return endpoint


def decode_args(route: Route, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The service method's keyword arguments from the validated path, query and body values.

    Raises ValidationFailed (the vocabulary's field and code) for a value that passed the
    schema but not the interface's types, e.g. an unknown enum value.
    """
    args = {name: kwargs[name] for name in (*route.path_params, *route.query_params)}
    body = kwargs.get("body")
    if body is None:
        return args
    data = body.model_dump(mode="json")
    try:
        if route.whole_body_param:
            name = route.whole_body_param
            args[name] = wire.decode(route.params[name], data)
        else:
            for name in route.body_params:
                args[name] = wire.decode(route.params[name], data[name], (name,))
    except wire.WireError as exc:
        raise ValidationFailed([structural_error(exc.path, missing=exc.missing)]) from None
    return args
