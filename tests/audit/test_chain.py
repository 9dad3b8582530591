"""The audit log is hash-chained: an edited, inserted or deleted row is detected."""

from __future__ import annotations

from sqlalchemy import delete, select, text, update

from tipline.audit import service as audit
from tipline.context import Context
from tipline.models import AuditRecord


def _write(ctx: Context, n: int) -> None:
    for i in range(n):
        with ctx.unit() as session:
            audit.record(session, "user:x", "report.viewed", f"r{i}", purpose="casework", n=i)
            audit.record(session, "user:x", "evidence.revealed", f"f{i}")


def test_intact_chain_verifies(ctx: Context) -> None:
    _write(ctx, 5)
    with ctx.read() as session:
        result = audit.verify(session)
    assert result.ok, result.problems
    assert result.checked == result.head == 10


def test_entries_of_a_rolled_back_unit_are_not_written(ctx: Context) -> None:
    _write(ctx, 1)
    try:
        with ctx.unit() as session:
            audit.record(session, "user:x", "report.viewed", "gone")
            raise RuntimeError
    except RuntimeError:
        pass
    _write(ctx, 1)
    with ctx.read() as session:
        assert audit.verify(session).ok
        assert "gone" not in {r.target for r in audit.recent(session)}


def test_edited_row_is_detected(ctx: Context) -> None:
    _write(ctx, 5)
    with ctx.unit() as session:
        session.execute(update(AuditRecord).where(AuditRecord.seq == 4).values(actor="user:someone-else"))
    with ctx.read() as session:
        result = audit.verify(session)
    assert not result.ok
    assert any("entry 4 was changed" in p for p in result.problems)


def test_edit_with_recomputed_hash_breaks_the_next_link(ctx: Context) -> None:
    from tipline.audit.chain import entry_hash

    _write(ctx, 3)
    with ctx.unit() as session:
        row = session.scalars(select(AuditRecord).where(AuditRecord.seq == 2)).one()
        forged = entry_hash(
            row.prev_hash, row.seq, row.at, row.actor, "evidence.previewed", row.target, row.purpose, row.data
        )
        session.execute(
            update(AuditRecord).where(AuditRecord.seq == 2).values(action="evidence.previewed", hash=forged)
        )
    with ctx.read() as session:
        result = audit.verify(session)
    assert not result.ok
    assert any("entry 3 does not follow" in p for p in result.problems)


def test_deleted_rows_are_detected_in_the_middle_and_at_the_end(ctx: Context) -> None:
    _write(ctx, 4)
    with ctx.unit() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.seq == 3))
    with ctx.read() as session:
        assert not audit.verify(session).ok
    with ctx.unit() as session:
        session.execute(text("DELETE FROM audit_log WHERE seq >= 3"))
    with ctx.read() as session:
        result = audit.verify(session)
    assert not result.ok
    assert any("ends at entry 2 but 8" in p for p in result.problems)
