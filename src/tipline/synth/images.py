"""Benign generated pictures (gradients, shapes, noise) standing in for reported material.

The pool holds "known" base items plus near-duplicate variants of them (re-encoded, resized, slightly
cropped): a variant stays within PDQ distance 31 of its base, while distinct bases are kept more than
64 apart. Unique images stand in for new, previously unseen material. Everything is derived from the
seed, so the same seed gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from random import Random

import numpy as np
import pdqhash
from PIL import Image, ImageDraw, ImageOps

from tipline.evidence.hashing import pdq_distance
from tipline.synth.rand import below, between, span

VARIANT_MAX_DISTANCE = 31
BASE_MIN_DISTANCE = 64
_LINEAR = Image.linear_gradient("L")
_RADIAL = Image.radial_gradient("L")
_FLIPS = (
    None,
    Image.Transpose.ROTATE_90,
    Image.Transpose.ROTATE_180,
    Image.Transpose.ROTATE_270,
    Image.Transpose.FLIP_LEFT_RIGHT,
)


@dataclass(frozen=True)
class ImageRecord:
    """One image file and its digests, as listed in items.jsonl."""

    filename: str
    item_id: str
    variant_of: str | None
    transform: str
    media_type: str
    size: int
    width: int
    height: int
    md5: str
    sha1: str
    sha256: str
    pdq: str
    pdq_quality: int

    @property
    def base_id(self) -> str:
        return self.variant_of or self.item_id

    def item_line(self, *, known: bool) -> dict[str, object]:
        return {
            "filename": self.filename,
            "item_id": self.item_id,
            "variant_of": self.variant_of,
            "transform": self.transform,
            "known": known,
            "media_type": self.media_type,
            "size": self.size,
            "width": self.width,
            "height": self.height,
            "md5": self.md5,
            "sha1": self.sha1,
            "sha256": self.sha256,
            "pdq": self.pdq,
            "pdq_quality": self.pdq_quality,
        }


def _encode(image: Image.Image, media_type: str, quality: int = 88) -> bytes:
    buf = io.BytesIO()
    if media_type == "image/png":
        image.save(buf, "PNG", optimize=False, compress_level=3)
    else:
        image.save(buf, "JPEG", quality=quality, optimize=False, subsampling=2)
    return buf.getvalue()


def _pdq(image: Image.Image) -> tuple[str, int]:
    """PDQ as tipline.evidence.hashing.pdq_of_image computes it, without the copy for RGB images."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    bits, quality = pdqhash.compute(np.asarray(rgb))
    return np.packbits(bits.astype(np.uint8)).tobytes().hex(), int(quality)


def _record(
    data: bytes,
    item_id: str,
    variant_of: str | None,
    transform: str,
    source: Image.Image | None = None,
) -> ImageRecord:
    """Digests of the encoded bytes; PDQ of the decoded image, as a server would compute it.

    A PNG decodes to exactly its ``source`` pixels, so the source (when given) is hashed instead.
    """
    if source is not None and data.startswith(b"\x89PNG"):
        decoded = source
        media_type = "image/png"
    else:
        decoded = Image.open(io.BytesIO(data))
        decoded.load()
        media_type = "image/png" if decoded.format == "PNG" else "image/jpeg"
    pdq_hash, pdq_quality = _pdq(decoded)
    sha256 = hashlib.sha256(data).hexdigest()
    ext = ".png" if media_type == "image/png" else ".jpg"
    return ImageRecord(
        filename=sha256[:32] + ext,
        item_id=item_id,
        variant_of=variant_of,
        transform=transform,
        media_type=media_type,
        size=len(data),
        width=decoded.width,
        height=decoded.height,
        md5=hashlib.md5(data).hexdigest(),
        sha1=hashlib.sha1(data).hexdigest(),
        sha256=sha256,
        pdq=pdq_hash,
        pdq_quality=pdq_quality,
    )


def _color(r: Random) -> tuple[int, int, int]:
    return (below(r, 256), below(r, 256), below(r, 256))


def _background(r: Random, width: int, height: int) -> Image.Image:
    gradient = _LINEAR if r.random() < 0.65 else _RADIAL
    flip = _FLIPS[below(r, len(_FLIPS))]
    if flip is not None:
        gradient = gradient.transpose(flip)
    gradient = gradient.resize((width, height), Image.Resampling.BILINEAR)
    return ImageOps.colorize(gradient, _color(r), _color(r))


def _draw_shapes(image: Image.Image, r: Random, count: int) -> None:
    w, h = image.size
    draw = ImageDraw.Draw(image)
    for _ in range(count):
        kind = r.random()
        if kind < 0.55:
            points = [
                (span(r, -w // 4, w + w // 4), span(r, -h // 4, h + h // 4)) for _ in range(between(r, 3, 6))
            ]
            draw.polygon(points, fill=_color(r))
        elif kind < 0.85:
            cx, cy, rad = below(r, w), below(r, h), span(r, w // 8, w // 2)
            draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=_color(r))
        else:
            x0, y0 = below(r, w), below(r, h)
            x1, y1 = x0 + span(r, w // 6, w), y0 + span(r, h // 6, h)
            draw.rectangle((x0, y0, x1, y1), fill=_color(r))


def _base_image(r: Random, noise_seed: int, media_type: str) -> Image.Image:
    width, height = r.randrange(160, 257, 16), r.randrange(160, 257, 16)
    image = _background(r, width, height)
    _draw_shapes(image, r, between(r, 5, 9))
    if media_type == "image/jpeg" and r.random() < 0.6:  # sensor-like noise, seeded
        noise = np.random.default_rng(noise_seed).normal(0.0, r.uniform(4.0, 12.0), (height, width, 1))
        pixels = np.asarray(image, dtype=np.float32) + noise
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    return image


def _transformed(base: Image.Image, base_type: str, r: Random, kind: str, mild: bool) -> tuple[str, bytes]:
    """(transform description, encoded bytes) of a near-duplicate of ``base``."""
    w, h = base.size
    if kind == "jpeg":
        q = between(r, 55, 75) if mild else between(r, 30, 60)
        return f"jpeg_q{q}", _encode(base, "image/jpeg", q)
    if kind == "resize":
        scale = r.choice((0.75, 0.8, 1.25)) if mild else r.choice((0.5, 0.6, 0.7, 1.5))
        size = (max(32, round(w * scale)), max(32, round(h * scale)))
        return f"resize_{size[0]}x{size[1]}", _encode(base.resize(size, Image.Resampling.LANCZOS), base_type)
    if kind == "format":
        other = "image/png" if base_type == "image/jpeg" else "image/jpeg"
        return f"reencode_{other.split('/')[1]}", _encode(base, other, 92)
    pct = r.choice((1, 2)) if mild else r.choice((2, 3, 4, 5))
    dx, dy = w * pct // 100, h * pct // 100
    left, top = between(r, 0, dx), between(r, 0, dy)
    cropped = base.crop((left, top, w - (dx - left), h - (dy - top)))
    if kind == "crop":
        return f"crop_{pct}pct", _encode(cropped, base_type)
    q = between(r, 50, 80)
    return f"crop_{pct}pct+jpeg_q{q}", _encode(cropped, "image/jpeg", q)


@dataclass
class Pool:
    """Known items: bases and their near-duplicate variants, all written to out/files."""

    bases: list[ImageRecord]
    variants: dict[str, list[ImageRecord]]

    def records(self) -> list[ImageRecord]:
        out: list[ImageRecord] = []
        for base in self.bases:
            out.append(base)
            out.extend(self.variants[base.item_id])
        return out

    def pick(self, r: Random, base_index: int | None = None, variant_share: float = 0.4) -> ImageRecord:
        """A base (or, with probability variant_share, one of its variants)."""
        if base_index is None:
            base_index = below(r, len(self.bases))
        base = self.bases[base_index % len(self.bases)]
        variants = self.variants[base.item_id]
        if variants and r.random() < variant_share:
            return variants[below(r, len(variants))]
        return base


Candidate = list[tuple[ImageRecord, bytes]]


def pool_candidate(seed: int, k: int, attempt: int = 0) -> Candidate:
    """Base item number ``k`` (0-based) and its near-duplicate variants, each with its bytes."""
    item_id = f"K{k + 1:04d}"
    r = Random(f"pool:{seed}:{k}:{attempt}")
    while True:
        media_type = "image/png" if r.random() < 0.25 else "image/jpeg"
        noise_seed = r.getrandbits(32)
        data = _encode(_base_image(r, noise_seed, media_type), media_type, between(r, 82, 95))
        rec = _record(data, item_id, None, "original")
        if rec.pdq_quality >= 50:
            break
    out: Candidate = [(rec, data)]
    decoded = Image.open(io.BytesIO(data)).convert("RGB")
    seen = {rec.sha256}
    kinds = ["jpeg", "resize", "crop", "format", "crop_jpeg"]
    r.shuffle(kinds)
    for kind in kinds[: r.choice((1, 2, 2, 3, 3))]:
        for mild in (False, True):
            transform, vdata = _transformed(decoded, media_type, r, kind, mild)
            vrec = _record(vdata, f"{item_id}-v{len(out)}", item_id, transform)
            if (
                vrec.sha256 not in seen
                and vrec.pdq_quality >= 50
                and pdq_distance(vrec.pdq, rec.pdq) <= VARIANT_MAX_DISTANCE
            ):
                out.append((vrec, vdata))
                seen.add(vrec.sha256)
                break
    return out


def assemble_pool(seed: int, candidates: Iterable[Candidate], files_dir: Path) -> Pool:
    """Keep candidates in order, replacing any base too close to an earlier one; write the files."""
    bases: list[ImageRecord] = []
    variants: dict[str, list[ImageRecord]] = {}
    for k, first in enumerate(candidates):
        candidate, attempt = first, 0
        while any(pdq_distance(candidate[0][0].pdq, b.pdq) <= BASE_MIN_DISTANCE for b in bases):
            attempt += 1
            candidate = pool_candidate(seed, k, attempt)
        for rec, data in candidate:
            (files_dir / rec.filename).write_bytes(data)
        bases.append(candidate[0][0])
        variants[candidate[0][0].item_id] = [rec for rec, _ in candidate[1:]]
    return Pool(bases, variants)


def build_pool(seed: int, n_bases: int, files_dir: Path) -> Pool:
    return assemble_pool(seed, (pool_candidate(seed, k) for k in range(n_bases)), files_dir)


class UniqueImages:
    """Previously unseen pictures (new material stand-ins), one per key, cheap to make."""

    def __init__(self, seed: int) -> None:
        r = Random(f"backgrounds:{seed}")
        self._backgrounds = [_background(r, 160, 160) for _ in range(24)]
        self._seed = seed

    def make(self, key: str, item_id: str) -> tuple[ImageRecord, bytes]:
        r = Random(f"unique:{self._seed}:{key}")
        for _ in range(8):
            w, h = r.choice(((128, 112), (128, 96), (96, 128), (112, 112), (112, 128)))
            bg = self._backgrounds[below(r, len(self._backgrounds))]
            x, y = span(r, 0, 161 - w), span(r, 0, 161 - h)
            image = bg.crop((x, y, x + w, y + h))
            _draw_shapes(image, r, between(r, 4, 7))
            media_type = "image/png" if r.random() < 0.15 else "image/jpeg"
            data = _encode(image, media_type, between(r, 80, 95))
            rec = _record(data, item_id, None, "original", image)
            if rec.pdq_quality >= 50:
                break
        return rec, data
