"""``tamin-desk check FIELD VALUE``: run one field rule from the command line.

For operators checking a list (``VALUE`` ``-`` reads one value per line from standard input)
and for scripts: each value gives one JSON object on its own line,
``{"field", "value", "errors": [{"code", "message"}]}`` — ``value`` is the normalised value, or
``null`` when there are errors. Exit code: 0 every value valid, 1 any invalid, 2 usage error
(unknown field, bad ``--today``).

Example: ``tamin-desk check national_code ۰۴۹۹۳۷۰۸۹۹`` prints
``{"field": "national_code", "value": "0499370899", "errors": []}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

NAME = "check"
HELP = "check one field value (or one per line from stdin with VALUE '-') against the rules"

#: Fields this command can check (those whose input is one line of text).
FIELDS = (
    "national_code",
    "mobile",
    "first_name",
    "last_name",
    "gender",
    "birth_certificate_number",
    "birth_date",
    "email",
    "password",
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Positional FIELD and VALUE; the context options the rules use; ``--lang``."""
    parser.add_argument("field", metavar="FIELD", help=f"one of: {', '.join(FIELDS)}")
    parser.add_argument("value", metavar="VALUE", help="the value as typed, or '-' for stdin")
    parser.add_argument("--national-code", default="", help="for password (personal info)")
    parser.add_argument("--first-name", default="", help="for password (personal info)")
    parser.add_argument("--last-name", default="", help="for password (personal info)")
    parser.add_argument("--today", help="Jalali YYYY/MM/DD for birth_date (default: Tehran today)")
    parser.add_argument("--lang", choices=("fa", "en"), default="fa", help="message language")


def _use_utf8(stream: TextIO) -> None:
    """Persian text on a console whose default encoding cannot hold it (Windows cp1252)."""
    try:
        stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        pass


def check_values(
    field: str, values: Iterable[str], context: dict[str, Any], lang: str = "fa"
) -> Iterable[dict[str, Any]]:
    """One result object per value: ``{"field", "value", "errors": [{"code", "message"}]}``.

    Raises :class:`desktop.rules.fields.UnknownField` for an unknown ``field``.
    """
    from desktop.rules.fields import parse_field
    from desktop.rules.messages import message

    for raw in values:
        parsed = parse_field(field, raw, **context)
        yield {
            "field": field,
            "value": parsed.value if parsed.ok else None,
            "errors": [{"code": e.code, "message": message(e, lang)} for e in parsed.errors],
        }


def run(args: argparse.Namespace) -> int:
    """Print one JSON line per value; 0 all valid, 1 any invalid, 2 usage error."""
    from desktop.rules.birth_date import parse_jalali

    if args.field not in FIELDS:
        print(
            f"tamin-desk check: unknown field {args.field!r}; one of: {', '.join(FIELDS)}",
            file=sys.stderr,
        )
        return 2
    context: dict[str, Any] = {
        "national_code": args.national_code,
        "first_name": args.first_name,
        "last_name": args.last_name,
    }
    if args.today is not None:
        try:
            context["today"] = parse_jalali(args.today)
        except ValueError:
            print(
                f"tamin-desk check: --today must be a Jalali YYYY/MM/DD date, got {args.today!r}",
                file=sys.stderr,
            )
            return 2
    _use_utf8(sys.stdout)
    if args.value == "-":
        _use_utf8(sys.stdin)
        values: Iterable[str] = (line.rstrip("\r\n") for line in sys.stdin)
    else:
        values = [args.value]
    all_valid = True
    for result in check_values(args.field, values, context, args.lang):
        all_valid = all_valid and not result["errors"]
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0 if all_valid else 1
