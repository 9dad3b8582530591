"""The command line of banks and matching: `tipline hash`, `banks ...`, `match`, `provider add`, `worker`.

Run in-process (Typer's CliRunner) for speed, with the environment as the commands' only input: each
test has its own data folder and a fresh SQLite database, never the shared test database.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from tests.cli.conftest import Cli
from tests.factories.reports import png

from tipline.models import Job

PDQ_DIR = Path(__file__).parents[1] / "fixtures" / "pdq"
BRIDGE = PDQ_DIR / "bridge-mods"
ORIGINAL = BRIDGE / "aaa-orig.jpg"
LABELME = PDQ_DIR / "reg-test-input" / "labelme-subset"
# PDQ quality below 50 (README.md): no usable hash
LOW_QUALITY = (PDQ_DIR / "misc-images" / "small.jpg", LABELME / "q0003.jpg", LABELME / "q0004.jpg")
# distinct pictures, far from the bridge photos
FAR = [p for p in sorted(LABELME.glob("*.jpg")) if p not in LOW_QUALITY] + [
    PDQ_DIR / "reg-test-input" / "pen-and-coaster.png"
]


def expected_rows() -> list[dict[str, str]]:
    with (PDQ_DIR / "expected.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# tipline hash


class TestHash:
    def test_digests_and_pdq_of_every_reference_image(self, cli: Cli, tmp_path: Path) -> None:
        rows = expected_rows()
        low = [p for p in LOW_QUALITY if p.exists()]
        text = write(tmp_path / "notes.txt", "not a picture\n")
        generated = tmp_path / "generated.png"
        generated.write_bytes(png(3))
        files = [PDQ_DIR / r["path"] for r in rows] + low + FAR + [text, generated]
        assert len(rows) == 22
        assert LOW_QUALITY[0] in low

        result = cli("hash", *files)
        out = lines(result.stdout)
        assert [o["file"] for o in out] == [str(f) for f in files]
        by_file = {Path(o["file"]): o for o in out}

        for file, o in by_file.items():
            data = file.read_bytes()
            assert o["md5"] == hashlib.md5(data).hexdigest()
            assert o["sha1"] == hashlib.sha1(data).hexdigest()
            assert o["sha256"] == hashlib.sha256(data).hexdigest()
            assert o["size"] == len(data)

        for row in rows:
            o = by_file[PDQ_DIR / row["path"]]
            assert o["pdq_quality"] >= 50, row["path"]
            if int(row["max_distance"]) == 0:
                assert o["pdq"] == row["pdq_hex"], row["path"]
            else:
                assert distance(o["pdq"], row["pdq_hex"]) <= int(row["max_distance"]), row["path"]

        for file in low:
            o = by_file[file]
            assert o["pdq"] is None, file
            assert o["pdq_quality"] < 50, file

        original = by_file[ORIGINAL]["pdq"]
        for file in FAR:
            assert distance(by_file[file]["pdq"], original) > 31, file

        assert "pdq" not in by_file[text]
        assert "pdq_quality" not in by_file[text]
        assert by_file[generated]["pdq"] is not None

    def test_a_damaged_image_is_an_error_row_and_the_others_still_print(
        self, cli: Cli, tmp_path: Path
    ) -> None:
        damaged = tmp_path / "damaged.jpg"
        damaged.write_bytes(ORIGINAL.read_bytes()[:4000])
        text = write(tmp_path / "notes.txt", "hello\n")
        result = cli("hash", damaged, text, code=1)
        out = lines(result.stdout)
        assert out[0] == {"file": str(damaged), "error": "malformed_media"}
        assert out[1]["sha256"] == hashlib.sha256(b"hello\n").hexdigest()

    def test_a_missing_file_is_a_usage_error(self, cli: Cli, tmp_path: Path) -> None:
        result = cli("hash", tmp_path / "nope.jpg", code=2)
        assert result.stdout == ""


# tipline banks


def indicator_csv(path: Path, n: int, bad_at: int | None = None) -> Path:
    """``n`` md5 and pdq indicators without a header; a bad line at line ``bad_at`` (1-based)."""
    rows = []
    for i in range(n):
        if i % 2:
            rows.append(f"md5,{hashlib.md5(str(i).encode()).hexdigest()},A1")
        else:
            rows.append(f"pdq,{hashlib.sha256(str(i).encode()).hexdigest()},B1,image")
    if bad_at is not None:
        rows.insert(bad_at - 1, "md5,not-a-hash")
    return write(path, "\n".join(rows) + "\n")


class TestBanks:
    def test_create_import_twice_list_and_disable(self, cli: Cli, tmp_path: Path) -> None:
        cli("banks", "create", "known-a", "--purpose", "known")
        file = indicator_csv(tmp_path / "known.csv", 10, bad_at=4)

        first = cli.summary("banks", "import", "known-a", file)
        assert first["bank"] == "known-a"
        assert (first["added"], first["unchanged"], first["errors"]) == (10, 0, 1)
        assert len(first["error_samples"]) == 1
        assert first["error_samples"][0].startswith("4: ")
        assert first["previously_imported_at"] is None

        second = cli.summary("banks", "import", "known-a", file)
        assert (second["added"], second["unchanged"], second["errors"]) == (0, 10, 1)
        assert second["error_samples"][0].startswith("4: ")
        assert second["previously_imported_at"] is not None
        assert second["import_id"] != first["import_id"]

        banks = json.loads(cli("banks", "list", "--json").stdout)
        assert [(b["name"], b["purpose"], b["enabled"], b["pdq_threshold"]) for b in banks] == [
            ("known-a", "known", True, 31)
        ]
        assert banks[0]["active"] == {"md5": 5, "pdq": 5}
        assert banks[0]["withdrawn"] == 0

        cli("banks", "set", "known-a", "--disable")
        assert json.loads(cli("banks", "list", "--json").stdout)[0]["enabled"] is False
        cli("banks", "set", "known-a", "--enable", "--pdq-threshold", "20")
        (after,) = json.loads(cli("banks", "list", "--json").stdout)
        assert (after["enabled"], after["pdq_threshold"]) == (True, 20)

    def test_jsonl_with_an_explicit_format(self, cli: Cli, tmp_path: Path) -> None:
        cli("banks", "create", "ncii", "--purpose", "other")
        records = [
            {"hash_type": "sha256", "hash": "a" * 64, "category": "A1"},
            {"hashes": {"md5": "b" * 32, "pdq": "c" * 64}, "external_id": "e-1"},
            {"hash_type": "md5", "hash": "zz"},
        ]
        file = write(tmp_path / "list.data", "\n".join(json.dumps(r) for r in records) + "\n")
        summary = cli.summary("banks", "import", "ncii", file, "--format", "jsonl")
        assert (summary["added"], summary["errors"]) == (3, 1)
        assert summary["error_samples"][0].startswith("3: ")
        (listed,) = json.loads(cli("banks", "list", "--json").stdout)
        assert listed["active"] == {"md5": 1, "pdq": 1, "sha256": 1}

    def test_unknown_bank_is_exit_1_with_a_message(self, cli: Cli, tmp_path: Path) -> None:
        cli("banks", "create", "known-a", "--purpose", "known")
        file = indicator_csv(tmp_path / "x.csv", 2)
        result = cli("banks", "import", "nope", file, code=1)
        assert "bank_not_found" in result.stderr
        assert "nope" in result.stderr
        assert result.stdout == ""
        assert "bank_not_found" in cli("banks", "set", "nope", "--disable", code=1).stderr
        assert "bank_exists" in cli("banks", "create", "known-a", "--purpose", "known", code=1).stderr

    def test_unguessable_format_is_exit_2(self, cli: Cli, tmp_path: Path) -> None:
        cli("banks", "create", "known-a", "--purpose", "known")
        file = write(tmp_path / "hashes.txt", "some words, not hashes\n")
        result = cli("banks", "import", "known-a", file, code=2)
        assert "--format" in result.stderr
        assert json.loads(cli("banks", "list", "--json").stdout)[0]["active"] == {}
        # told the format, the import reads it: a header of unknown columns, reported at line 1
        summary = cli.summary("banks", "import", "known-a", file, "--format", "csv")
        assert (summary["added"], summary["errors"]) == (0, 1)
        assert summary["error_samples"][0].startswith("1: unknown column")

    def test_an_unknown_purpose_is_a_usage_error(self, cli: Cli) -> None:
        cli("banks", "create", "x", "--purpose", "evil", code=2)
        assert "name" in cli("banks", "create", "bad name!", "--purpose", "known", code=2).stderr


# tipline match


def bridge_hashes(cli: Cli) -> dict[str, dict[str, Any]]:
    files = sorted(BRIDGE.glob("*.jpg")) + [FAR[-1]]
    return {Path(o["file"]).name: o for o in lines(cli("hash", *files).stdout)}


class TestIndicators:
    def test_withdraw_feedback_reinstate_and_show(self, cli: Cli, tmp_path: Path) -> None:
        cli("banks", "create", "known-a", "--purpose", "known")
        cli("banks", "import", "known-a", write(tmp_path / "one.csv", f"md5,{'a' * 32}\n"))
        cli("indicators", "withdraw", "1", "--reason", "court decision reversed")
        assert (
            "reason_required" in cli("indicators", "feedback", "1", "--sentiment", "negative", code=1).stderr
        )
        cli("indicators", "feedback", "1", "--sentiment", "negative", "--reason", "not_csam")
        cli("indicators", "reinstate", "1", "--reason", "confirmed")
        shown = json.loads(cli("indicators", "show", "1").stdout)
        assert shown["status"] == "active"
        assert [e["kind"] for e in shown["events"]] == ["added", "withdrawn", "feedback", "reinstated"]
        assert "indicator_not_found" in cli("indicators", "show", "99", code=1).stderr


class TestMatch:
    def test_bridge_variants_match_at_their_distances(self, cli: Cli, tmp_path: Path) -> None:
        hashed = bridge_hashes(cli)
        original = hashed["aaa-orig.jpg"]
        cli("banks", "create", "bridges", "--purpose", "known")
        bank_file = write(tmp_path / "bank.csv", f"pdq,{original['pdq']}\nmd5,{original['md5']}\n")
        assert cli.summary("banks", "import", "bridges", bank_file)["added"] == 2

        far = hashed[FAR[-1].name]["pdq"]
        variants = {name: o["pdq"] for name, o in hashed.items() if name.endswith(".jpg")}
        queries = [f"pdq,{value}" for value in variants.values()]
        queries += [
            f"pdq,{far}",
            f"MD5,{original['md5'].upper()}",
            f"md5,{hashlib.md5(b'other').hexdigest()}",
        ]
        query_file = write(tmp_path / "queries.txt", "# hash_type,hash\n" + "\n".join(queries) + "\n")

        out = lines(cli("match", "--hashes", query_file).stdout)
        assert len(out) == len(queries)
        for (name, value), o in zip(variants.items(), out, strict=False):
            assert (o["hash_type"], o["hash"]) == ("pdq", value)
            expected = distance(value, original["pdq"])
            assert expected <= 31, name
            assert [(m["bank"], m["distance"]) for m in o["matches"]] == [("bridges", expected)], name
        indicator_ids = {m["indicator_id"] for o in out for m in o["matches"]}
        assert len(indicator_ids) == 2  # the pdq and the md5 indicators
        assert out[len(variants)]["matches"] == []
        assert out[-2]["hash"] == original["md5"]
        assert [m["distance"] for m in out[-2]["matches"]] == [0]
        assert out[-1]["matches"] == []

        cli("banks", "set", "bridges", "--disable")
        disabled = lines(cli("match", "--hashes", query_file).stdout)
        assert [o["matches"] for o in disabled] == [[] for _ in queries]

    def test_a_bad_line_is_exit_1_but_the_good_lines_print(self, cli: Cli, tmp_path: Path) -> None:
        cli("banks", "create", "known-a", "--purpose", "known")
        pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
        cli("banks", "import", "known-a", write(tmp_path / "b.csv", f"pdq,{pdq}\n"))
        query_file = write(tmp_path / "q.txt", f"pdq,{pdq}\npdq,xyz\njust-a-word\nmd5,{'1' * 32}\n")
        result = cli("match", "--hashes", query_file, code=1)
        out = lines(result.stdout)
        assert [o["hash_type"] for o in out] == ["pdq", "md5"]
        assert [m["distance"] for m in out[0]["matches"]] == [0]
        assert out[1]["matches"] == []
        assert "line 2" in result.stderr
        assert "line 3" in result.stderr

    def test_a_generated_picture_is_far_from_the_bank(self, cli: Cli, tmp_path: Path) -> None:
        generated = tmp_path / "g.png"
        generated.write_bytes(png(11))
        (original, picture) = lines(cli("hash", ORIGINAL, generated).stdout)
        cli("banks", "create", "bridges", "--purpose", "known")
        cli("banks", "import", "bridges", write(tmp_path / "b.csv", f"pdq,{original['pdq']}\n"))
        query_file = write(tmp_path / "q.txt", f"pdq,{picture['pdq']}\n")
        (o,) = lines(cli("match", "--hashes", query_file).stdout)
        assert o["matches"] == []


# tipline provider add, tipline worker


class TestProviderAndWorker:
    def test_provider_add_prints_a_key_and_refuses_unknown_scopes(self, cli: Cli) -> None:
        result = cli("provider", "add", "Example Hasher", "--scope", "match", "--scope", "report")
        key = result.stdout.strip().splitlines()[-1]
        assert key.startswith("tl_")
        assert key not in result.stderr
        bad = cli("provider", "add", "Other", "--scope", "everything", code=1)
        assert "invalid_scope" in bad.stderr
        assert bad.stdout == ""

    def test_worker_once_runs_the_retro_hunt_of_an_import(
        self, cli: Cli, tmp_path: Path, database: str
    ) -> None:
        cli("banks", "create", "known-a", "--purpose", "known")
        cli("banks", "import", "known-a", indicator_csv(tmp_path / "k.csv", 4))
        assert "1 job(s) ran" in cli("worker", "--once").stderr
        assert "0 job(s) ran" in cli("worker", "--once").stderr
        engine = create_engine(database)
        try:
            with engine.connect() as conn:
                jobs = conn.execute(select(Job.kind, Job.state, Job.last_error)).all()
        finally:
            engine.dispose()
        assert [tuple(j) for j in jobs] == [("matching.retro_hunt", "done", None)]
