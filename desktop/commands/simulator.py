"""``tamin-desk simulator ACTION``: the trainer's handle on the embedded back-office simulator.

Actions (each takes ``--db URL``, default: the desk's own simulator file,
``desktop.paths.default_simulator_url()``; the database is created and seeded on first use):

* ``seed``    load the fictional civil registry and training accounts if not loaded yet;
* ``reset``   back to the seed: every registration, account change, code and SMS removed,
  the simulated clock back to real time;
* ``people``  the civil registry, one person a line, tab separated: national code, first
  name, last name, gender, birth-certificate number, Jalali birth date, mobiles (comma
  separated, empty when none);
* ``outbox``  the SMS sent (``--mobile`` for one phone), one a line, tab separated: time
  (UTC, ISO 8601), mobile, kind, text (line breaks shown as `` / ``);
* ``advance`` move the simulated clock ``--hours H`` forward (codes expire, locks end,
  delayed verifications run);
* ``verify``  verify the requests that are due now and print each outcome.

Exit codes: 0 done, 1 the simulator refused or is unavailable, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

NAME = "simulator"
HELP = "the embedded simulator: seed, reset, people, outbox, advance --hours H, verify"


def configure(parser: argparse.ArgumentParser) -> None:
    """One sub-parser per action, each with ``--db``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="URL", help="simulator database (default: the desk's simulator file)"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("seed", parents=[common], help="load the seed if not loaded yet")
    actions.add_parser("reset", parents=[common], help="back to the seed (removes everything)")
    actions.add_parser("people", parents=[common], help="list the civil registry")
    outbox = actions.add_parser("outbox", parents=[common], help="list the SMS sent")
    outbox.add_argument("--mobile", help="only the SMS to this mobile (any spelling)")
    advance = actions.add_parser("advance", parents=[common], help="move the clock forward")
    advance.add_argument("--hours", type=float, required=True, metavar="H", help="hours (≥ 0)")
    actions.add_parser("verify", parents=[common], help="verify the requests due now")


def _line(*fields: object) -> str:
    return "\t".join(str(f).replace("\n", " / ").replace("\t", " ") for f in fields)


def _act(backend: Any, args: argparse.Namespace) -> int:
    from desktop.service.simulator.training import SimulatorTraining

    training = backend.training
    if args.action == "seed":
        print(f"seeded: {backend.description}")  # build_service seeds on first use
    elif args.action == "reset":
        training.reset()
        print(f"reset to the seed: {backend.description}")
    elif args.action == "people":
        assert isinstance(training, SimulatorTraining)
        for person in training.people():
            print(_line(*person.as_row()))
    elif args.action == "outbox":
        messages = backend.service.outbox(args.mobile) if args.mobile else training.all_outbox()
        for sms in messages:
            print(_line(sms.sent_at.isoformat(), sms.mobile, sms.kind, sms.text))
        if not messages:  # on stderr: a script reading the rows still gets none
            print("tamin-desk simulator: no SMS sent yet", file=sys.stderr)
    elif args.action == "advance":
        if args.hours < 0:
            print("tamin-desk simulator: --hours must not be negative", file=sys.stderr)
            return 2
        print(training.advance_clock(args.hours * 3600).isoformat())
    elif args.action == "verify":
        for result in backend.service.run_verification():
            print(_line(result.tracking_id, result.state.value))
    return 0


def run(args: argparse.Namespace) -> int:
    """Open the simulator at ``--db`` and perform the action; returns the exit code."""
    from desktop.paths import default_simulator_url
    from desktop.service.bootstrap import build_service
    from desktop.service.errors import ServiceError

    url = args.db or default_simulator_url()
    if not url.startswith("sqlite"):
        print(f"tamin-desk simulator: not a simulator database: {url}", file=sys.stderr)
        return 2
    try:
        with build_service(url) as backend:
            return _act(backend, args)
    except ServiceError as refused:
        print(f"tamin-desk simulator: {refused}", file=sys.stderr)
        return 1
