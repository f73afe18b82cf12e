"""``tamin-desk staff ACTION``: branch staff accounts (operators and supervisors).

* ``add NAME --role operator|supervisor`` the password is asked twice (getpass, never echoed)
  or read from standard input with ``--password-stdin`` (one line, for scripts); it must meet
  the portal's password rules (SPEC) and is stored as argon2id;
* ``list`` one account a line, tab separated: id, name, role, ``active``/``disabled``;
* ``disable NAME`` the account can no longer log in (it stays, for the audit trail).

Every action takes ``--db URL`` (default: the desk's simulator file) and is written to the
chained audit trail. Exit codes: 0 done, 1 refused, 2 usage error.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

NAME = "staff"
HELP = "branch staff accounts: add NAME --role operator|supervisor, list, disable NAME"


def configure(parser: argparse.ArgumentParser) -> None:
    """Sub-parsers ``add``, ``list``, ``disable``, each with ``--db``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help="database (default: the desk's simulator)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="add a staff account")
    add.add_argument("name", metavar="NAME", help="login name: a-z, 0-9, _ . - (3-32)")
    add.add_argument("--role", required=True, choices=("operator", "supervisor"))
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    actions.add_parser("list", parents=[common], help="list the staff accounts")
    disable = actions.add_parser("disable", parents=[common], help="disable an account")
    disable.add_argument("name", metavar="NAME")


def _read_password(args: argparse.Namespace) -> str | None:
    """The new password, or None (message printed) when the two entries differ."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        print("tamin-desk staff: the two passwords differ", file=sys.stderr)
        return None
    return first


def _password_refusals(password: str, name: str) -> list[str]:
    """Persian messages of every password rule ``password`` breaks (SPEC password rules)."""
    from desktop.rules.fields import check_password
    from desktop.rules.messages import message

    checked = check_password(password, first_name=name)
    return [message(error) for error in checked.errors]


def _add(branch: Any, policy: Any, args: argparse.Namespace) -> int:
    from desktop.branch.interface import StaffRole
    from desktop.branch.staff import check_name
    from desktop.security.hashing import hash_password

    try:
        name = check_name(args.name)
    except ValueError as bad:
        print(f"tamin-desk staff: {bad}", file=sys.stderr)
        return 2
    password = _read_password(args)
    if password is None:
        return 1
    refusals = _password_refusals(password, name)
    if refusals:
        for text in refusals:
            print(f"tamin-desk staff: {text}", file=sys.stderr)
        return 1
    member = branch.add_staff(name, StaffRole(args.role), hash_password(password, policy))
    print(f"added\t{member.staff_id}\t{member.name}\t{member.role.value}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Open the database at ``--db`` and perform the action; returns the exit code."""
    from desktop.paths import default_simulator_url
    from desktop.service.bootstrap import build_service
    from desktop.service.errors import ServiceError

    url = args.db or default_simulator_url()
    try:
        with build_service(url) as backend:
            if backend.branch is None:
                print(f"tamin-desk staff: {url} keeps no staff accounts", file=sys.stderr)
                return 2
            if args.action == "add":
                return _add(backend.branch, backend.hash_policy, args)
            if args.action == "disable":
                member = backend.branch.disable_staff(args.name)
                print(f"disabled\t{member.staff_id}\t{member.name}")
                return 0
            for member in backend.branch.list_staff():
                state = "disabled" if member.disabled else "active"
                print(f"{member.staff_id}\t{member.name}\t{member.role.value}\t{state}")
            return 0
    except ServiceError as refused:
        print(f"tamin-desk staff: {refused}", file=sys.stderr)
        return 1
