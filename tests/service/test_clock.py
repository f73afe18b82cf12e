"""The simulated clock: frozen or following the wall clock, offset only forward."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.service.simulator.clock import SimulatedClock

START = dt.datetime(2025, 5, 1, 6, 30, tzinfo=dt.UTC)


def test_a_frozen_clock_moves_only_by_advance():
    clock = SimulatedClock(START)
    assert clock.frozen and clock.now() == START == clock.now()
    assert clock.advance(61.5) == START + dt.timedelta(seconds=61.5)
    assert clock.offset_s == 61.5


def test_a_live_clock_follows_the_wall_clock_plus_its_offset():
    clock = SimulatedClock(offset_s=3600)
    expected = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    assert not clock.frozen
    assert abs((clock.now() - expected).total_seconds()) < 5
    assert clock.now().tzinfo is not None


def test_it_refuses_to_go_back_or_a_naive_start():
    with pytest.raises(ValueError):
        SimulatedClock(START).advance(-1)
    with pytest.raises(ValueError):
        SimulatedClock(dt.datetime(2025, 5, 1))
