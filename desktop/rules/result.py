"""The result of one field rule: a normalised value, or the codes that refused it."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.rules.errors import FieldError


@dataclass(frozen=True)
class Parsed:
    """Outcome of a parser of :mod:`desktop.rules.fields`.

    ``value``: the normalised value (``str``) when accepted, ``None`` when refused.
    ``errors``: the refusals — one :class:`FieldError` for every field but the password
    (the first code that applies, SPEC's order), every unmet rule for the password.
    """

    value: str | None
    errors: tuple[FieldError, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the input was accepted (no errors)."""
        return not self.errors

    @property
    def codes(self) -> tuple[str, ...]:
        """The error codes, in order (``()`` when accepted)."""
        return tuple(e.code for e in self.errors)

    @classmethod
    def accept(cls, value: str) -> Parsed:
        """An accepted, normalised ``value``."""
        return cls(value, ())

    @classmethod
    def refuse(cls, field: str, code: str, **params: object) -> Parsed:
        """A refusal of ``field`` with one ``code`` (and message ``params``)."""
        return cls(None, (FieldError(field, code, dict(params)),))
