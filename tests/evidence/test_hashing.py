"""tipline's own hashes: exact digests, and PDQ against the published reference hashes."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from tests.factories.reports import png

from tipline.core.errors import Unprocessable
from tipline.evidence.hashing import PDQ_MIN_QUALITY, inspect, pdq_distance

PDQ = Path(__file__).resolve().parents[1] / "fixtures" / "pdq"
ROWS = list(csv.DictReader((PDQ / "expected.csv").open()))
LIMIT = 64_000_000


def inspect_file(path: Path, media_type: str | None = "image/jpeg"):  # type: ignore[no-untyped-def]
    with path.open("rb") as f:
        return inspect(f, media_type, max_pixels=LIMIT)


@pytest.mark.parametrize("row", ROWS, ids=[r["path"] for r in ROWS])
def test_pdq_matches_reference(row: dict[str, str]) -> None:
    result = inspect_file(PDQ / row["path"])
    assert result.pdq is not None
    assert pdq_distance(result.pdq.hash, row["pdq_hex"]) <= int(row["max_distance"])
    assert result.pdq.usable


@pytest.mark.parametrize("name", ["misc-images/small.jpg", "reg-test-input/labelme-subset/q0003.jpg"])
def test_low_quality_pdq_is_not_usable(name: str) -> None:
    result = inspect_file(PDQ / name)
    assert result.pdq is not None
    assert result.pdq.quality < PDQ_MIN_QUALITY
    assert not result.pdq.usable


def test_distinct_pictures_are_far_from_the_bridge() -> None:
    bridge = inspect_file(PDQ / "bridge-mods/aaa-orig.jpg").pdq
    other = inspect_file(PDQ / "reg-test-input/pen-and-coaster.png", "image/png").pdq
    assert bridge is not None
    assert other is not None
    assert pdq_distance(bridge.hash, other.hash) > 31


def test_exact_digests_and_media_type() -> None:
    data = png(3)
    result = inspect(io.BytesIO(data), None, max_pixels=LIMIT)
    assert result.digests.md5 == hashlib.md5(data).hexdigest()
    assert result.digests.sha1 == hashlib.sha1(data).hexdigest()
    assert result.digests.sha256 == hashlib.sha256(data).hexdigest()
    assert result.digests.size == len(data)
    assert result.media_type == "image/png"


def test_non_image_bytes_get_digests_only() -> None:
    result = inspect(io.BytesIO(b"just some text"), "text/plain", max_pixels=LIMIT)
    assert result.pdq is None
    assert result.media_type == "text/plain"


def test_image_claim_that_does_not_decode_is_malformed() -> None:
    with pytest.raises(Unprocessable) as exc:
        inspect(io.BytesIO(b"not an image"), "image/jpeg", max_pixels=LIMIT)
    assert exc.value.code == "malformed_media"


def test_pixel_limit_is_configurable() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (200, 200)).save(buf, "PNG")
    with pytest.raises(Unprocessable) as exc:
        inspect(buf, "image/png", max_pixels=100 * 100)
    assert exc.value.code == "decompression_bomb"
