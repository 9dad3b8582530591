"""A bank of a synth folder's known pictures (their originals, MD5 and PDQ): what the demo and
`tipline eval priority` need so that "known" material is known to tipline, as hash lists make it
known to a real clearinghouse. Importing the same folder again changes nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tipline.banks import service as banks
from tipline.banks.formats import IndicatorRecord
from tipline.banks.schemas import BankCreate, ImportSummary, Purpose
from tipline.context import Context
from tipline.core.errors import TiplineError


def known_records(folder: Path) -> list[IndicatorRecord]:
    records: list[IndicatorRecord] = []
    with (folder / "items.jsonl").open() as lines:
        for item in map(json.loads, lines):
            if item["known"] and item["variant_of"] is None:
                for hash_type in ("md5", "pdq"):
                    records.append(
                        IndicatorRecord(
                            position=len(records) + 1,
                            hash_type=hash_type,
                            value=item[hash_type],
                            media_type="image",
                            category="baseline",
                            external_id=item["item_id"],
                            contributor="synth",
                            source="synthetic",
                            decision_ref=None,
                            decided_on=None,
                            quality=item["pdq_quality"] if hash_type == "pdq" else None,
                            withdrawn=False,
                        )
                    )
    return records


def import_known(ctx: Context, folder: Path, name: str, actor: str) -> ImportSummary:
    records = known_records(folder)
    digest = hashlib.sha256((folder / "items.jsonl").read_bytes()).hexdigest()
    with ctx.unit() as session:
        try:
            bank = banks.get_bank(session, name)
        except TiplineError:
            bank = banks.create_bank(session, BankCreate(name=name, purpose=Purpose.known), actor)
        return banks.import_records(
            session,
            bank,
            records,
            actor,
            filename="items.jsonl",
            file_sha256=digest,
            fmt="jsonl",
        )
