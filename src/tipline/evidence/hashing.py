"""Digests and perceptual hashes of evidence, computed by tipline itself.

Images are decoded with Pillow under a pixel limit (decompression bombs are refused before decoding) and
hashed with PDQ (pdqhash, Meta's reference algorithm). PDQ quality below 50 means the hash is not usable.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np
import pdqhash
from PIL import Image, UnidentifiedImageError

from tipline.core.errors import Unprocessable

PDQ_MIN_QUALITY = 50
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Digests:
    size: int
    md5: str
    sha1: str
    sha256: str


@dataclass(frozen=True)
class Pdq:
    hash: str
    quality: int

    @property
    def usable(self) -> bool:
        return self.quality >= PDQ_MIN_QUALITY


@dataclass(frozen=True)
class Inspection:
    digests: Digests
    media_type: str | None
    pdq: Pdq | None


def digest_stream(stream: BinaryIO) -> Digests:
    md5, sha1, sha256 = hashlib.md5(), hashlib.sha1(), hashlib.sha256()
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        md5.update(chunk)
        sha1.update(chunk)
        sha256.update(chunk)
    return Digests(size, md5.hexdigest(), sha1.hexdigest(), sha256.hexdigest())


def pdq_of_image(image: Image.Image) -> Pdq:
    rgb = np.asarray(image.convert("RGB"))
    bits, quality = pdqhash.compute(rgb)
    return Pdq(np.packbits(bits.astype(np.uint8)).tobytes().hex(), int(quality))


def pdq_distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def inspect(stream: BinaryIO, declared_media_type: str | None, *, max_pixels: int) -> Inspection:
    """Hash a file and, if it is an image, check it decodes safely and compute its PDQ.

    Raises Unprocessable (``decompression_bomb`` or ``malformed_media``) for images that are too large
    once decoded, or that claim to be images but do not decode.
    """
    stream.seek(0)
    digests = digest_stream(stream)
    stream.seek(0)
    claims_image = bool(declared_media_type and declared_media_type.lower().startswith("image/"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(stream)
            width, height = image.size
            if width * height > max_pixels:
                raise Unprocessable(
                    f"image of {width}x{height} pixels exceeds the limit of {max_pixels} pixels",
                    code="decompression_bomb",
                )
            image.load()
            media_type = Image.MIME.get(image.format or "")
            pdq = pdq_of_image(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise Unprocessable(
            "image would decompress beyond the pixel limit", code="decompression_bomb"
        ) from exc
    except UnidentifiedImageError as exc:
        if claims_image:
            raise Unprocessable(
                "file is declared as an image but is not a readable image", code="malformed_media"
            ) from exc
        return Inspection(digests, declared_media_type, None)
    except (OSError, SyntaxError, ValueError) as exc:
        raise Unprocessable("image data is damaged or truncated", code="malformed_media") from exc
    finally:
        stream.seek(0)
    return Inspection(digests, media_type or declared_media_type, pdq)
