"""Readers of indicator files (CSV, JSON lines, NCMEC hash-sharing XML). All hashes are made up."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Generator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO, cast

import pytest

from tipline.banks import formats
from tipline.banks.formats import (
    EntryWithdrawn,
    Feedback,
    Format,
    IndicatorRecord,
    ReadResult,
    RecordError,
    Skipped,
    UnsupportedHashType,
    _fields,
    guess_format,
    normalize_hash,
    read_indicators,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "indicators"
MD5 = "0123456789abcdef0123456789abcdef"
SHA1 = "89abcdef0123456789abcdef0123456789abcdef"
SHA256 = "cd" * 32
PDQ = "f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f"


def read_file(name: str, fmt: Format) -> list[ReadResult]:
    with (FIXTURES / name).open("rb") as fh:
        return list(read_indicators(fh, fmt))


def read_bytes(data: bytes, fmt: Format) -> list[ReadResult]:
    return list(read_indicators(io.BytesIO(data), fmt))


def records(results: list[ReadResult]) -> list[IndicatorRecord]:
    return [r for r in results if isinstance(r, IndicatorRecord)]


def errors(results: list[ReadResult]) -> list[RecordError]:
    return [r for r in results if isinstance(r, RecordError)]


def skipped(results: list[ReadResult]) -> list[Skipped]:
    return [r for r in results if isinstance(r, Skipped)]


class ByteCounter:
    """What a caller's progress-bar wrapper may look like: only ``read(size)``, counting bytes."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.count = 0
        self.largest = 0

    def read(self, size: int) -> bytes:
        assert size >= 0, "reader asked for the whole file"
        self.largest = max(self.largest, size)
        chunk = self._data.read(size)
        self.count += len(chunk)
        return chunk


class Trickle(io.RawIOBase):
    """Returns at most a few bytes per read, to move chunk boundaries everywhere."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data = io.BytesIO(data)
        self._step = step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self._data.read(min(self._step, len(buffer)))
        buffer[: len(chunk)] = chunk
        return len(chunk)


# --- normalize_hash ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hash_type", "value", "expected"),
    [
        ("MD5", MD5.upper(), ("md5", MD5)),
        ("md5", f"  {MD5}\n", ("md5", MD5)),
        ("SHA1", SHA1, ("sha1", SHA1)),
        ("SHA-1", SHA1, ("sha1", SHA1)),
        ("sha_1", SHA1, ("sha1", SHA1)),
        ("sha_256", SHA256, ("sha256", SHA256)),
        ("SHA-256", SHA256, ("sha256", SHA256)),
        ("sha2-256", SHA256, ("sha256", SHA256)),
        ("PDQ", PDQ.upper(), ("pdq", PDQ)),
        (" pdq ", PDQ, ("pdq", PDQ)),
    ],
)
def test_normalize_hash_accepts_aliases(hash_type: str, value: str, expected: tuple[str, str]) -> None:
    assert normalize_hash(hash_type, value) == expected


@pytest.mark.parametrize(
    ("hash_type", "value", "message"),
    [
        ("crc32", MD5, "unknown hash type 'crc32'"),
        ("", MD5, "unknown hash type ''"),
        ("md5", MD5[:-1], "md5 value must be 32 hex characters, got 31"),
        ("sha1", MD5, "sha1 value must be 40 hex characters, got 32"),
        ("pdq", SHA1, "pdq value must be 64 hex characters, got 40"),
        ("md5", "g" * 32, "md5 value is not hexadecimal"),
        ("md5", "0x" + MD5[2:], "md5 value is not hexadecimal"),
        ("md5", MD5[:16] + " " + MD5[17:], "not hexadecimal"),
        ("md5", "   ", "empty md5 value"),
        ("pdq", "0" * 64, "all zeros"),
        ("md5", "d41d8cd98f00b204e9800998ecf8427e", "digest of empty input"),
        ("sha256", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "empty input"),
    ],
)
def test_normalize_hash_rejects_with_a_clear_message(hash_type: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        normalize_hash(hash_type, value)
    assert not isinstance(info.value, UnsupportedHashType)


@pytest.mark.parametrize("hash_type", ["PDNA", "PhotoDNA", "NETCLEAN", "TMK_PDQF", "tmk-pdqf", "VIDENTIFIER"])
def test_normalize_hash_unsupported_types_are_their_own_error(hash_type: str) -> None:
    with pytest.raises(UnsupportedHashType, match="not supported"):
        normalize_hash(hash_type, MD5)


# --- CSV ---------------------------------------------------------------------------------------------


def test_csv_without_header_with_bom_crlf_blank_lines_and_quotes() -> None:
    results = read_file("no_header.csv", "csv")
    got = records(results)
    assert [(r.position, r.hash_type, r.value) for r in got] == [
        (1, "md5", MD5),
        (2, "sha1", SHA1),
        (4, "pdq", PDQ),
    ]
    first = got[0]
    assert first == IndicatorRecord(
        position=1,
        hash_type="md5",
        value=MD5,
        media_type="image",
        category="A1",
        external_id=None,
        contributor="Hotline X",
        source="hotline-x",
        decision_ref="DEC-2024-001",
        decided_on=date(2024, 3, 1),
        quality=None,
        withdrawn=False,
        feedback=(),
    )
    assert got[1].media_type == "video"  # "VIDEO" normalized
    assert got[1].category == "B2"
    assert got[2].category == "baseline, reviewed twice"  # a quoted comma
    assert skipped(results) == [Skipped(5, "hash type 'PDNA' is not supported by tipline")]
    assert [(e.position, e.message) for e in errors(results)] == [
        (6, "md5 value must be 32 hex characters, got 4"),
        (7, "decided_on must be a date YYYY-MM-DD, got '2024-02-30'"),
    ]


def test_csv_with_header_maps_columns_by_name() -> None:
    results = read_file("with_header.csv", "csv")
    got = records(results)
    assert [(r.position, r.hash_type) for r in got] == [(2, "pdq"), (3, "sha256"), (6, "sha1")]
    pdq, sha256, _ = got
    assert (pdq.quality, pdq.external_id, pdq.source, pdq.decided_on, pdq.media_type) == (
        90,
        "case-7",
        "hotline-y",
        date(2024, 1, 2),
        "image",
    )
    assert not pdq.withdrawn
    assert sha256.withdrawn
    assert sha256.category == "national"
    assert [e.position for e in errors(results)] == [4, 5]


def test_csv_header_with_unknown_column_is_one_error_and_nothing_else() -> None:
    data = f"hash_type,hash,colour\nmd5,{MD5},red\nmd5,{MD5},blue\n".encode()
    results = read_bytes(data, "csv")
    assert len(results) == 1
    assert results[0].position == 1
    assert isinstance(results[0], RecordError)
    assert "unknown column(s) in header: 'colour'" in results[0].message


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("hash,category", "header lacks required column(s): hash_type"),
        ("hash_type,hash,hash", "duplicate column(s) in header: hash"),
    ],
)
def test_csv_bad_headers(header: str, message: str) -> None:
    results = read_bytes(f"{header}\nmd5,{MD5}\n".encode(), "csv")
    assert results == [RecordError(1, message)]


def test_csv_header_after_blank_lines_and_short_rows() -> None:
    data = f"\n\nHASH_TYPE , Hash, category\nmd5,{MD5}\n\nsha1,{SHA1},A2\n".encode()
    got = records(read_bytes(data, "csv"))
    assert [(r.position, r.hash_type, r.category) for r in got] == [(4, "md5", None), (6, "sha1", "A2")]


def test_csv_row_errors_do_not_stop_the_import() -> None:
    lines = [
        f"md5,{MD5},A1,image,src,contrib,ref,2024-01-01,extra",  # too many cells
        f"md5,{MD5},A1,picture",  # bad media type
        f"crc32,{MD5}",  # unknown hash type
        f'md5,"{MD5}"x,A1',  # malformed quoting
        f"md5,{'zz' * 16}",  # not hex
        f"sha1,{SHA1}",
    ]
    results = read_bytes("\n".join(lines).encode(), "csv")
    assert [(e.position, e.message.split(":")[0]) for e in errors(results)] == [
        (1, "row has 9 cells but at most 8 columns"),
        (2, "media_type must be image or video, got 'picture'"),
        (3, "unknown hash type 'crc32' (expected one of md5, sha1, sha256, pdq)"),
        (4, "malformed CSV"),
        (5, "md5 value is not hexadecimal"),
    ]
    assert [(r.position, r.value) for r in records(results)] == [(6, SHA1)]


def test_csv_quoted_newline_keeps_line_numbers() -> None:
    data = f'md5,{MD5},"two\nline category"\nsha1,{SHA1}\n'.encode()
    got = records(read_bytes(data, "csv"))
    assert [(r.position, r.category) for r in got] == [(1, "two\nline category"), (3, None)]


def test_csv_invalid_utf8_costs_one_field() -> None:
    data = f"md5,{MD5},A1\n".encode() + b"md5," + MD5.encode() + b",\xff\xfe\n" + f"sha1,{SHA1}\n".encode()
    results = read_bytes(data, "csv")
    assert errors(results) == [RecordError(2, "category is not valid UTF-8")]
    assert [r.position for r in records(results)] == [1, 3]


def test_csv_invalid_utf8_in_a_hash_is_not_hex() -> None:
    results = read_bytes(b"md5," + MD5[:-1].encode() + b"\xc3\n", "csv")
    assert [e.message.split(":")[0] for e in errors(results)] == ["md5 value is not hexadecimal"]


def test_csv_non_ascii_text_is_kept() -> None:
    (record,) = records(read_bytes(f"md5,{MD5},Kategorie Ä,,Meldestelle Ü\n".encode(), "csv"))
    assert (record.category, record.source) == ("Kategorie Ä", "Meldestelle Ü")


def test_csv_line_without_end_stops_the_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fields, "MAX_LINE_BYTES", 1000)
    data = f"md5,{MD5}\nsha1,{SHA1}\n".encode() + b"x" * 200_000 + f"\nmd5,{MD5}\n".encode()
    results = read_bytes(data, "csv")
    assert [r.position for r in records(results)] == [1, 2]
    assert errors(results) == [RecordError(3, "line is longer than 1000 bytes; import stopped")]
    assert len(results) == 3


def test_csv_overlong_field_is_an_error_for_its_line() -> None:
    data = f"md5,{MD5},{'x' * 200_000}\nsha1,{SHA1}\n".encode()
    results = read_bytes(data, "csv")
    assert [(e.position, e.message.split(":")[0]) for e in errors(results)] == [(1, "malformed CSV")]
    assert [r.position for r in records(results)] == [2]


def test_jsonl_overlong_line_is_an_error_for_that_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fields, "MAX_LINE_BYTES", 100)
    line = json.dumps({"hash_type": "md5", "hash": MD5, "category": "x" * 500})
    data = f"{line}\n{json.dumps({'hash_type': 'sha1', 'hash': SHA1})}\n".encode()
    results = read_bytes(data, "jsonl")
    assert errors(results) == [RecordError(1, "line is longer than 100 bytes")]
    assert [r.position for r in records(results)] == [2]


def test_csv_quality_status_and_limits() -> None:
    data = (
        "hash_type,hash,quality,status,category\n"
        f"pdq,{PDQ},100,Withdrawn,\n"
        f"md5,{MD5},80,,\n"
        f"pdq,{PDQ},101,,\n"
        f"pdq,{PDQ},,deleted,\n"
        f"pdq,{PDQ},,,{'c' * 65}\n"
    ).encode()
    results = read_bytes(data, "csv")
    assert [(r.position, r.quality, r.withdrawn) for r in records(results)] == [(2, 100, True)]
    assert [(e.position, e.message) for e in errors(results)] == [
        (3, "quality is only meaningful for a pdq hash"),
        (4, "quality must be an integer 0..100, got '101'"),
        (5, "status must be active or withdrawn, got 'deleted'"),
        (6, "category is longer than 64 characters"),
    ]


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\r\n  \n", b"hash_type,hash\r\n"])
def test_csv_empty_inputs_yield_nothing(data: bytes) -> None:
    assert read_bytes(data, "csv") == []


def test_csv_streams_200k_lines_in_small_constant_memory() -> None:
    template = b"".join(b"md5,%%(chunk)s%024x,A1,image\r\n" % i for i in range(1, 1001))

    class Generated(io.RawIOBase):
        """200 chunks of 1000 distinct lines, produced as they are read: the file never exists whole."""

        def __init__(self) -> None:
            self._chunks = (template.replace(b"%(chunk)s", b"%08x" % c) for c in range(200))
            self._left = memoryview(b"")
            self.produced = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
            if not self._left:
                chunk = next(self._chunks, None)
                if chunk is None:
                    return 0
                self._left = memoryview(chunk)
                self.produced += len(chunk)
            n = min(len(buffer), len(self._left))
            buffer[:n] = self._left[:n]
            self._left = self._left[n:]
            return n

    source = Generated()
    stream = io.BufferedReader(source)
    count = 0
    last: ReadResult | None = None
    tracemalloc.start()
    try:
        for result in read_indicators(stream, "csv"):
            count += 1
            last = result
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 200_000
    assert isinstance(last, IndicatorRecord)
    assert last.position == 200_000
    assert last.value == f"{199:08x}{1000:024x}"
    assert source.produced == 200_000 * len(b"md5,,A1,image\r\n") + 200_000 * 32
    assert peak < 1_000_000, f"peak traced memory {peak} bytes for a {source.produced} byte file"


# --- JSON lines --------------------------------------------------------------------------------------


def test_jsonl_fixture() -> None:
    results = read_file("indicators.jsonl", "jsonl")
    got = records(results)
    assert [(r.position, r.hash_type) for r in got] == [
        (1, "md5"),
        (2, "md5"),
        (2, "sha1"),
        (2, "pdq"),
        (5, "sha256"),
    ]
    first = got[0]
    assert (first.external_id, first.contributor, first.decision_ref, first.decided_on) == (
        "17",
        "Hotline Z",
        "court-17/2024",
        date(2024, 2, 3),
    )
    item = got[1:4]
    assert {r.external_id for r in item} == {"item-9"}
    assert {r.media_type for r in item} == {"video"}
    assert [r.quality for r in item] == [None, None, 80]  # quality belongs to the pdq hash
    assert got[4].withdrawn
    assert skipped(results) == [Skipped(2, "hash type 'pdna' is not supported by tipline")]
    assert [(e.position, e.message.split(":")[0]) for e in errors(results)] == [
        (4, "invalid JSON"),
        (6, "expected a JSON object, got list"),
        (7, "unknown field(s)"),
    ]


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({"hash_type": "md5"}, "missing field(s): hash (or a hashes object)"),
        ({"hash": MD5}, "missing field(s): hash_type (or a hashes object)"),
        ({"hash_type": "md5", "hash": 5}, "field hash must be a string, got int"),
        ({"hash_type": "pdq", "hash": PDQ, "quality": True}, "field quality must be a string, got bool"),
        ({"hash_type": "md5", "hash": MD5, "decided_on": "yesterday"}, "decided_on must be a date"),
        ({"hashes": {"md5": MD5}, "hash": MD5}, "use either hash_type/hash or hashes"),
        ({"hashes": {}}, "hashes must be a non-empty object"),
        ({"hashes": [MD5]}, "hashes must be a non-empty object"),
        ({"hashes": {"md5": 1}}, "hashes.md5 must be a string"),
        ({"hashes": {"md5": MD5}, "quality": 50}, "quality is only meaningful for a pdq hash"),
        ("just a string", "expected a JSON object, got str"),
    ],
)
def test_jsonl_bad_objects(obj: object, message: str) -> None:
    check_bad_jsonl_line(json.dumps(obj), message)


def test_jsonl_truncated_line() -> None:
    check_bad_jsonl_line(json.dumps({"hash_type": "md5", "hash": MD5})[:-1], "invalid JSON")


def check_bad_jsonl_line(line: str, message: str) -> None:
    data = f"{line}\n".encode() + f'{{"hash_type": "sha1", "hash": "{SHA1}"}}\n'.encode()
    results = read_bytes(data, "jsonl")
    assert len(errors(results)) == 1
    assert errors(results)[0].position == 1
    assert errors(results)[0].message.startswith(message)
    assert [r.position for r in records(results)] == [2]


def test_jsonl_hashes_form_rejects_only_the_bad_hash() -> None:
    line = json.dumps({"hashes": {"md5": MD5, "sha1": "abc", "tmk_pdqf": "x"}, "external_id": 9}) + "\n"
    results = read_bytes(b"\xef\xbb\xbf" + line.encode(), "jsonl")
    assert [(r.hash_type, r.external_id) for r in records(results)] == [("md5", "9")]
    assert errors(results) == [RecordError(1, "sha1 value must be 40 hex characters, got 3")]
    assert len(skipped(results)) == 1


def test_jsonl_crlf_and_blank_lines() -> None:
    data = f'\r\n{{"hash_type": "md5", "hash": "{MD5}"}}\r\n   \r\n{{"hash_type": "pdq", "hash": "{PDQ}"}}'
    assert [r.position for r in records(read_bytes(data.encode(), "jsonl"))] == [2, 4]


# --- NCMEC hash-sharing XML --------------------------------------------------------------------------


def test_ncmec_page() -> None:
    results = read_file("ncmec_page.xml", "ncmec")
    got = records(results)
    assert [(r.position, r.external_id, r.hash_type, r.withdrawn) for r in got] == [
        (1, "image1", "md5", False),
        (1, "image1", "sha1", False),
        (1, "image1", "pdq", False),
        (3, "image5", "sha1", False),
        (4, "video1", "md5", False),
        (5, "video4", "md5", True),
    ]
    md5 = got[0]
    assert (md5.value, md5.media_type, md5.category, md5.contributor, md5.source) == (
        "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1",
        "image",
        "A1",
        "42",
        "ncmec",
    )
    assert got[4].media_type == "video"
    assert got[4].category == "A2"
    assert [r for r in results if isinstance(r, EntryWithdrawn)] == [
        EntryWithdrawn(position=2, external_id="image4", contributor="43", media_type="image", source="ncmec")
    ]
    assert [s.reason for s in skipped(results)] == [
        "entry image1: fingerprint type pdna is not supported",
        "entry video1: fingerprint type tmk-pdqf is not supported",
        "entry video1: fingerprint type videntifier is not supported",
    ]
    assert errors(results) == [
        RecordError(3, "entry image5: md5: md5 value is not hexadecimal: 'not-a-hex-value'")
    ]


def test_ncmec_feedback_goes_to_the_hash_it_is_about() -> None:
    md5, sha1, pdq = records(read_file("ncmec_page.xml", "ncmec"))[:3]
    at = datetime(2024, 6, 1, 12, 48, 14, tzinfo=UTC)
    assert md5.feedback == (
        Feedback("affirmative", None, "42", at),
        Feedback("affirmative", None, "44", at),
    )
    assert sha1.feedback == (
        Feedback(
            "negative",
            "01234567-abcd-0123-4567-012345678900",
            "43",
            datetime(2024, 5, 31, 19, 41, 51, tzinfo=UTC),
        ),
    )
    assert pdq.feedback == ()  # the PDNA feedback is about a hash tipline does not keep


def ncmec_doc(*entries: str, root: str = "queryResult", decl: bool = True) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if decl else ""
    body = "".join(entries)
    return (
        f'{head}<{root} xmlns="https://hashsharing.ncmec.org/hashsharing/v2">'
        f'<images count="{len(entries)}" maxTimestamp="2024-05-02T10:00:00Z">{body}</images>'
        f"</{root}>\n"
    ).encode()


def image(
    entry_id: str, md5: str = MD5, *, member: str = '<member id="7">M</member>', extra: str = ""
) -> str:
    fingerprints = f"<fingerprints><md5>{md5}</md5></fingerprints>" if md5 else ""
    id_element = f"<id>{entry_id}</id>" if entry_id else ""
    return f"<image>{member}{id_element}{fingerprints}{extra}</image>"


def test_ncmec_feedback_variants() -> None:
    feedback = (
        "<feedback>"
        '<negativeFeedback type="MD5" lastUpdateTimestamp="2024-01-02T03:04:05Z">'
        "<reasons>"
        '<reasonGroup><reason guid="g-1" name="Not CSAM"/>'
        '<members timestamp="2024-02-02T00:00:00Z"><member id="8">A</member></members></reasonGroup>'
        '<reason name="Only a name"/>'
        "</reasons>"
        "</negativeFeedback>"
        '<affirmativeFeedback lastUpdateTimestamp="garbage"/>'
        "</feedback>"
    )
    (record,) = records(read_bytes(ncmec_doc(image("e1", extra=feedback)), "ncmec"))
    assert record.feedback == (
        Feedback("negative", "g-1", "8", datetime(2024, 2, 2, tzinfo=UTC)),
        Feedback("negative", "Only a name", None, datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        Feedback("affirmative", None, None, None),  # no type: about every hash of the entry
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (image(""), "<image> without an <id>"),
        (image("e1", member=""), "entry e1: no <member id=...>"),
        (image("e1", member="<member>No id</member>"), "entry e1: no <member id=...>"),
        (image("e1", md5=""), "entry e1: no fingerprints"),
        (image("e1", md5=MD5[:30]), "entry e1: md5: md5 value must be 32 hex characters, got 30"),
        (image("x" * 129), "external_id is longer than 128"),
        ("<audio><id>a1</id></audio>", "unexpected element <audio> where an image or video entry belongs"),
    ],
)
def test_ncmec_bad_entries(entry: str, message: str) -> None:
    results = read_bytes(ncmec_doc(entry, image("good")), "ncmec")
    assert len(errors(results)) == 1
    assert errors(results)[0].position == 1
    assert message in errors(results)[0].message
    assert [(r.position, r.external_id) for r in records(results)] == [(2, "good")]


def test_ncmec_malformed_xml_stops_after_what_was_read() -> None:
    data = ncmec_doc(image("ok"), image("cut"))[:-40]
    results = read_bytes(data, "ncmec")
    assert [r.external_id for r in records(results)] == ["ok"]
    assert len(errors(results)) == 1
    assert errors(results)[0].position == 2
    assert errors(results)[0].message.startswith("malformed XML in page 1:")
    assert errors(results)[0].message.endswith("import stopped")


def test_ncmec_unknown_encoding_is_one_error() -> None:
    data = ncmec_doc(image("e1")).replace(b'encoding="UTF-8"', b'encoding="x-made-up"')
    assert read_bytes(data, "ncmec") == [
        RecordError(1, "malformed XML in page 1: unknown encoding: x-made-up; import stopped")
    ]


def test_ncmec_utf16_document() -> None:
    data = ncmec_doc(image("e1")).decode().replace("UTF-8", "UTF-16").encode("utf-16")
    assert [r.external_id for r in records(read_bytes(data, "ncmec"))] == ["e1"]


def test_ncmec_wrong_root_is_refused() -> None:
    results = read_bytes(ncmec_doc(image("e1"), root="status"), "ncmec")
    assert results == [
        RecordError(
            1,
            "not an NCMEC entries document: root element is <status>, expected <queryResult>; import stopped",
        )
    ]


def test_ncmec_entity_expansion_is_one_error() -> None:
    results = read_file("ncmec_entity_expansion.xml", "ncmec")
    assert results == [
        RecordError(1, "XML with a DTD or entity declarations is not accepted (DTDForbidden); import stopped")
    ]


def test_ncmec_external_entity_is_one_error() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE queryResult [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
        b"<queryResult><images><image><id>&x;</id></image></images></queryResult>"
    )
    results = read_bytes(data, "ncmec")
    assert len(results) == 1
    assert isinstance(results[0], RecordError)
    assert "DTD" in results[0].message


def test_ncmec_entity_after_good_entries_stops_there() -> None:
    second = ncmec_doc(image("e2")).replace(b"?>\n", b'?>\n<!DOCTYPE q [<!ENTITY a "b">]>\n', 1)
    results = read_bytes(ncmec_doc(image("e1")) + second, "ncmec")
    assert [r.external_id for r in records(results)] == ["e1"]
    assert [e.position for e in errors(results)] == [2]


def test_ncmec_concatenated_pages() -> None:
    page1 = (FIXTURES / "ncmec_page.xml").read_bytes()
    page2 = ncmec_doc(image("p2a"), image("p2b", md5="b2" * 16))
    data = page1 + b"\n" + b"\xef\xbb\xbf" + page2 + b"\n\n" + ncmec_doc(image("p3"))
    expected = [(r.position, r.external_id) for r in records(read_bytes(data, "ncmec"))]
    assert expected[-3:] == [(6, "p2a"), (7, "p2b"), (8, "p3")]
    assert len(expected) == 9
    for step in (1, 3, 7, 4096):  # page boundaries falling anywhere in a read
        stream = io.BufferedReader(Trickle(data, step), buffer_size=max(step, 8))
        got = [(r.position, r.external_id) for r in records(list(read_indicators(stream, "ncmec")))]
        assert got == expected, step


def test_ncmec_processing_instruction_is_not_a_page_boundary() -> None:
    data = ncmec_doc(image("e1")).replace(b"?>\n", b'?>\n<?xml-stylesheet href="s.xsl"?>\n', 1)
    results = read_bytes(data + ncmec_doc(image("e2")), "ncmec")
    assert [r.external_id for r in records(results)] == ["e1", "e2"]
    assert errors(results) == []


def test_ncmec_page_without_declaration_cannot_follow_another() -> None:
    data = ncmec_doc(image("e1")) + ncmec_doc(image("e2"), decl=False)
    results = read_bytes(data, "ncmec")
    assert [r.external_id for r in records(results)] == ["e1"]
    assert len(errors(results)) == 1
    assert "junk after document element" in errors(results)[0].message


def test_ncmec_streams_in_small_constant_memory() -> None:
    entry = image("e%(n)s", md5="%(n)032x")

    def pieces() -> Iterator[bytes]:
        yield b'<?xml version="1.0"?><queryResult><images>'
        for start in range(1, 5_001, 500):
            yield "".join(
                entry.replace("%(n)032x", f"{n:032x}").replace("%(n)s", str(n))
                for n in range(start, start + 500)
            ).encode()
        yield b"</images></queryResult>"

    class Generated(io.RawIOBase):
        def __init__(self) -> None:
            self._pieces = pieces()
            self._left = b""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
            if not self._left:
                self._left = next(self._pieces, b"")
            n = min(len(buffer), len(self._left))
            buffer[:n] = self._left[:n]
            self._left = self._left[n:]
            return n

    count = 0
    tracemalloc.start()
    try:
        for result in read_indicators(io.BufferedReader(Generated()), "ncmec"):
            assert isinstance(result, IndicatorRecord)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 5_000
    assert peak < 1_000_000, peak


# --- all formats -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("no_header.csv", "csv"),
        ("with_header.csv", "csv"),
        ("indicators.jsonl", "jsonl"),
        ("ncmec_page.xml", "ncmec"),
    ],
)
def test_readers_need_only_bounded_reads_and_are_lazy(name: str, fmt: Format) -> None:
    data = (FIXTURES / name).read_bytes()
    counter = ByteCounter(data)
    results = read_indicators(cast(BinaryIO, counter), fmt)
    assert counter.count == 0  # nothing read before the first next()
    assert list(results) == read_file(name, fmt)
    assert counter.count == len(data)
    assert 0 < counter.largest <= 64 * 1024


@pytest.mark.parametrize(
    ("name", "fmt"), [("no_header.csv", "csv"), ("indicators.jsonl", "jsonl"), ("ncmec_page.xml", "ncmec")]
)
def test_readers_leave_the_callers_stream_open(name: str, fmt: Format) -> None:
    stream = io.BytesIO((FIXTURES / name).read_bytes())
    list(read_indicators(stream, fmt))
    assert not stream.closed
    partly = read_indicators(stream := io.BytesIO(stream.getvalue()), fmt)
    next(partly)
    assert isinstance(partly, Generator)
    partly.close()
    del partly
    assert not stream.closed


def test_read_indicators_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown indicator file format 'xlsx'"):
        read_indicators(io.BytesIO(b""), "xlsx")  # type: ignore[arg-type]


def test_public_names() -> None:
    assert set(formats.__all__) >= {"read_indicators", "guess_format", "normalize_hash", "IndicatorRecord"}


# --- guess_format ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "head", "expected"),
    [
        ("list.csv", f"md5,{MD5}\n".encode(), "csv"),
        ("LIST.CSV", b"", "csv"),
        ("list.txt", f"MD5,{MD5}\n".encode(), "csv"),
        ("export", b'\xef\xbb\xbf"hash_type","hash"\r\n', "csv"),
        ("export", b"hash,hash_type,category\n", "csv"),
        ("list.jsonl", b'{"hash_type": "md5"}', "jsonl"),
        ("list.ndjson", b"", "jsonl"),
        ("download", b'\n  {"hashes": {}}', "jsonl"),
        ("page.xml", b'<?xml version="1.0"?><queryResult>', "ncmec"),
        ("page.dat", b"\xef\xbb\xbf<queryResult xmlns='x'>", "ncmec"),
        ("wrong.csv", b"<?xml version='1.0'?>", "ncmec"),
        ("list.json", b"[1, 2]", None),
        ("page.xml", b"md5,abc", None),
        ("list.csv.gz", b"\x1f\x8b\x08\x00", None),
        ("list.csv", b"PK\x03\x04", None),
        ("notes.txt", b"hello world\n", None),
        ("notes", b"", None),
    ],
)
def test_guess_format(filename: str, head: bytes, expected: Format | None) -> None:
    assert guess_format(filename, head) == expected
