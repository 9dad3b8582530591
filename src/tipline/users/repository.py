"""User and session rows. Never commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.models import Agency, User, UserSession


def by_username(session: Session, username: str, *, for_update: bool = False) -> User | None:
    query = select(User).where(User.username == username)
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def get(session: Session, user_id: uuid.UUID) -> User | None:
    return session.get(User, user_id)


def agency_code(session: Session, agency_id: uuid.UUID | None) -> str | None:
    if agency_id is None:
        return None
    return session.scalar(select(Agency.code).where(Agency.id == agency_id))


def agency_by_code(session: Session, code: str) -> Agency | None:
    return session.scalars(select(Agency).where(Agency.code == code)).one_or_none()


def session_row(session: Session, token_hash: str) -> tuple[UserSession, User] | None:
    row = session.execute(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_hash == token_hash)
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def all_users(session: Session) -> Sequence[tuple[User, str | None]]:
    rows = session.execute(
        select(User, Agency.code).outerjoin(Agency, Agency.id == User.agency_id).order_by(User.username)
    )
    return [(u, code) for u, code in rows]
