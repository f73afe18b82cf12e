"""Pydantic models of the API, generated from the interface's dataclasses and method signatures.

They are what FastAPI validates request bodies against and what ``/openapi.json`` documents;
the values themselves still go through :mod:`desktop.service.wire`, so there is one wire format.
Generating them (rather than writing a second copy of every dataclass) keeps the schema from
drifting away from :mod:`desktop.service.interface`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from desktop.service import wire
from desktop.service.wire_routes import Route

#: bytes travel as base64 text (the captcha PNG).
Base64Png = Annotated[
    str,
    Field(json_schema_extra={"contentEncoding": "base64", "contentMediaType": "image/png"}),
]


def pydantic_type(tp: Any) -> Any:
    """The pydantic-friendly type whose JSON schema describes ``tp``'s wire form."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(pydantic_type(a) for a in typing.get_args(tp))]  # noqa: UP007
    if origin in (tuple, list):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return list[pydantic_type(args[0]) if args else Any]
    if origin is dict:
        return dict[str, Any]
    if dataclasses.is_dataclass(tp):
        return model_for(tp)
    if tp is bytes:
        return Base64Png
    return tp


@functools.cache
def model_for(cls: type) -> type[BaseModel]:
    """A pydantic model with the fields (names, types, defaults) of dataclass ``cls``."""
    required = wire.required_fields(cls)
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    fields: dict[str, Any] = {
        name: (pydantic_type(tp), ... if name in required else defaults[name])
        for name, tp in wire.field_types(cls).items()
    }
    return create_model(
        cls.__name__, __doc__=cls.__doc__, __config__=ConfigDict(extra="ignore"), **fields
    )


@functools.cache
def body_model(route: Route) -> type[BaseModel] | None:
    """The JSON body's model of ``route``, or None when it takes no body."""
    if not route.body_params:
        return None
    if route.whole_body_param:
        return model_for(route.params[route.whole_body_param])
    fields: dict[str, Any] = {
        name: (pydantic_type(route.params[name]), ...) for name in route.body_params
    }
    name = "".join(part.title() for part in route.name.split("_")) + "Body"
    return create_model(name, __config__=ConfigDict(extra="ignore"), **fields)


def response_type(route: Route) -> Any:
    """The type documenting ``route``'s success body (None for 204)."""
    result = route.result_type
    if result is None or result is type(None):
        return None
    return pydantic_type(result)


class ErrorItem(BaseModel):
    """One refused input: a field of the vocabulary, its code, the message, message params."""

    field: str
    code: str
    message: str
    params: dict[str, Any] = {}


class ErrorBody(BaseModel):
    """Body of every refusal (see :mod:`desktop.service.wire_errors`)."""

    kind: str = Field(description="exception class: ValidationFailed, RequestRefused, ...")
    errors: list[ErrorItem]
    retry_after: float | None = Field(None, description="seconds (RateLimited, Locked)")
    state: str | None = Field(None, description="registration state (NotActivated)")


class HashPolicyInfo(BaseModel):
    """The weakest argon2id parameters the server accepts in a PHC string."""

    time_cost: int
    memory_kib: int
    parallelism: int


class ServerInfo(BaseModel):
    """``GET /v1/info``: what this server is and what the calling desk may do."""

    version: str
    description: str
    training: bool = Field(description="trainer routes exist on this server")
    trainer: bool = Field(description="the calling token is a trainer's")
    desk: str = Field(description="name of the calling desk token")
    now: dt.datetime
    hash_policy: HashPolicyInfo


_ERROR = {"model": ErrorBody}
#: Refusals any route may answer, documented so clients and schema checks know them.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {**_ERROR, "description": "missing, unknown or revoked desk token"},
    403: {**_ERROR, "description": "not allowed (trainer route, wrong password, not activated)"},
    404: {**_ERROR, "description": "no such registration, recovery or route"},
    409: {**_ERROR, "description": "request refused (already registered, no mobile, ...)"},
    422: {**_ERROR, "description": "an input refused by the rules (field and code)"},
    429: {
        **_ERROR,
        "description": "rate limited or locked",
        "headers": {
            "Retry-After": {"description": "seconds", "schema": {"type": "integer"}},
        },
    },
    503: {**_ERROR, "description": "the service's database is unavailable"},
}
