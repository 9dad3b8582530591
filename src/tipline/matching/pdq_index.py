"""Exact in-memory index of 256-bit PDQ hashes for Hamming-radius search (pure numpy).

Row format: a hash is one row of four ``uint64`` words (an ``(n, 4)`` array, C order). Word 0 holds the
first 16 hex digits of the hash, read as a big-endian number, word 3 the last 16; bit ``i`` of the hash
(counting from the most significant bit of the hex string) is bit ``63 - i % 64`` of word ``i // 64``.

Algorithm: multi-index hashing. The 256 bits are cut into eleven contiguous substrings (eight of 23 bits,
three of 24). By the pigeonhole principle, if two hashes are within distance ``d`` and substring ``i`` is
searched with radius ``r_i`` where ``sum(r_i + 1) > d``, then at least one substring ``i`` differs by at
most ``r_i`` bits (an unsearched substring counts as ``r_i = -1``). The radii are chosen per query call
from ``max_distance`` by a greedy cost model, so every distance 0..256 is exact; when the model says a
linear scan is cheaper (large distances, tiny indexes) the index scans instead.

Each substring has a table in CSR form keyed by the substring's top ``t`` bits (``t`` is the substring
length, or less for small indexes so that the offsets stay proportionate): ``offsets`` (``uint32``,
``2**t + 1``) and ``positions`` (``uint32``, the rows sorted by key). A query enumerates the keys within
its radius (precomputed XOR masks), gathers those buckets' rows and verifies every candidate with XOR and
popcount on the full 256 bits, so results are exact; candidates found through several tables are
de-duplicated. Queries are processed in batches so the numpy call overhead is shared.

Memory at 10 million hashes: hashes 320 MB, caller ids 80 MB, positions 11 x 40 MB, offsets
8 x 32 MB + 3 x 64 MB; about 1.31 GB (1,250 MiB) in all.

Updates: the main segment is immutable. ``add`` puts hashes into a small delta segment that is scanned
by brute force; ``remove`` records tombstones. Readers take one snapshot of the (immutable) state, and
writers build a new state under a lock and swap it in, so searches never see a half-made update.
``compacted`` rebuilds main and delta into a new index without disturbing searches on this one.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import shutil
import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from math import comb
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

HASH_BITS = 256
HASH_WORDS = 4
HEX_DIGITS = 64
SUBSTRING_BITS: tuple[int, ...] = (23,) * 8 + (24,) * 3
FORMAT_VERSION = 1
QUERY_BATCH = 256
# Upper bound on (queries x rows) pairs handled at once by the linear scan.
_SCAN_PAIRS = 1 << 16

# Relative costs used to choose radii and between table lookups and a linear scan (per query).
_COST_KEY = 1.0
_COST_CANDIDATE = 1.5
_COST_SCAN_ROW = 0.25

U64Array = npt.NDArray[np.uint64]
I64Array = npt.NDArray[np.int64]
U32Array = npt.NDArray[np.uint32]


class IndexCorrupt(ValueError):
    """A saved index is incomplete, damaged or of an unknown format."""


def _substring_starts() -> tuple[int, ...]:
    return tuple(itertools.accumulate(SUBSTRING_BITS, initial=0))[:-1]


SUBSTRING_STARTS = _substring_starts()


# --------------------------------------------------------------------------------------------------
# Hex conversion


def hashes_from_hex(values: Sequence[str]) -> U64Array:
    """Parse PDQ hex strings (64 hex digits, either case) into an ``(n, 4)`` ``uint64`` array."""
    n = len(values)
    if n == 0:
        return np.zeros((0, HASH_WORDS), dtype=np.uint64)
    raw: bytes | None = None
    if all(isinstance(v, str) and len(v) == HEX_DIGITS for v in values):
        try:
            raw = bytes.fromhex("".join(values))
        except ValueError:
            raw = None
        if raw is not None and len(raw) != n * HASH_BITS // 8:
            raw = None  # bytes.fromhex skips whitespace; find the culprit below
    if raw is None:
        raise _bad_hex_error(values)
    return np.frombuffer(raw, dtype=">u8").reshape(n, HASH_WORDS).astype(np.uint64)


def _bad_hex_error(values: Sequence[str]) -> ValueError:
    """The error naming the first value that is not 64 hex digits."""
    for i, value in enumerate(values):
        parsed = b""
        if isinstance(value, str) and len(value) == HEX_DIGITS:
            with contextlib.suppress(ValueError):
                parsed = bytes.fromhex(value)
        if len(parsed) != HASH_BITS // 8:
            return ValueError(f"hash at index {i} is not {HEX_DIGITS} hex digits: {value!r:.80}")
    return ValueError("hashes are not 64 hex digits each")


def hex_from_hashes(hashes: npt.ArrayLike) -> list[str]:
    """Format an ``(n, 4)`` ``uint64`` array as lower-case PDQ hex strings."""
    arr = _as_hashes(hashes, "hashes")
    text = arr.astype(">u8").tobytes().hex()
    return [text[i : i + HEX_DIGITS] for i in range(0, len(text), HEX_DIGITS)]


def _as_hashes(hashes: npt.ArrayLike, name: str) -> U64Array:
    arr = np.asarray(hashes)
    if arr.ndim != 2 or arr.shape[1] != HASH_WORDS or arr.dtype != np.uint64:
        raise ValueError(f"{name} must be an (n, {HASH_WORDS}) uint64 array, got {arr.dtype} {arr.shape}")
    return np.ascontiguousarray(arr)


def _as_ids(ids: npt.ArrayLike, count: int) -> I64Array:
    arr = np.asarray(ids)
    if arr.ndim != 1 or arr.shape[0] != count:
        raise ValueError(f"ids must be a 1-d array with one id per hash ({count}), got shape {arr.shape}")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"ids must be integers, got {arr.dtype}")
    if arr.dtype == np.uint64 and arr.size and int(arr.max()) > np.iinfo(np.int64).max:
        raise ValueError("ids must fit in int64")
    return arr.astype(np.int64, copy=False)


# --------------------------------------------------------------------------------------------------
# Bit fields, masks and popcounts


def _bit_field(hashes: U64Array, start: int, length: int) -> I64Array:
    """Bits ``start .. start+length`` (0 = most significant bit of word 0) of every row, as integers."""
    word, offset = divmod(start, 64)
    end = offset + length
    if end <= 64:
        field = (hashes[:, word] >> np.uint64(64 - end)) & np.uint64((1 << length) - 1)
    else:
        low_len = end - 64
        high = hashes[:, word] & np.uint64((1 << (64 - offset)) - 1)
        field = (high << np.uint64(low_len)) | (hashes[:, word + 1] >> np.uint64(64 - low_len))
    return field.astype(np.int64)


@lru_cache(maxsize=64)
def _xor_masks(bits: int, radius: int) -> I64Array:
    """All ``bits``-bit integers with at most ``radius`` bits set, fewest bits first."""
    parts = [np.zeros(1, dtype=np.int64)]
    weights = np.left_shift(np.int64(1), np.arange(bits, dtype=np.int64))
    for k in range(1, min(radius, bits) + 1):
        combos = np.fromiter(
            itertools.chain.from_iterable(itertools.combinations(range(bits), k)), dtype=np.int64
        ).reshape(-1, k)
        parts.append(weights[combos].sum(axis=1))
    masks = np.concatenate(parts)
    masks.setflags(write=False)
    return masks


@lru_cache(maxsize=1024)
def _mask_count(bits: int, radius: int) -> int:
    return sum(comb(bits, k) for k in range(0, min(radius, bits) + 1))


def _distances(left: U64Array, right: U64Array) -> npt.NDArray[np.int16]:
    """Row-wise Hamming distance of two equally shaped ``(n, 4)`` arrays."""
    counts: npt.NDArray[np.uint8] = np.bitwise_count(left ^ right)
    total = counts[:, 0].astype(np.int16)
    for word in range(1, HASH_WORDS):
        total += counts[:, word]
    return total


# --------------------------------------------------------------------------------------------------
# Search plans


def _index_bits(size: int) -> tuple[int, ...]:
    """Key bits per table: the substring length, capped near log2(size) so small indexes stay small."""
    cap = max(8, int(size).bit_length() + 1)
    return tuple(min(bits, cap) for bits in SUBSTRING_BITS)


def _plan_radii(
    size: int, key_bits: Sequence[int], max_distance: int, *, allow_scan: bool = True
) -> tuple[int, ...] | None:
    """Radius per table (-1: table not searched) covering ``max_distance``, or None for a linear scan.

    The radii satisfy ``sum(r + 1) == max_distance + 1``, which is what the pigeonhole argument needs.
    Each unit of budget goes to the table where it adds the least expected work; work is counted as
    keys looked up plus expected candidates (``size / 2**bits`` per key).
    """
    radii = [-1] * len(key_bits)

    def marginal(table: int) -> float:
        bits = key_bits[table]
        new_keys = _mask_count(bits, radii[table] + 1) - _mask_count(bits, radii[table])
        return new_keys * (_COST_KEY + _COST_CANDIDATE * size / (1 << bits))

    cost = 0.0
    scan_cost = _COST_SCAN_ROW * size
    for _ in range(max_distance + 1):
        table = min(range(len(radii)), key=marginal)
        cost += marginal(table)
        radii[table] += 1
        if allow_scan and cost > scan_cost:
            return None
    return tuple(radii)


# --------------------------------------------------------------------------------------------------
# Segments


@dataclass(frozen=True)
class _Pairs:
    """Matches inside one segment: query index, row in the segment, distance."""

    query: I64Array
    row: I64Array
    distance: npt.NDArray[np.int16]

    @staticmethod
    def empty() -> _Pairs:
        return _Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int16))

    @staticmethod
    def concat(parts: Sequence[_Pairs]) -> _Pairs:
        if not parts:
            return _Pairs.empty()
        return _Pairs(
            np.concatenate([p.query for p in parts]),
            np.concatenate([p.row for p in parts]),
            np.concatenate([p.distance for p in parts]),
        )


def _scan(queries: U64Array, hashes: U64Array, max_distance: int) -> _Pairs:
    """Linear scan: every (query, row) pair within ``max_distance``.

    Distances are summed in ``uint8`` over blocks of ``_SCAN_PAIRS`` pairs that stay in cache. The sum
    wraps only for distance 256 (to 0), so the few pairs that pass are re-checked exactly.
    """
    n_rows, n_queries = hashes.shape[0], queries.shape[0]
    if n_rows == 0 or n_queries == 0:
        return _Pairs.empty()
    row_chunk = min(n_rows, _SCAN_PAIRS)
    query_chunk = max(1, _SCAN_PAIRS // row_chunk)
    buffers = _ScanBuffers(min(query_chunk, n_queries), row_chunk)
    threshold = min(max_distance, 255)
    parts: list[tuple[I64Array, I64Array]] = []
    for r0 in range(0, n_rows, row_chunk):
        columns = np.ascontiguousarray(hashes[r0 : r0 + row_chunk].T)
        for q0 in range(0, n_queries, query_chunk):
            query, row = buffers.within(queries[q0 : q0 + query_chunk], columns, threshold)
            parts.append((query + q0, row + r0))
    query = np.concatenate([p[0] for p in parts])
    row = np.concatenate([p[1] for p in parts])
    distance = _distances(np.take(hashes, row, axis=0), np.take(queries, query, axis=0))
    keep = np.flatnonzero(distance <= max_distance)
    return _Pairs(query[keep], row[keep], distance[keep])


class _ScanBuffers:
    """Reusable work arrays for one linear scan."""

    def __init__(self, queries: int, rows: int) -> None:
        self.xor = np.empty((queries, rows), dtype=np.uint64)
        self.count = np.empty((queries, rows), dtype=np.uint8)
        self.total = np.empty((queries, rows), dtype=np.uint8)

    def within(self, block: U64Array, columns: U64Array, threshold: int) -> tuple[I64Array, I64Array]:
        """(query, row) pairs of ``block`` x ``columns`` (words by column) whose uint8 distance passes."""
        n, m = block.shape[0], columns.shape[1]
        xor, count, total = self.xor[:n, :m], self.count[:n, :m], self.total[:n, :m]
        np.bitwise_xor(block[:, 0, None], columns[0], out=xor)
        np.bitwise_count(xor, out=total)
        for word in range(1, HASH_WORDS):
            np.bitwise_xor(block[:, word, None], columns[word], out=xor)
            np.bitwise_count(xor, out=count)
            np.add(total, count, out=total)
        query, row = np.nonzero(total <= threshold)
        return query.astype(np.int64), row.astype(np.int64)


@dataclass(frozen=True)
class _Table:
    """One substring's CSR table: rows sorted by the substring's top ``key_bits`` bits."""

    start: int
    key_bits: int
    offsets: U32Array
    positions: U32Array

    @staticmethod
    def build(hashes: U64Array, start: int, key_bits: int) -> _Table:
        keys = _bit_field(hashes, start, key_bits)
        counts = np.bincount(keys, minlength=1 << key_bits)
        offsets = np.zeros((1 << key_bits) + 1, dtype=np.uint32)
        np.cumsum(counts, out=offsets[1:])
        del counts
        positions = np.argsort(keys.astype(np.uint32), kind="stable").astype(np.uint32)
        return _Table(start, key_bits, offsets, positions)

    def candidates(self, query_keys: I64Array, radius: int) -> tuple[I64Array, I64Array]:
        """(query index, row) of every row whose key is within ``radius`` of its query's key."""
        masks = _xor_masks(self.key_bits, radius)
        keys = (query_keys[:, None] ^ masks[None, :]).ravel()
        starts = np.take(self.offsets, keys).astype(np.int64)
        lengths = np.take(self.offsets, keys + 1).astype(np.int64) - starts
        occupied = np.flatnonzero(lengths)
        starts, lengths = starts[occupied], lengths[occupied]
        owners = occupied // masks.shape[0]
        ends = np.cumsum(lengths)
        total = int(ends[-1]) if ends.size else 0
        index = np.arange(total, dtype=np.int64)
        index += np.repeat(starts - (ends - lengths), lengths)
        return np.repeat(owners, lengths), np.take(self.positions, index).astype(np.int64)


@dataclass(frozen=True)
class _MainSegment:
    """The bulk of the index: hashes with their ids (sorted by id) and one table per substring."""

    ids: I64Array
    hashes: U64Array
    tables: tuple[_Table, ...]

    @staticmethod
    def build(ids: I64Array, hashes: U64Array) -> _MainSegment:
        if ids.size >= 1 << 32:
            raise ValueError("an index holds fewer than 2**32 hashes (row numbers are uint32)")
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        if ids.size > 1 and bool(np.any(ids[1:] == ids[:-1])):
            duplicate = int(ids[1:][ids[1:] == ids[:-1]][0])
            raise ValueError(f"ids must be unique; {duplicate} occurs more than once")
        hashes = np.take(hashes, order, axis=0)
        del order
        tables: tuple[_Table, ...] = ()
        if ids.size:
            key_bits = _index_bits(ids.size)
            # numpy's sort releases the GIL: the tables are built on the machine's cores at once
            with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
                tables = tuple(
                    pool.map(
                        lambda sb: _Table.build(hashes, *sb), zip(SUBSTRING_STARTS, key_bits, strict=True)
                    )
                )
        for array in (ids, hashes):
            array.setflags(write=False)
        return _MainSegment(ids, hashes, tables)

    @property
    def nbytes(self) -> int:
        tables = sum(t.offsets.nbytes + t.positions.nbytes for t in self.tables)
        return int(self.ids.nbytes + self.hashes.nbytes + tables)

    def search(self, queries: U64Array, max_distance: int) -> _Pairs:
        if self.ids.size == 0 or queries.shape[0] == 0:
            return _Pairs.empty()
        radii = _plan_radii(self.ids.size, [t.key_bits for t in self.tables], max_distance)
        if radii is None:
            return _scan(queries, self.hashes, max_distance)
        return self.search_tables(queries, max_distance, radii)

    def search_tables(self, queries: U64Array, max_distance: int, radii: Sequence[int]) -> _Pairs:
        """Multi-index search with the given radius per table (exact when ``sum(r+1) > max_distance``)."""
        parts: list[_Pairs] = []
        for table, radius in zip(self.tables, radii, strict=True):
            if radius < 0:
                continue
            query_keys = _bit_field(queries, table.start, table.key_bits)
            owners, rows = table.candidates(query_keys, radius)
            # np.take along axis 0 is several times faster than fancy indexing for these gathers
            distance = _distances(np.take(self.hashes, rows, axis=0), np.take(queries, owners, axis=0))
            keep = np.flatnonzero(distance <= max_distance)
            parts.append(_Pairs(owners[keep], rows[keep], distance[keep]))
        found = _Pairs.concat(parts)
        if found.row.size == 0:
            return found
        _, first = np.unique(found.query * self.ids.size + found.row, return_index=True)
        return _Pairs(found.query[first], found.row[first], found.distance[first])


# --------------------------------------------------------------------------------------------------
# The index


@dataclass(frozen=True)
class SearchResult:
    """Matches, as parallel arrays sorted by query, then distance, then id."""

    query: I64Array
    ids: I64Array
    distance: npt.NDArray[np.int16]

    def __len__(self) -> int:
        return int(self.ids.shape[0])


@dataclass(frozen=True)
class _State:
    """One immutable version of the index; readers use whichever version they picked up."""

    main: _MainSegment
    delta_ids: I64Array
    delta_hashes: U64Array
    removed: I64Array  # sorted ids hidden in the main segment (removed, or superseded by the delta)
    live: int


def _empty_ids() -> I64Array:
    return np.zeros(0, dtype=np.int64)


def _empty_hashes() -> U64Array:
    return np.zeros((0, HASH_WORDS), dtype=np.uint64)


def _contains(sorted_values: I64Array, values: I64Array) -> npt.NDArray[np.bool_]:
    """Membership of ``values`` in the sorted array ``sorted_values``."""
    if sorted_values.size == 0:
        return np.zeros(values.shape, dtype=np.bool_)
    at = np.searchsorted(sorted_values, values)
    at[at == sorted_values.size] = 0
    return np.asarray(sorted_values[at] == values)


def _last_occurrences(ids: I64Array) -> I64Array:
    """Positions of the last occurrence of each distinct id, in input order."""
    _, first_of_reversed = np.unique(ids[::-1], return_index=True)
    return np.sort(ids.size - 1 - first_of_reversed)


class PdqIndex:
    """Exact Hamming-radius index of PDQ hashes with a delta segment and tombstones.

    ``search`` may be called from many threads while one thread calls ``add`` and ``remove``.
    """

    def __init__(self, main: _MainSegment) -> None:
        self._lock = threading.Lock()
        self._state = _State(main, _empty_ids(), _empty_hashes(), _empty_ids(), int(main.ids.size))

    # construction ---------------------------------------------------------------------------------

    @classmethod
    def build(cls, ids: npt.ArrayLike, hashes: npt.ArrayLike) -> PdqIndex:
        """Index ``hashes`` (``(n, 4)`` uint64, see ``hashes_from_hex``) under the caller's unique ids."""
        arr = _as_hashes(hashes, "hashes")
        return cls(_MainSegment.build(_as_ids(ids, arr.shape[0]), arr))

    @classmethod
    def empty(cls) -> PdqIndex:
        return cls(_MainSegment.build(_empty_ids(), _empty_hashes()))

    # properties -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._state.live

    @property
    def delta_size(self) -> int:
        return int(self._state.delta_ids.size)

    @property
    def nbytes(self) -> int:
        state = self._state
        extra = state.delta_ids.nbytes + state.delta_hashes.nbytes + state.removed.nbytes
        return state.main.nbytes + int(extra)

    # queries --------------------------------------------------------------------------------------

    def search(self, queries: npt.ArrayLike, max_distance: int) -> SearchResult:
        """Every live (query, id) pair within ``max_distance`` bits (0..256), exactly."""
        arr = _as_hashes(queries, "queries")
        if isinstance(max_distance, bool) or not 0 <= int(max_distance) <= HASH_BITS:
            raise ValueError(f"max_distance must be between 0 and {HASH_BITS}, got {max_distance!r}")
        return self._search(arr, int(max_distance), None)

    def _search(self, queries: U64Array, max_distance: int, radii: Sequence[int] | None) -> SearchResult:
        state = self._state
        parts_q: list[I64Array] = []
        parts_id: list[I64Array] = []
        parts_d: list[npt.NDArray[np.int16]] = []
        for q0 in range(0, queries.shape[0], QUERY_BATCH):
            batch = queries[q0 : q0 + QUERY_BATCH]
            if radii is None:
                main = state.main.search(batch, max_distance)
            else:
                main = state.main.search_tables(batch, max_distance, radii)
            ids = state.main.ids[main.row]
            live = ~_contains(state.removed, ids)
            delta = _scan(batch, state.delta_hashes, max_distance)
            parts_q += [main.query[live] + q0, delta.query + q0]
            parts_id += [ids[live], state.delta_ids[delta.row]]
            parts_d += [main.distance[live], delta.distance]
        if not parts_q:
            return SearchResult(_empty_ids(), _empty_ids(), np.zeros(0, dtype=np.int16))
        query = np.concatenate(parts_q)
        ids = np.concatenate(parts_id)
        distance = np.concatenate(parts_d)
        order = np.lexsort((ids, distance, query))
        return SearchResult(query[order], ids[order], distance[order])

    # updates --------------------------------------------------------------------------------------

    def add(self, ids: npt.ArrayLike, hashes: npt.ArrayLike) -> None:
        """Add or replace entries; they are matchable as soon as this returns. The latest hash wins."""
        new_hashes = _as_hashes(hashes, "hashes")
        new_ids = _as_ids(ids, new_hashes.shape[0])
        if new_ids.size == 0:
            return
        last = _last_occurrences(new_ids)
        new_ids, new_hashes = new_ids[last], new_hashes[last]
        with self._lock:
            state = self._state
            keep = ~np.isin(state.delta_ids, new_ids)
            delta_ids = np.concatenate([state.delta_ids[keep], new_ids])
            delta_hashes = np.concatenate([state.delta_hashes[keep], new_hashes])
            removed = np.union1d(state.removed, new_ids)
            self._swap(state, delta_ids, delta_hashes, removed)

    def remove(self, ids: npt.ArrayLike) -> None:
        """Hide entries from searches, immediately. Unknown ids are ignored."""
        requested = np.asarray(ids)
        gone = np.unique(_as_ids(requested, requested.shape[0] if requested.ndim == 1 else -1))
        if gone.size == 0:
            return
        with self._lock:
            state = self._state
            keep = ~np.isin(state.delta_ids, gone)
            removed = np.union1d(state.removed, gone)
            self._swap(state, state.delta_ids[keep], state.delta_hashes[keep], removed)

    def _swap(self, state: _State, delta_ids: I64Array, delta_hashes: U64Array, removed: I64Array) -> None:
        hidden = int(np.count_nonzero(_contains(state.main.ids, removed)))
        live = int(state.main.ids.size) - hidden + int(delta_ids.size)
        for array in (delta_ids, delta_hashes, removed):
            array.setflags(write=False)
        self._state = _State(state.main, delta_ids, delta_hashes, removed, live)

    def compacted(self) -> PdqIndex:
        """A new index holding this one's live entries in a single main segment.

        Works from a snapshot, so searches (and writes) on this index carry on meanwhile; writes made
        after the snapshot are not in the new index, so the caller should pause them or replay them.
        """
        state = self._state
        keep = ~np.isin(state.main.ids, state.removed) if state.removed.size else slice(None)
        ids = np.concatenate([state.main.ids[keep], state.delta_ids])
        hashes = np.concatenate([state.main.hashes[keep], state.delta_hashes])
        return PdqIndex(_MainSegment.build(ids, hashes))

    # persistence ----------------------------------------------------------------------------------

    def _arrays(self) -> dict[str, np.ndarray[Any, Any]]:
        state = self._state
        arrays: dict[str, np.ndarray[Any, Any]] = {
            "ids": state.main.ids,
            "hashes": state.main.hashes,
            "delta_ids": state.delta_ids,
            "delta_hashes": state.delta_hashes,
            "removed": state.removed,
        }
        for number, table in enumerate(state.main.tables):
            arrays[f"table{number:02d}_offsets"] = table.offsets
            arrays[f"table{number:02d}_positions"] = table.positions
        return arrays

    def save(self, directory: Path, meta: dict[str, object]) -> None:
        """Write the index to ``directory``, replacing any index there only once the new one is complete."""
        _save_arrays(Path(directory), self._arrays(), meta)

    @classmethod
    def load(cls, directory: Path) -> tuple[PdqIndex, dict[str, object]]:
        """Read an index written by ``save``; raises ``IndexCorrupt`` if anything does not check out."""
        arrays, meta = _load_arrays(Path(directory))
        try:
            index = cls(_main_from_arrays(arrays))
        except (KeyError, ValueError) as exc:
            raise IndexCorrupt(f"{directory}: inconsistent index arrays: {exc}") from exc
        state = index._state
        index._swap(state, arrays["delta_ids"], arrays["delta_hashes"], arrays["removed"])
        return index, meta


# --------------------------------------------------------------------------------------------------
# Persistence helpers


def _main_from_arrays(arrays: dict[str, np.ndarray[Any, Any]]) -> _MainSegment:
    ids, hashes = arrays["ids"], arrays["hashes"]
    n = int(ids.shape[0])
    expected: dict[str, tuple[np.dtype[Any], tuple[int, ...]]] = {
        "ids": (np.dtype(np.int64), (n,)),
        "hashes": (np.dtype(np.uint64), (n, HASH_WORDS)),
        "delta_ids": (np.dtype(np.int64), (int(arrays["delta_ids"].shape[0]),)),
        "delta_hashes": (np.dtype(np.uint64), (int(arrays["delta_ids"].shape[0]), HASH_WORDS)),
        "removed": (np.dtype(np.int64), (int(arrays["removed"].shape[0]),)),
    }
    key_bits = _index_bits(n) if n else ()
    for number, bits in enumerate(key_bits):
        expected[f"table{number:02d}_offsets"] = (np.dtype(np.uint32), ((1 << bits) + 1,))
        expected[f"table{number:02d}_positions"] = (np.dtype(np.uint32), (n,))
    if set(arrays) != set(expected):
        raise ValueError(f"expected arrays {sorted(expected)}, found {sorted(arrays)}")
    for name, (dtype, shape) in expected.items():
        if arrays[name].dtype != dtype or arrays[name].shape != shape:
            raise ValueError(f"{name} is {arrays[name].dtype} {arrays[name].shape}, expected {dtype} {shape}")
    if n > 1 and bool(np.any(ids[1:] <= ids[:-1])):
        raise ValueError("ids are not sorted and unique")
    tables = tuple(
        _Table(start, bits, arrays[f"table{i:02d}_offsets"], arrays[f"table{i:02d}_positions"])
        for i, (start, bits) in enumerate(zip(SUBSTRING_STARTS, key_bits, strict=False))
    )
    for table in tables:
        if int(table.offsets[-1]) != n:
            raise ValueError("table offsets do not add up to the number of hashes")
    return _MainSegment(ids, hashes, tables)


def _sha256(array: np.ndarray[Any, Any]) -> str:
    data = np.ascontiguousarray(array).reshape(-1).view(np.uint8)
    return hashlib.sha256(data.data).hexdigest()


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _save_arrays(directory: Path, arrays: dict[str, np.ndarray[Any, Any]], meta: dict[str, object]) -> None:
    parent = directory.parent
    parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    temporary = parent / f".{directory.name}.tmp-{token}"
    temporary.mkdir()
    try:
        entries: dict[str, object] = {}
        for name, array in arrays.items():
            path = temporary / f"{name}.npy"
            with path.open("wb") as handle:
                np.save(handle, array, allow_pickle=False)
                handle.flush()
                os.fsync(handle.fileno())
            entries[name] = {"dtype": array.dtype.str, "shape": list(array.shape), "sha256": _sha256(array)}
        document = {"format": "tipline-pdq-index", "version": FORMAT_VERSION, "arrays": entries, "meta": meta}
        with (temporary / "meta.json").open("w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_path(temporary)
        _replace_directory(temporary, directory, parent / f".{directory.name}.old-{token}")
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _replace_directory(new: Path, target: Path, old: Path) -> None:
    """Move ``new`` to ``target``; an existing ``target`` is moved aside first and deleted after."""
    existed = target.exists()
    if existed:
        os.rename(target, old)
    os.rename(new, target)
    _fsync_path(target.parent)
    if existed:
        shutil.rmtree(old, ignore_errors=True)


def _read_document(directory: Path) -> dict[str, Any]:
    if not directory.is_dir():
        raise FileNotFoundError(f"no index at {directory}")
    try:
        document = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"{directory}: unreadable meta.json: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != "tipline-pdq-index":
        raise IndexCorrupt(f"{directory}: meta.json does not describe a tipline PDQ index")
    if document.get("version") != FORMAT_VERSION:
        found = document.get("version")
        raise IndexCorrupt(f"{directory}: format version {found!r}, expected {FORMAT_VERSION}")
    if not isinstance(document.get("arrays"), dict) or not isinstance(document.get("meta"), dict):
        raise IndexCorrupt(f"{directory}: meta.json lacks its arrays or meta")
    return document


def _load_arrays(directory: Path) -> tuple[dict[str, np.ndarray[Any, Any]], dict[str, object]]:
    document = _read_document(directory)
    arrays: dict[str, np.ndarray[Any, Any]] = {}
    for name, entry in document["arrays"].items():
        path = directory / f"{name}.npy"
        try:
            array = np.load(path, allow_pickle=False)
        except Exception as exc:  # numpy raises more than ValueError on a damaged header (TokenError)
            raise IndexCorrupt(f"{path}: cannot be read: {exc}") from exc
        if not isinstance(entry, dict):
            raise IndexCorrupt(f"{directory}: bad entry for {name} in meta.json")
        if array.dtype.str != entry.get("dtype") or list(array.shape) != entry.get("shape"):
            raise IndexCorrupt(f"{path}: dtype or shape differs from meta.json")
        if _sha256(array) != entry.get("sha256"):
            raise IndexCorrupt(f"{path}: checksum mismatch")
        array.setflags(write=False)
        arrays[name] = array
    meta: dict[str, object] = document["meta"]
    return arrays, meta
