"""Builders of the refusals that carry a wait (RateLimited, Locked), so every use case words
them the same way: ``retry_after`` in seconds for the API, a rounded-up figure for the message."""

from __future__ import annotations

import datetime as dt
import math

from desktop.rules.errors import REQUEST, FieldError
from desktop.service.errors import Locked, RateLimited


def _seconds_until(until: dt.datetime, now: dt.datetime) -> float:
    return max(1.0, (until - now).total_seconds())


def rate_limited(until: dt.datetime, now: dt.datetime) -> RateLimited:
    """RateLimited ``too_many_requests`` until ``until``; params ``seconds`` and ``minutes``
    (both rounded up, so the message never promises a retry too early)."""
    wait = _seconds_until(until, now)
    params = {"seconds": math.ceil(wait), "minutes": math.ceil(wait / 60)}
    return RateLimited([FieldError(REQUEST, "too_many_requests", params)], retry_after=wait)


def locked(until: dt.datetime, now: dt.datetime) -> Locked:
    """Locked ``locked`` until ``until``; param ``minutes`` (rounded up)."""
    wait = _seconds_until(until, now)
    return Locked([FieldError(REQUEST, "locked", {"minutes": math.ceil(wait / 60)})], wait)
