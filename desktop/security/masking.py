"""Masking of identifiers for logs, receipts and the offline index.

Logs and crash reports never hold a full national code or mobile (developers' brief).
"""

from __future__ import annotations


def mask_national_code(code: str) -> str:
    """``0499370899`` → ``049****899`` (first 3 and last 3 digits kept)."""
    if len(code) <= 6:
        return "*" * len(code)
    return code[:3] + "*" * (len(code) - 6) + code[-3:]


def mask_mobile(mobile: str) -> str:
    """``09121234567`` → ``0912***4567`` (prefix and last 4 digits kept)."""
    if len(mobile) <= 8:
        return "*" * len(mobile)
    return mobile[:4] + "*" * (len(mobile) - 8) + mobile[-4:]
