"""Images as the portal shows them: a blurred greyscale preview by default, and on reveal a re-encoded
copy (metadata such as EXIF location is not passed on; the stored original is never sent as is)."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageFilter, ImageOps

PREVIEW_SIDE = 360
BLUR_RADIUS = 18  # at 360 px: shapes and colours are gone, the layout of the picture is not


def _open(data: bytes, max_pixels: int) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > max_pixels:
            raise ValueError("image too large")
        image.load()
    return ImageOps.exif_transpose(image)


def blurred(data: bytes, max_pixels: int) -> bytes:
    """A JPEG: greyscale, at most PREVIEW_SIDE px, blurred."""
    image = _open(data, max_pixels).convert("L")
    image.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE))
    image = image.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70)
    return out.getvalue()


def revealed(data: bytes, max_pixels: int, side: int = 1600) -> bytes:
    """A PNG of the picture (at most ``side`` px), without the original's metadata."""
    image = _open(data, max_pixels)
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    image.thumbnail((side, side))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
