"""``tamin-desk audit ACTION``: check and export the chained audit trail.

* ``verify [--expect-head HASH]`` recompute the keyed hash chain (desktop.branch.audit_chain);
  prints ``rows N`` and ``head HASH``; exit 1 naming the first bad row id when a row was
  edited, inserted or deleted, or when the head is not the ``--expect-head`` written down
  earlier (the newest rows were removed);
* ``export --since YYYY-MM-DD [--output FILE]`` CSV (UTF-8) of the rows from that day (UTC) on:
  id, time (UTC ISO 8601), event, subject (masked national code), staff id, detail (JSON with
  any long digit run masked). Never a secret: the trail holds none.

Both take ``--db URL`` (default: the desk's simulator file) and ``--key-file`` (default: the
simulator's key file in the user data folder: the chain's key is kept OUTSIDE the database).
Exit codes: 0 ok, 1 the chain does not hold / cannot be read, 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

NAME = "audit"
HELP = "the chained audit trail: verify [--expect-head HASH], export --since YYYY-MM-DD"

#: Digit runs of six or more (a national code, a mobile) in exported detail texts.
_LONG_DIGITS = re.compile(r"\d{6,}")


def configure(parser: argparse.ArgumentParser) -> None:
    """Sub-parsers ``verify`` and ``export``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help="database (default: the desk's simulator)")
    common.add_argument("--key-file", metavar="PATH", help="the key file (default: simulator.key)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = actions.add_parser("verify", parents=[common], help="check the hash chain")
    verify.add_argument("--expect-head", metavar="HASH", help="the head hash written down earlier")
    export = actions.add_parser("export", parents=[common], help="CSV of the rows since a day")
    export.add_argument("--since", required=True, type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    export.add_argument("--output", metavar="FILE", help="write here instead of standard output")


def _mask(text: str) -> str:
    from desktop.security.masking import mask_national_code

    return _LONG_DIGITS.sub(lambda m: mask_national_code(m.group()), text)


def _export(session: Any, since: dt.date, out: Any) -> int:
    from sqlalchemy import select

    from models import AuditEvent

    start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
    writer = csv.writer(out)
    writer.writerow(["id", "at_utc", "event", "subject", "staff_id", "detail"])
    rows = 0
    query = select(AuditEvent).where(AuditEvent.at >= start).order_by(AuditEvent.id)
    for event in session.scalars(query):
        try:
            staff_id = json.loads(event.detail).get("staff_id", "")
        except (ValueError, AttributeError):
            staff_id = ""
        writer.writerow(
            [
                event.id,
                event.at.isoformat(),
                event.event,
                _mask(event.subject or ""),
                "" if staff_id is None else staff_id,
                _mask(event.detail),
            ]
        )
        rows += 1
    return rows


def run(args: argparse.Namespace) -> int:
    """Open ``--db`` read-only in spirit (nothing written) and verify or export."""
    from sqlalchemy.exc import SQLAlchemyError

    from desktop.branch.audit_chain import load_chain_key, verify_chain
    from desktop.paths import default_simulator_url, user_data_dir
    from desktop.service.simulator.factory import KEY_FILE_NAME
    from models.database import open_database

    url = args.db or default_simulator_url()
    db = open_database(url)
    try:
        with db.sessions() as session:
            if args.action == "export":
                if args.output:
                    with Path(args.output).open("w", encoding="utf-8", newline="") as out:
                        count = _export(session, args.since, out)
                    print(f"exported {count} rows to {args.output}", file=sys.stderr)
                else:
                    _export(session, args.since, sys.stdout)
                return 0
            key_path = Path(args.key_file) if args.key_file else user_data_dir() / KEY_FILE_NAME
            try:
                key = load_chain_key(key_path)
            except (OSError, ValueError) as bad:
                print(
                    f"tamin-desk audit: cannot read the key file {key_path}: {bad}", file=sys.stderr
                )
                return 1
            report = verify_chain(session, key, args.expect_head)
    except SQLAlchemyError as bad:
        print(f"tamin-desk audit: cannot read the audit trail of {url}: {bad}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(f"rows\t{report.count}")
    print(f"head\t{report.head}")
    if not report.ok:
        where = f" (first bad row id {report.bad_row_id})" if report.bad_row_id else ""
        print(f"tamin-desk audit: chain broken{where}: {report.problem}", file=sys.stderr)
        return 1
    print("ok")
    return 0
