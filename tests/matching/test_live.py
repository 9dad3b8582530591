"""The live PDQ index of a process: loaded from its snapshot or built from the database, caught up with
``seq > watermark``, compacted in the background without losing changes, and its health status."""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.factories.banks import ACTOR, bank, flip, load, random_pdq, record
from tipline.banks import repository
from tipline.banks import service as banks
from tipline.banks.formats import ReadResult
from tipline.context import Context
from tipline.matching.live import IndexNotReady, LiveIndex
from tipline.matching.pdq_index import PdqIndex, hashes_from_hex
from tipline.models import Indicator

RNG = random.Random(2026)


def new_hashes(n: int) -> list[str]:
    return [random_pdq(RNG) for _ in range(n)]


def add(ctx: Context, values: list[str], *, quality: int | None = None, bank_name: str = "known-a") -> None:
    """Import ``values`` as PDQ indicators (one import, one transaction)."""
    records: list[ReadResult] = [record("pdq", v, i, quality=quality) for i, v in enumerate(values, start=1)]
    sha = hashlib.sha256(json.dumps([values, quality]).encode()).hexdigest()
    with ctx.unit() as session:
        target = repository.get_bank(session, bank_name) or bank(session, bank_name)
        load(session, target, records, sha)


def id_of(ctx: Context, value: str) -> int:
    with ctx.unit() as session:
        return int(session.scalars(select(Indicator.id).where(Indicator.value == value)).one())


def set_status(ctx: Context, value: str, withdraw: bool) -> None:
    indicator_id = id_of(ctx, value)
    with ctx.unit() as session:
        banks.set_status(session, indicator_id, withdraw, "test", ACTOR)


def counter(ctx: Context, name: str = repository.INDICATOR_SEQ) -> int:
    with ctx.unit() as session:
        return repository.counter(session, name)


def found(live: LiveIndex, values: list[str], max_distance: int = 0) -> list[bool]:
    """Whether each value has a match in the index (as a query, within ``max_distance``)."""
    result = live.search(hashes_from_hex(values), max_distance)
    hit = set(result.query.tolist())
    return [i in hit for i in range(len(values))]


def loaded(ctx: Context, directory: Path, compact_at: int = 50_000) -> LiveIndex:
    live = LiveIndex(directory, compact_at=compact_at)
    with ctx.unit() as session:
        live.load(session)
    return live


def refresh(ctx: Context, live: LiveIndex) -> int:
    with ctx.unit() as session:
        return live.refresh(session)


def meta(directory: Path) -> dict[str, Any]:
    document = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    value: dict[str, Any] = document["meta"]
    return value


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    return tmp_path / "snapshots" / "pdq"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds from the database (one entry per ``LiveIndex._build`` call)."""
    calls: list[int] = []
    original = LiveIndex._build

    def counting(self: LiveIndex, session: Any) -> Any:
        calls.append(1)
        return original(self, session)

    monkeypatch.setattr(LiveIndex, "_build", counting)
    return calls


def no_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: LiveIndex, session: Any) -> Any:
        raise AssertionError("the index was rebuilt from the database")

    monkeypatch.setattr(LiveIndex, "_build", refuse)


# loading


class TestLoad:
    def test_builds_from_the_database_and_saves_a_snapshot(self, ctx: Context, directory: Path) -> None:
        values = new_hashes(6)
        add(ctx, values)
        add(ctx, new_hashes(2), quality=20)  # never in the index
        live = loaded(ctx, directory)
        assert live.ready
        assert live.watermark == counter(ctx) == 8
        assert meta(directory) == {"watermark": 8, "instance": counter(ctx, repository.INSTANCE)}
        arrays = json.loads((directory / "meta.json").read_text(encoding="utf-8"))["arrays"]
        assert {p.stem for p in directory.glob("*.npy")} == set(arrays) >= {"ids", "hashes", "removed"}
        assert found(live, values) == [True] * 6
        assert live._index is not None
        assert len(live._index) == 6
        with ctx.unit() as session:
            live.load(session)  # idempotent
        assert live.watermark == 8

    def test_an_empty_database_gives_an_empty_index(self, ctx: Context, directory: Path) -> None:
        live = loaded(ctx, directory)
        assert live.watermark == 0
        assert found(live, new_hashes(2), 256) == [False, False]
        assert meta(directory)["watermark"] == 0

    def test_a_second_index_loads_the_snapshot_and_catches_up(
        self, ctx: Context, directory: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        first, later = new_hashes(5), new_hashes(3)
        add(ctx, first)
        loaded(ctx, directory)
        add(ctx, later)
        set_status(ctx, first[0], withdraw=True)

        no_builds(monkeypatch)
        second = loaded(ctx, directory)
        assert second.watermark == counter(ctx) == 9
        assert found(second, first + later) == [False] + [True] * 7
        assert meta(directory)["watermark"] == 5  # the snapshot as it was; the catch-up is in memory

    def test_a_snapshot_of_another_database_is_rebuilt(
        self, ctx: Context, directory: Path, builds: list[int]
    ) -> None:
        values = new_hashes(4)
        add(ctx, values[:2])
        loaded(ctx, directory)
        assert len(builds) == 1
        document = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        document["meta"]["instance"] += 1
        (directory / "meta.json").write_text(json.dumps(document), encoding="utf-8")
        add(ctx, values[2:])

        live = loaded(ctx, directory)
        assert len(builds) == 2
        assert found(live, values) == [True] * 4
        assert meta(directory) == {"watermark": 4, "instance": counter(ctx, repository.INSTANCE)}

    def test_a_snapshot_ahead_of_the_database_is_rebuilt(
        self, ctx: Context, directory: Path, builds: list[int]
    ) -> None:
        values = new_hashes(3)
        add(ctx, values)
        first = loaded(ctx, directory)
        # an index of the same database whose snapshot claims changes the database never made
        extra = new_hashes(1)
        assert first._index is not None
        first._index.add([10_000], hashes_from_hex(extra))
        first._watermark = counter(ctx) + 5
        first._save(counter(ctx, repository.INSTANCE))

        live = loaded(ctx, directory)
        assert len(builds) == 2
        assert live.watermark == 3
        assert found(live, values + extra) == [True, True, True, False]

    def test_a_snapshot_that_cannot_be_written_does_not_fail_the_load(
        self, ctx: Context, tmp_path: Path
    ) -> None:
        values = new_hashes(2)
        add(ctx, values)
        (tmp_path / "blocked").write_text("a file where the snapshot folder should be", encoding="utf-8")
        live = loaded(ctx, tmp_path / "blocked" / "pdq")
        assert found(live, values) == [True, True]

    @pytest.mark.parametrize(
        "damage",
        [
            "flip a data byte of hashes.npy",
            "flip a data byte of table03_positions.npy",
            "flip a header byte of ids.npy",
            "truncate removed.npy",
            "delete delta_ids.npy",
            "garble meta.json",
        ],
    )
    def test_a_damaged_snapshot_is_rebuilt_not_a_crash(
        self, ctx: Context, directory: Path, builds: list[int], damage: str
    ) -> None:
        values = new_hashes(5)
        add(ctx, values)
        loaded(ctx, directory)
        verb, *_, name = damage.split()
        path = directory / name
        data = bytearray(path.read_bytes())
        if verb == "flip" and "data" in damage:
            data[-3] ^= 0x10
        elif verb == "flip":
            data[10] ^= 0x01  # the "{" opening the header's dict
        elif verb == "truncate":
            del data[-4:]
        elif verb == "garble":
            data = bytearray(b"{not json")
        if verb == "delete":
            path.unlink()
        else:
            path.write_bytes(bytes(data))

        live = loaded(ctx, directory)
        assert len(builds) == 2
        assert found(live, values) == [True] * 5
        assert meta(directory)["watermark"] == 5
        # the rebuilt snapshot is whole again
        assert LiveIndex(directory)._load_snapshot(counter(ctx, repository.INSTANCE), 5) is not None


# keeping current


class TestRefresh:
    def test_additions_withdrawals_and_reinstatements(self, ctx: Context, directory: Path) -> None:
        built, added = new_hashes(3), new_hashes(3)
        add(ctx, built)
        live = loaded(ctx, directory)
        assert found(live, added) == [False] * 3

        add(ctx, added)
        assert refresh(ctx, live) == counter(ctx) == 6
        assert found(live, built + added) == [True] * 6
        assert live._index is not None
        assert live._index.delta_size == 3

        set_status(ctx, built[0], withdraw=True)  # in the main segment
        set_status(ctx, added[0], withdraw=True)  # in the delta
        assert found(live, [built[0], added[0]]) == [True, True]  # until the refresh
        refresh(ctx, live)
        assert found(live, built + added) == [False, True, True, False, True, True]
        assert len(live._index) == 4

        set_status(ctx, built[0], withdraw=False)
        set_status(ctx, added[0], withdraw=False)
        assert refresh(ctx, live) == counter(ctx) == 10
        assert found(live, built + added) == [True] * 6
        assert len(live._index) == 6

    def test_a_near_hash_is_found_within_the_distance(self, ctx: Context, directory: Path) -> None:
        value = random_pdq(RNG)
        live = loaded(ctx, directory)
        add(ctx, [value])
        refresh(ctx, live)
        near = flip(value, 9, RNG)
        assert found(live, [near], 8) == [False]
        result = live.search(hashes_from_hex([near]), 9)
        assert result.ids.tolist() == [id_of(ctx, value)]
        assert result.distance.tolist() == [9]

    def test_low_quality_indicators_are_never_in_the_index(self, ctx: Context, directory: Path) -> None:
        low, good = new_hashes(2), new_hashes(1)
        add(ctx, low[:1], quality=49)
        live = loaded(ctx, directory)
        add(ctx, low[1:], quality=10)
        add(ctx, good, quality=50)
        refresh(ctx, live)
        assert found(live, low + good) == [False, False, True]

        add(ctx, low[:1], quality=90)  # the same indicator, its quality now usable: an update
        refresh(ctx, live)
        assert found(live, low[:1]) == [True]
        add(ctx, good, quality=30)
        refresh(ctx, live)
        assert found(live, good) == [False]
        assert live._index is not None
        assert len(live._index) == 1

    def test_changes_of_other_hash_types_move_the_watermark(self, ctx: Context, directory: Path) -> None:
        live = loaded(ctx, directory)
        with ctx.unit() as session:
            load(session, bank(session), [record("md5", "a" * 32), record("sha1", "b" * 40)])
        assert refresh(ctx, live) == 2
        assert live._index is not None
        assert len(live._index) == 0


# compaction


class TestCompaction:
    def test_a_large_delta_is_compacted_in_the_background(self, ctx: Context, directory: Path) -> None:
        built, added = new_hashes(4), new_hashes(3)
        add(ctx, built)
        live = loaded(ctx, directory, compact_at=3)
        add(ctx, added[:2])
        refresh(ctx, live)
        assert live._compactor is None  # delta 2 < 3
        add(ctx, added[2:])
        refresh(ctx, live)
        live.wait_for_compaction(timeout=10)
        assert live._compactor is not None
        assert not live._compactor.is_alive()
        assert live._index is not None
        assert live._index.delta_size == 0
        assert len(live._index) == 7
        assert live._replay is None
        assert found(live, built + added) == [True] * 7
        assert meta(directory)["watermark"] == 7  # the compacted index is the new snapshot

    def test_changes_during_the_rebuild_are_not_lost(
        self, ctx: Context, directory: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        built, added, during = new_hashes(4), new_hashes(3), new_hashes(1)
        add(ctx, built)
        live = loaded(ctx, directory, compact_at=3)
        original = PdqIndex.compacted
        seen: list[tuple[str, list[bool]]] = []

        def compacted_while_changing(self: PdqIndex) -> PdqIndex:
            new = original(self)  # the snapshot of the old index is taken; now the world moves on
            set_status(ctx, built[0], withdraw=True)
            set_status(ctx, added[0], withdraw=True)
            add(ctx, during)
            refresh(ctx, live)  # in effect at once on the old index, and kept for the new one
            seen.append((threading.current_thread().name, found(live, [built[0], added[0]] + during)))
            return new

        monkeypatch.setattr(PdqIndex, "compacted", compacted_while_changing)
        add(ctx, added)
        refresh(ctx, live)
        live.wait_for_compaction(timeout=10)
        assert seen == [("tipline-index-build", [False, False, True])]

        assert live._replay is None
        assert live._index is not None
        assert live._index.delta_size == 1  # the addition replayed onto the new index
        assert found(live, built + added + during) == [False, True, True, True, False, True, True, True]
        assert len(live._index) == 6
        assert live.watermark == counter(ctx) == 10
        monkeypatch.undo()
        # the saved snapshot is consistent with its watermark: a new process gets the same answers
        again = loaded(ctx, directory)
        assert found(again, built + added + during) == found(live, built + added + during)

    def test_a_failed_rebuild_keeps_the_current_index(
        self, ctx: Context, directory: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        values = new_hashes(3)
        live = loaded(ctx, directory, compact_at=3)

        def fail(self: PdqIndex) -> PdqIndex:
            raise MemoryError("no room for a rebuild")

        monkeypatch.setattr(PdqIndex, "compacted", fail)
        add(ctx, values)
        refresh(ctx, live)
        live.wait_for_compaction(timeout=10)
        assert live._replay is None
        assert live._index is not None
        assert live._index.delta_size == 3
        assert found(live, values) == [True] * 3


# status and readiness


class TestStatus:
    def test_loading_current_behind_and_stale(self, ctx: Context, directory: Path) -> None:
        live = LiveIndex(directory)
        with ctx.unit() as session:
            assert live.status(session, 10).state == "loading"
        first = new_hashes(3)
        add(ctx, first)
        live = loaded(ctx, directory)
        with ctx.unit() as session:
            status = live.status(session, 10)
        assert (status.state, status.size, status.delta, status.watermark) == ("current", 3, 0, 3)
        assert (status.behind, status.seconds_behind) == (0, 0.0)

        # another process (its own LiveIndex, its own session) commits changes
        other = loaded(ctx, directory.parent / "other")
        add(ctx, new_hashes(2))
        set_status(ctx, first[0], withdraw=True)
        refresh(ctx, other)
        with ctx.unit() as session:
            assert other.status(session, 10).behind == 0
            status = live.status(session, 0.05)
        assert (status.state, status.behind, status.watermark) == ("current", 3, 3)
        time.sleep(0.1)
        with ctx.unit() as session:
            status = live.status(session, 0.05)
        assert status.state == "stale"
        assert status.behind == 3
        assert status.seconds_behind >= 0.1

        refresh(ctx, live)
        with ctx.unit() as session:
            status = live.status(session, 0.05)
        assert (status.state, status.behind, status.seconds_behind) == ("current", 0, 0.0)
        assert (status.size, status.delta, status.watermark) == (4, 2, 6)

    def test_search_before_load_is_index_loading(self, ctx: Context, directory: Path) -> None:
        live = LiveIndex(directory)
        assert not live.ready
        with pytest.raises(IndexNotReady) as raised:
            live.search(hashes_from_hex(new_hashes(1)), 31)
        assert raised.value.status_code == 503
        assert raised.value.code == "index_loading"
        add(ctx, new_hashes(1))
        assert refresh(ctx, live) == 1  # a refresh before the load loads
        assert live.ready


def test_a_commit_between_reading_the_changes_and_the_counter_is_not_skipped(
    ctx: Context, directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change committed while the catch-up runs must not be counted as seen without being applied
    (on PostgreSQL, READ COMMITTED; on SQLite the read transaction's snapshot hides the late commit)."""
    first, late = new_hashes(2)
    live = loaded(ctx, directory)
    add(ctx, [first])
    real = repository.pdq_changes_since
    injected: list[bool] = []

    def changes_then_a_commit(session: Any, watermark: int, batch: int = 100_000) -> Any:
        yield from real(session, watermark, batch)
        if not injected:  # another writer commits after the changes were read
            injected.append(True)
            add(ctx, [late])

    monkeypatch.setattr(repository, "pdq_changes_since", changes_then_a_commit)
    with ctx.read() as session:
        live.refresh(session)
    monkeypatch.setattr(repository, "pdq_changes_since", real)
    refresh(ctx, live)
    assert found(live, [first, late]) == [True, True]
