"""JSON <-> dataclass mapping of the remote API (the wire format), used by server and client.

One function each way, driven by the type hints of :mod:`desktop.service.interface`, so the
server and the HTTP client cannot disagree on a field's shape:

- :func:`encode` turns a value (dataclass, enum, datetime, bytes, tuple, ...) into plain JSON
  types: a dataclass becomes an object with one key per field, an enum its value, a datetime
  an ISO 8601 string with its UTC offset, bytes (the captcha PNG) a base64 string (RFC 4648 §4),
  a tuple a list.
- :func:`decode` does the reverse for a given type and raises :class:`WireError` naming the
  path of the first value that does not fit (``security_answers.1.answer_hash``).

Pure Python (no HTTP library, no FastAPI) so the desk imports it without the server's
dependencies.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from typing import Any

JSON = Any  # None | bool | int | float | str | list[JSON] | dict[str, JSON]


class WireError(ValueError):
    """A JSON value that does not fit the expected type.

    ``path`` is a tuple of keys/indexes from the document root to the value (empty for the
    root); ``missing`` is True when a required key was absent rather than ill-typed.
    """

    def __init__(self, path: tuple[str | int, ...], reason: str, *, missing: bool = False):
        self.path = path
        self.reason = reason
        self.missing = missing
        where = ".".join(str(p) for p in path) or "(root)"
        super().__init__(f"{where}: {reason}")


def encode(value: Any) -> JSON:
    """A JSON-able form of ``value`` (see the module docstring for each type's form).

    Raises TypeError for a type the wire format does not know (a programming error).
    """
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    raise TypeError(f"no wire form for {type(value).__name__}")


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """``{field name: resolved type}`` of a dataclass (the interface uses string annotations)."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def required_fields(cls: type) -> frozenset[str]:
    """Names of a dataclass's fields that have no default."""
    return frozenset(
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )


def decode(tp: Any, data: JSON, path: tuple[str | int, ...] = ()) -> Any:
    """The value of type ``tp`` whose wire form is ``data``.

    Supports the types the interface uses: str, int, float, bool, enums, aware datetimes,
    bytes (base64), ``X | None``, ``tuple[X, ...]``, ``list[X]``, ``dict[str, X]``, ``Any`` and
    dataclasses (unknown keys are ignored so a newer peer can add fields). Raises
    :class:`WireError` with the path of the offending value.
    """
    if tp is Any or tp is object:
        return data
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(tp)
        if data is None and type(None) in options:
            return None
        concrete = [o for o in options if o is not type(None)]
        if len(concrete) != 1:
            raise TypeError(f"unsupported union {tp}")
        return decode(concrete[0], data, path)
    if origin in (tuple, list):
        args = typing.get_args(tp)
        if not isinstance(data, list):
            raise WireError(path, "expected a list")
        item_type = args[0] if args else Any
        items = [decode(item_type, v, (*path, i)) for i, v in enumerate(data)]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        _, value_type = typing.get_args(tp) or (str, Any)
        if not isinstance(data, dict):
            raise WireError(path, "expected an object")
        return {str(k): decode(value_type, v, (*path, str(k))) for k, v in data.items()}
    if isinstance(tp, type):
        return _decode_class(tp, data, path)
    raise TypeError(f"unsupported type {tp!r}")


def _decode_class(tp: type, data: JSON, path: tuple[str | int, ...]) -> Any:
    if dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, data, path)
    if tp is type(None):
        if data is not None:
            raise WireError(path, "expected null")
        return None
    if issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError:
            raise WireError(path, f"not one of {[m.value for m in tp]}") from None
    if tp is bool:
        if not isinstance(data, bool):
            raise WireError(path, "expected true or false")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise WireError(path, "expected an integer")
        return data
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise WireError(path, "expected a number")
        return float(data)
    if tp is str:
        if not isinstance(data, str):
            raise WireError(path, "expected a string")
        return data
    if tp is dt.datetime:
        return _decode_datetime(data, path)
    if tp is bytes:
        if not isinstance(data, str):
            raise WireError(path, "expected base64 text")
        try:
            return base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise WireError(path, "not base64") from None
    raise TypeError(f"unsupported type {tp!r}")


def _decode_datetime(data: JSON, path: tuple[str | int, ...]) -> dt.datetime:
    if not isinstance(data, str):
        raise WireError(path, "expected an ISO 8601 date-time")
    try:
        value = dt.datetime.fromisoformat(data)
    except ValueError:
        raise WireError(path, "not an ISO 8601 date-time") from None
    # The interface promises aware UTC times; a naive one would be silently misread.
    if value.tzinfo is None:
        raise WireError(path, "date-time without a UTC offset")
    return value.astimezone(dt.UTC)


def _decode_dataclass(tp: type, data: JSON, path: tuple[str | int, ...]) -> Any:
    if not isinstance(data, dict):
        raise WireError(path, "expected an object")
    required = required_fields(tp)
    values: dict[str, Any] = {}
    for name, field_type in field_types(tp).items():
        if name not in data:
            if name in required:
                raise WireError((*path, name), "missing", missing=True)
            continue
        values[name] = decode(field_type, data[name], (*path, name))
    return tp(**values)
