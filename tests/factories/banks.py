"""Banks and indicators for tests: made-up hashes, and PDQ hashes at chosen distances."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from tipline.banks import service
from tipline.banks.formats import IndicatorRecord, ReadResult
from tipline.banks.schemas import BankCreate, ImportSummary, Purpose
from tipline.models import Bank

ACTOR = "test"


def bank(session: Session, name: str = "known-a", purpose: str = "known", threshold: int = 31) -> Bank:
    return service.create_bank(
        session, BankCreate(name=name, purpose=Purpose(purpose), pdq_threshold=threshold), ACTOR
    )


def record(hash_type: str, value: str, position: int = 1, **details: object) -> IndicatorRecord:
    fields: dict[str, object] = {
        "media_type": None,
        "category": None,
        "external_id": None,
        "contributor": None,
        "source": None,
        "decision_ref": None,
        "decided_on": None,
        "quality": None,
        "withdrawn": False,
    }
    fields.update(details)
    return IndicatorRecord(position, hash_type, value, **fields)  # type: ignore[arg-type]


def load(session: Session, target: Bank, items: list[ReadResult], sha: str = "f" * 64) -> ImportSummary:
    return service.import_records(session, target, items, ACTOR, filename="t.csv", file_sha256=sha, fmt="csv")


def random_pdq(rng: random.Random) -> str:
    return f"{rng.getrandbits(256):064x}"


def flip(value: str, bits: int, rng: random.Random) -> str:
    """``value`` with exactly ``bits`` distinct bits flipped."""
    number = int(value, 16)
    for bit in rng.sample(range(256), bits):
        number ^= 1 << bit
    return f"{number:064x}"
