"""Record a report's identifiers and find the reports that share them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from tipline.core.crypto import Keyring
from tipline.linking import identifiers, repository
from tipline.models import Report


@dataclass
class Links:
    """Other reports naming the same person, with the kinds of identifier shared, and how many of them
    come from other providers."""

    reports: dict[uuid.UUID, set[str]] = field(default_factory=dict)
    other_providers: int = 0
    recorded_new: bool = False  # this run added identifiers (first assessment, or a supplement)


def record_and_link(
    session: Session,
    keyring: Keyring,
    report: Report,
    content: dict[str, Any],
    ignore: frozenset[uuid.UUID] = frozenset(),
) -> Links:
    """Record the identifiers of the report's reported persons (idempotent) and return the other
    reports (except ``ignore``: duplicates of this one) that share any of them. An account id links
    only within its provider; emails, phones and devices link across providers."""
    provider = str(report.provider_id)
    wanted: dict[str, str] = {}
    for person in content.get("reported_persons", []):
        for kind, value in identifiers.of_person(person, provider):
            wanted[keyring.mac(f"identifier:{kind}:{value}".encode())] = kind
    if not wanted:
        return Links()
    have = repository.keys_of(session, report.id)
    new = [
        {"report_id": report.id, "provider_id": report.provider_id, "kind": kind, "key": key}
        for key, kind in sorted(wanted.items())
        if key not in have
    ]
    repository.add(session, new)
    others: dict[uuid.UUID, set[str]] = defaultdict(set)
    providers: set[uuid.UUID] = set()
    for report_id, provider_id, kind in repository.sharing(session, list(wanted), report.id):
        if report_id not in ignore:
            others[report_id].add(kind)
            if provider_id != report.provider_id:
                providers.add(report_id)
    return Links(dict(others), len(providers), recorded_new=bool(new))
