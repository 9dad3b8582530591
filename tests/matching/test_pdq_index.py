"""The PDQ index is exact: compared with a brute-force reference on random and clustered hashes."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipline.evidence.hashing import pdq_distance
from tipline.matching.pdq_index import (
    SUBSTRING_BITS,
    SUBSTRING_STARTS,
    IndexCorrupt,
    PdqIndex,
    SearchResult,
    _index_bits,
    _plan_radii,
    hashes_from_hex,
    hex_from_hashes,
)

U64 = np.uint64


def random_hashes(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(0, 2**64, size=(n, 4), dtype=U64)


def flip_bits(rng: np.random.Generator, hashes: np.ndarray, distance: int) -> np.ndarray:
    """A copy of each row with exactly ``distance`` bits flipped."""
    bits = np.unpackbits(hashes.view(np.uint8), axis=1)
    for row in range(bits.shape[0]):
        bits[row, rng.choice(256, distance, replace=False)] ^= 1
    return np.packbits(bits, axis=1).view(U64)


def clustered_hashes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Hashes that share whole substrings and lie close together: the worst case for the tables."""
    centres = random_hashes(rng, 8)
    rows = centres[rng.integers(0, 8, n)].copy()
    rows[:, 2] = rng.integers(0, 2**64, n, dtype=U64) & rng.integers(0, 2**64, n, dtype=U64)
    noisy = rng.random(n) < 0.5
    rows[noisy] = flip_bits(rng, rows[noisy], 5)
    return rows


def reference(
    ids: np.ndarray, hashes: np.ndarray, queries: np.ndarray, max_distance: int
) -> list[tuple[int, int, int]]:
    """Every (query, id, distance) within max_distance, by brute force, in the index's result order."""
    if ids.size == 0:
        return []
    dist = np.bitwise_count(queries[:, None, :] ^ hashes[None, :, :]).sum(axis=2)
    q, r = np.nonzero(dist <= max_distance)
    found = [(int(a), int(dist[a, b]), int(ids[b])) for a, b in zip(q, r, strict=True)]
    return [(a, i, d) for a, d, i in sorted(found)]


def triples(result: SearchResult) -> list[tuple[int, int, int]]:
    return list(zip(result.query.tolist(), result.ids.tolist(), result.distance.tolist(), strict=True))


def table_search(index: PdqIndex, queries: np.ndarray, max_distance: int) -> SearchResult:
    """Search through the substring tables even where a linear scan would be cheaper."""
    size = len(index)
    radii = _plan_radii(size, _index_bits(size), max_distance, allow_scan=False)
    return index._search(queries, max_distance, radii)


@pytest.fixture(scope="module")
def rng() -> np.random.Generator:
    return np.random.default_rng(20261129)


# --- hex --------------------------------------------------------------------------------------------


def test_hex_round_trip_and_bit_order(rng: np.random.Generator) -> None:
    hashes = random_hashes(rng, 50)
    texts = hex_from_hashes(hashes)
    assert all(len(t) == 64 and t == t.lower() for t in texts)
    assert np.array_equal(hashes_from_hex(texts), hashes)
    assert np.array_equal(hashes_from_hex([t.upper() for t in texts]), hashes)
    assert hashes_from_hex(["f" + "0" * 63])[0, 0] == U64(0xF << 60)
    index = PdqIndex.build(np.arange(50), hashes)
    result = index.search(hashes_from_hex(texts[:1]), 256)
    by_id = dict(zip(result.ids.tolist(), result.distance.tolist(), strict=True))
    assert by_id == {i: pdq_distance(texts[0], texts[i]) for i in range(50)}


@pytest.mark.parametrize(
    "bad",
    ["0" * 63, "0" * 65, "g" + "0" * 63, "0" * 30 + "  " + "0" * 32, "0x" + "0" * 62, "", None, b"0" * 64],
)
def test_hex_errors_name_the_index(bad: object) -> None:
    values = ["a" * 64, "b" * 64, bad]
    with pytest.raises(ValueError, match="index 2"):
        hashes_from_hex(values)  # type: ignore[arg-type]


def test_hex_empty() -> None:
    assert hashes_from_hex([]).shape == (0, 4)
    assert hex_from_hashes(np.zeros((0, 4), dtype=U64)) == []


# --- exactness ------------------------------------------------------------------------------------


def test_planted_near_duplicates(rng: np.random.Generator) -> None:
    n = 20_000
    hashes = random_hashes(rng, n)
    ids = rng.permutation(n).astype(np.int64) * 3 + 1
    index = PdqIndex.build(ids, hashes)
    targets = rng.integers(0, n, 41)
    queries = np.concatenate([flip_bits(rng, hashes[t : t + 1], d) for d, t in enumerate(targets)])
    for result in (index.search(queries, 31), table_search(index, queries, 31)):
        found = set(zip(result.query.tolist(), result.ids.tolist(), result.distance.tolist(), strict=True))
        for distance, target in enumerate(targets):
            assert ((distance, int(ids[target]), distance) in found) == (distance <= 31)
        assert len(found) == 32  # random hashes are never within 31 of each other


@pytest.mark.parametrize("max_distance", [0, 8, 31, 40, 64])
@pytest.mark.parametrize("kind", ["random", "clustered"])
def test_matches_brute_force(rng: np.random.Generator, kind: str, max_distance: int) -> None:
    n = 3000
    hashes = random_hashes(rng, n) if kind == "random" else clustered_hashes(rng, n)
    ids = rng.choice(10**9, n, replace=False).astype(np.int64)
    index = PdqIndex.build(ids, hashes)
    near = flip_bits(rng, hashes[rng.integers(0, n, 60)], max_distance // 2)
    queries = np.concatenate([near, clustered_hashes(rng, 20), random_hashes(rng, 20)])
    expected = reference(ids, hashes, queries, max_distance)
    assert expected, "the test data should produce matches"
    assert triples(index.search(queries, max_distance)) == expected
    assert triples(table_search(index, queries, max_distance)) == expected


def test_radius_plan_satisfies_pigeonhole() -> None:
    for size in (10, 10_000, 10_000_000):
        bits = _index_bits(size)
        assert all(b <= s for b, s in zip(bits, SUBSTRING_BITS, strict=True))
        for max_distance in range(0, 257):
            radii = _plan_radii(size, bits, max_distance, allow_scan=False)
            assert radii is not None
            assert sum(r + 1 for r in radii) == max_distance + 1
    assert _plan_radii(10_000_000, _index_bits(10_000_000), 31) is not None
    assert _plan_radii(10_000_000, _index_bits(10_000_000), 200) is None


def boundary_queries(
    rng: np.random.Generator, row: np.ndarray, key_bits: tuple[int, ...], radii: tuple[int, ...]
) -> np.ndarray:
    """For each searched table j, ``row`` with r_i + 1 bits flipped in every other table's key and r_j in
    table j's: exactly max_distance away, and findable through table j alone."""
    queries = []
    for j, radius in enumerate(radii):
        if radius < 0:
            continue
        bits = np.unpackbits(row.view(np.uint8))
        for i, (start, width) in enumerate(zip(SUBSTRING_STARTS, key_bits, strict=True)):
            count = radii[i] if i == j else radii[i] + 1
            bits[start + rng.choice(width, count, replace=False)] ^= 1
        queries.append(np.packbits(bits).view(U64))
    return np.stack(queries)


@pytest.mark.parametrize("max_distance", [0, 5, 8, 31, 40])
@pytest.mark.parametrize("n", [300, 40_000])
def test_boundary_cases_of_the_pigeonhole_plan(rng: np.random.Generator, n: int, max_distance: int) -> None:
    hashes = random_hashes(rng, n)
    index = PdqIndex.build(np.arange(n, dtype=np.int64), hashes)
    key_bits = _index_bits(n)
    radii = _plan_radii(n, key_bits, max_distance, allow_scan=False)
    assert radii is not None
    target = int(rng.integers(0, n))
    queries = boundary_queries(rng, hashes[target], key_bits, radii)
    result = index._search(queries, max_distance, radii)
    assert result.query.tolist() == list(range(len(queries)))
    assert set(result.ids.tolist()) == {target}
    assert set(result.distance.tolist()) == {max_distance}


@st.composite
def radius_allocations(draw: st.DrawFn) -> tuple[int, tuple[int, ...]]:
    """A max distance and any radii with sum(r + 1) == max_distance + 1 (each r <= 3 to stay fast)."""
    units = draw(st.lists(st.integers(0, 4), min_size=11, max_size=11))
    return sum(units) - 1, tuple(u - 1 for u in units)


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    plan=radius_allocations(),
    seed=st.integers(0, 2**32 - 1),
    clustered=st.booleans(),
    flips=st.integers(0, 48),
)
def test_any_pigeonhole_plan_is_exact(
    plan: tuple[int, tuple[int, ...]], seed: int, clustered: bool, flips: int
) -> None:
    max_distance, radii = plan
    if max_distance < 0:
        return
    rng = np.random.default_rng(seed)
    n = 400
    hashes = clustered_hashes(rng, n) if clustered else random_hashes(rng, n)
    ids = np.arange(n, dtype=np.int64) * 5
    index = PdqIndex.build(ids, hashes)
    queries = np.concatenate([flip_bits(rng, hashes[rng.integers(0, n, 12)], flips), random_hashes(rng, 4)])
    expected = reference(ids, hashes, queries, max_distance)
    assert triples(index._search(queries, max_distance, radii)) == expected


def test_duplicate_hashes_with_different_ids_are_all_returned(rng: np.random.Generator) -> None:
    hashes = random_hashes(rng, 100)
    hashes[10:15] = hashes[3]
    index = PdqIndex.build(np.arange(100, dtype=np.int64), hashes)
    for result in (index.search(hashes[3:4], 0), table_search(index, hashes[3:4], 0)):
        assert result.ids.tolist() == [3, 10, 11, 12, 13, 14]
        assert result.distance.tolist() == [0] * 6
    index.add(np.array([500]), hashes[3:4])
    assert index.search(hashes[3:4], 0).ids.tolist() == [3, 10, 11, 12, 13, 14, 500]


def test_results_sorted_by_query_distance_id(rng: np.random.Generator) -> None:
    base = random_hashes(rng, 1)
    hashes = np.concatenate([flip_bits(rng, base, d % 4) for d in range(40)])
    ids = rng.choice(1000, 40, replace=False).astype(np.int64)
    index = PdqIndex.build(ids, hashes)
    result = index.search(np.concatenate([base, base]), 3)
    keys = list(zip(result.query.tolist(), result.distance.tolist(), result.ids.tolist(), strict=True))
    assert keys == sorted(keys)
    assert len(result) == 80
    assert result.query.dtype == np.int64
    assert result.ids.dtype == np.int64


def test_argument_checks(rng: np.random.Generator) -> None:
    hashes = random_hashes(rng, 3)
    with pytest.raises(ValueError, match="unique"):
        PdqIndex.build(np.array([1, 2, 1]), hashes)
    with pytest.raises(ValueError, match="one id per hash"):
        PdqIndex.build(np.array([1, 2]), hashes)
    with pytest.raises(ValueError, match="uint64"):
        PdqIndex.build(np.array([1, 2, 3]), hashes.astype(np.int64))
    index = PdqIndex.build(np.array([1, 2, 3]), hashes)
    for bad in (-1, 257, True):
        with pytest.raises(ValueError, match="max_distance"):
            index.search(hashes, bad)
    with pytest.raises(ValueError, match="queries"):
        index.search(hashes[0], 10)


# --- updates -------------------------------------------------------------------------------------------


def test_empty_index(rng: np.random.Generator) -> None:
    index = PdqIndex.empty()
    queries = random_hashes(rng, 5)
    assert len(index) == 0
    assert index.delta_size == 0
    assert len(index.search(queries, 256)) == 0
    assert len(index.search(np.zeros((0, 4), dtype=U64), 31)) == 0
    index.add(np.array([7]), queries[:1])
    assert index.search(queries, 0).ids.tolist() == [7]
    assert len(index) == 1
    assert index.delta_size == 1
    assert len(index.compacted().search(queries[:1], 0)) == 1


def test_add_remove_readd(rng: np.random.Generator) -> None:
    hashes = random_hashes(rng, 500)
    ids = np.arange(500, dtype=np.int64)
    index = PdqIndex.build(ids, hashes)
    other = random_hashes(rng, 3)

    index.remove(np.array([4, 9999]))  # unknown ids are ignored
    assert len(index) == 499
    assert len(index.search(hashes[4:5], 0)) == 0

    index.add(np.array([4]), hashes[4:5])  # re-added with its old hash: live again
    assert index.search(hashes[4:5], 0).ids.tolist() == [4]
    assert len(index) == 500
    assert index.delta_size == 1

    index.add(np.array([4, 4]), other[:2])  # latest wins, also within one call
    assert len(index.search(hashes[4:5], 0)) == 0
    assert len(index.search(other[0:1], 0)) == 0
    assert index.search(other[1:2], 0).ids.tolist() == [4]
    assert len(index) == 500
    assert index.delta_size == 1

    index.add(np.array([5]), other[2:3])  # a live main entry replaced by a new hash
    assert len(index.search(hashes[5:6], 0)) == 0
    assert index.search(other[2:3], 0).ids.tolist() == [5]
    assert len(index) == 500

    index.remove(np.array([4, 5]))  # removal reaches delta entries too
    assert len(index.search(other, 0)) == 0
    assert len(index) == 498
    assert index.delta_size == 0

    index.add(np.array([1000, 1001]), other[:2])
    assert len(index) == 500
    assert index.search(other, 0).ids.tolist() == [1000, 1001]


def test_delta_and_main_combined(rng: np.random.Generator) -> None:
    main_hashes = clustered_hashes(rng, 1500)
    delta_hashes = clustered_hashes(rng, 700)
    index = PdqIndex.build(np.arange(1500, dtype=np.int64), main_hashes)
    index.add(np.arange(1500, 2200, dtype=np.int64), delta_hashes)
    removed = rng.choice(2200, 300, replace=False)
    index.remove(removed)
    live = np.setdiff1d(np.arange(2200), removed)
    all_hashes = np.concatenate([main_hashes, delta_hashes])
    queries = np.concatenate([all_hashes[rng.integers(0, 2200, 40)], random_hashes(rng, 5)])
    for max_distance in (0, 31, 40):
        expected = reference(live, all_hashes[live], queries, max_distance)
        assert triples(index.search(queries, max_distance)) == expected
        assert triples(table_search(index, queries, max_distance)) == expected
    compact = index.compacted()
    assert len(compact) == len(index) == live.size
    assert compact.delta_size == 0
    assert triples(compact.search(queries, 31)) == triples(index.search(queries, 31))
    assert compact.nbytes > 0


def test_concurrent_searches_with_a_writer(rng: np.random.Generator) -> None:
    hashes = random_hashes(rng, 2000)
    index = PdqIndex.build(np.arange(2000, dtype=np.int64), hashes)
    extra = random_hashes(rng, 400)
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                result = index.search(hashes[:50], 0)
                assert set(result.ids.tolist()) <= set(range(50))
                assert len(result) >= 25  # ids 25..49 are never touched
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for i in range(200):
        index.add(np.array([10_000 + i, 10_000 + i + 200]), extra[[i, i + 200]])
        index.remove(np.array([i % 25]))
        if i % 3 == 0:
            index.add(np.array([i % 25]), hashes[i % 25 : i % 25 + 1])
    stop.set()
    for thread in threads:
        thread.join()
    assert not errors
    assert index.search(extra, 0).ids.tolist() == list(range(10_000, 10_400))


# --- persistence ---------------------------------------------------------------------------------------


@pytest.fixture
def saved(tmp_path: Path, rng: np.random.Generator) -> tuple[PdqIndex, Path]:
    hashes = random_hashes(rng, 1000)
    index = PdqIndex.build(np.arange(1000, dtype=np.int64) + 10, hashes)
    index.add(np.array([5, 6]), random_hashes(rng, 2))
    index.remove(np.array([10, 6]))
    directory = tmp_path / "pdq"
    index.save(directory, {"source": "test", "count": 3})
    return index, directory


def test_save_load_round_trip(saved: tuple[PdqIndex, Path], rng: np.random.Generator) -> None:
    index, directory = saved
    loaded, meta = PdqIndex.load(directory)
    assert meta == {"source": "test", "count": 3}
    assert len(loaded) == len(index)
    assert loaded.delta_size == index.delta_size == 1
    state = index._state
    queries = np.concatenate([state.main.hashes[:30], state.delta_hashes, random_hashes(rng, 3)])
    assert triples(loaded.search(queries, 31)) == triples(index.search(queries, 31))
    assert not list(directory.parent.glob(".pdq.*")), "no temporary directories are left behind"
    document = json.loads((directory / "meta.json").read_text())
    assert document["version"] == 1
    assert "sha256" in document["arrays"]["hashes"]


def test_save_replaces_an_existing_index(saved: tuple[PdqIndex, Path]) -> None:
    _, directory = saved
    smaller = PdqIndex.build(np.array([1, 2]), np.zeros((2, 4), dtype=U64) + U64(1))
    smaller.save(directory, {"generation": 2})
    loaded, meta = PdqIndex.load(directory)
    assert meta == {"generation": 2}
    assert len(loaded) == 2
    assert sorted(p.name for p in directory.parent.iterdir()) == ["pdq"]
    empty = PdqIndex.empty()
    empty.save(directory, {})
    assert len(PdqIndex.load(directory)[0]) == 0


def test_load_truncated_file(saved: tuple[PdqIndex, Path]) -> None:
    _, directory = saved
    path = directory / "hashes.npy"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(IndexCorrupt, match="hashes.npy"):
        PdqIndex.load(directory)


@pytest.mark.parametrize("name", ["hashes.npy", "table03_positions.npy", "removed.npy"])
def test_load_flipped_byte(saved: tuple[PdqIndex, Path], name: str) -> None:
    _, directory = saved
    path = directory / name
    data = bytearray(path.read_bytes())
    data[-3] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IndexCorrupt, match="checksum"):
        PdqIndex.load(directory)


def test_load_wrong_version(saved: tuple[PdqIndex, Path]) -> None:
    _, directory = saved
    document = json.loads((directory / "meta.json").read_text())
    document["version"] = 99
    (directory / "meta.json").write_text(json.dumps(document))
    with pytest.raises(IndexCorrupt, match="version"):
        PdqIndex.load(directory)


@pytest.mark.parametrize("name", ["ids.npy", "table10_offsets.npy", "meta.json"])
def test_load_missing_file(saved: tuple[PdqIndex, Path], name: str) -> None:
    _, directory = saved
    (directory / name).unlink()
    with pytest.raises(IndexCorrupt):
        PdqIndex.load(directory)


def test_load_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        PdqIndex.load(tmp_path / "absent")


def test_load_rejects_pickled_arrays(saved: tuple[PdqIndex, Path]) -> None:
    _, directory = saved
    np.save(directory / "removed.npy", np.array([object()], dtype=object), allow_pickle=True)
    with pytest.raises(IndexCorrupt, match="removed.npy"):
        PdqIndex.load(directory)


@pytest.mark.parametrize("search", ["public", "tables"])
def test_complement_is_at_distance_256(rng: np.random.Generator, search: str) -> None:
    hashes = random_hashes(rng, 50)
    index = PdqIndex.build(np.arange(50, dtype=np.int64), hashes)
    index.add(np.array([99]), hashes[7:8])
    complement = ~hashes[7:8]
    run = index.search if search == "public" else lambda q, d: table_search(index, q, d)
    assert 99 not in run(complement, 255).ids.tolist()
    assert 7 not in run(complement, 255).ids.tolist()
    result = run(complement, 256)
    assert len(result) == 51
    assert result.distance[-2:].tolist() == [256, 256]
    assert result.ids[-2:].tolist() == [7, 99]
