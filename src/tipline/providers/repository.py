"""Provider and API-key rows."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.models import ApiKey, Provider


def get_by_name(session: Session, name: str) -> Provider | None:
    return session.scalars(select(Provider).where(Provider.name == name)).one_or_none()


def get_key_by_prefix(session: Session, prefix: str) -> tuple[ApiKey, Provider] | None:
    row = session.execute(
        select(ApiKey, Provider)
        .join(Provider, Provider.id == ApiKey.provider_id)
        .where(ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None))
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def list_providers(session: Session) -> list[Provider]:
    return list(session.scalars(select(Provider).order_by(Provider.name)))
