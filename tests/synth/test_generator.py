"""The synthetic data generator: valid reports, aligned truth, deterministic output, realistic spread."""

from __future__ import annotations

import hashlib
import io
import ipaddress
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
import pytest
from PIL import Image

from tipline.evidence.hashing import pdq_distance, pdq_of_image
from tipline.reports.schemas import ReportCreate
from tipline.synth.countries import BY_CODE, COUNTRIES, EU_CODES, VPN_BLOCKS, Block
from tipline.synth.generator import SCENARIOS, SynthSummary, generate
from tipline.synth.texts import LANGUAGES

SEED = 11
N = 300


def _in(ip: str, blocks: tuple[Block, ...]) -> bool:
    value = int(ipaddress.ip_address(ip))
    return any(b.base <= value < b.base + b.size for b in blocks)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def _tree(root: Path) -> dict[str, str]:
    """Every file under root by relative path, with its SHA-256."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary]:
    out = tmp_path_factory.mktemp("synth_a")
    return out, generate(N, SEED, out, bytes_share=0.3)


@pytest.fixture(scope="module")
def reports(run: tuple[Path, SynthSummary]) -> list[dict[str, Any]]:
    return _lines(run[0] / "reports.jsonl")


@pytest.fixture(scope="module")
def truth(run: tuple[Path, SynthSummary]) -> list[dict[str, Any]]:
    return _lines(run[0] / "truth.jsonl")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth_large")
    generate(2500, 5, out, bytes_share=0.0, workers=1)
    return out


def test_every_report_validates_without_reference_errors(reports: list[dict[str, Any]]) -> None:
    assert len(reports) == N
    for obj in reports:
        assert "finish" not in obj
        model = ReportCreate.model_validate(obj)
        assert model.reference_errors() == [], obj["provider_report_id"]
        assert model.finish is True
    ids = [r["provider_report_id"] for r in reports]
    assert len(set(ids)) == len(ids)
    assert ids[0] == f"synth-{SEED}-0000000"


def test_summary_counts(run: tuple[Path, SynthSummary], reports: list[dict[str, Any]]) -> None:
    out, summary = run
    files = [f for r in reports for f in r.get("files", [])]
    assert summary.reports == N
    assert summary.files_declared == len(files)
    assert summary.files_with_bytes == sum(1 for f in files if f.get("bytes_to_follow"))
    assert summary.images_written == len(list((out / "files").iterdir()))
    assert summary.seconds > 0
    assert sum(summary.scenarios.values()) == N


def test_same_seed_is_byte_identical_and_another_seed_differs(
    run: tuple[Path, SynthSummary], tmp_path: Path
) -> None:
    again = tmp_path / "again"
    generate(N, SEED, again, bytes_share=0.3)
    assert _tree(again) == _tree(run[0])
    other = tmp_path / "other"
    generate(N, SEED + 1, other, bytes_share=0.3)
    for name in ("reports.jsonl", "truth.jsonl", "items.jsonl"):
        assert (other / name).read_bytes() != (run[0] / name).read_bytes()


def test_worker_processes_give_the_same_output(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    generate(1200, 3, one, bytes_share=0.1, workers=1)
    generate(1200, 3, two, bytes_share=0.1, workers=2)
    assert _tree(one) == _tree(two)


def test_truth_aligns_with_reports(reports: list[dict[str, Any]], truth: list[dict[str, Any]]) -> None:
    assert len(truth) == len(reports)
    country_codes = {c.code for c in COUNTRIES}
    for rep, t in zip(reports, truth, strict=True):
        assert t["provider_report_id"] == rep["provider_report_id"]
        assert t["scenario"] in SCENARIOS
        assert t["priority"] in {"P1", "P2", "P3", "INFO"}
        assert t["country"] in country_codes
        assert t["victim_country"] is None or t["victim_country"] in country_codes
        assert isinstance(t["vpn"], bool)
        assert t["subject_id"] == t["subject_ids"][0]
        assert len(t["subject_ids"]) == len(rep["reported_persons"])
        assert [f["ref"] for f in t["files"]] == [f["ref"] for f in rep.get("files", [])]
        for f in t["files"]:
            assert f["known"] == f["item_id"].startswith("K")
            assert f["variant_of"] is None or f["item_id"].startswith(f["variant_of"] + "-v")


def test_bytes_files_exist_with_matching_digests(
    run: tuple[Path, SynthSummary], reports: list[dict[str, Any]]
) -> None:
    files_dir = run[0] / "files"
    with_bytes = hash_only = 0
    for rep in reports:
        for f in rep.get("files", []):
            if f.get("bytes_to_follow"):
                with_bytes += 1
                data = (files_dir / f["filename"]).read_bytes()
                assert hashlib.sha256(data).hexdigest() == f["hashes"]["sha256"]
                assert hashlib.md5(data).hexdigest() == f["hashes"]["md5"]
                fmt = Image.open(io.BytesIO(data)).format
                assert f["media_type"] == {"JPEG": "image/jpeg", "PNG": "image/png"}[fmt or ""]
            else:
                hash_only += 1
                assert {"md5", "sha1", "sha256", "pdq", "pdq_quality"} <= set(f["hashes"])
    assert with_bytes > 0
    assert hash_only > 0
    share = sum(1 for r in reports if any(f.get("bytes_to_follow") for f in r.get("files", [])))
    with_files = sum(1 for r in reports if r.get("files"))
    assert 0.15 < share / with_files < 0.45


def test_zero_bytes_share_is_hash_only(tmp_path: Path) -> None:
    generate(80, 2, tmp_path, bytes_share=0.0)
    for rep in _lines(tmp_path / "reports.jsonl"):
        for f in rep.get("files", []):
            assert not f.get("bytes_to_follow")
            assert f["hashes"]["pdq"]


def test_pool_items_hash_correctly_and_variants_stay_near_their_base(
    run: tuple[Path, SynthSummary],
) -> None:
    out = run[0]
    items = _lines(out / "items.jsonl")
    bases = {i["item_id"]: i for i in items if i["variant_of"] is None}
    variants = [i for i in items if i["variant_of"] is not None]
    assert len(bases) >= 24
    assert len(variants) >= len(bases)
    for item in items:
        data = (out / "files" / item["filename"]).read_bytes()
        assert hashlib.md5(data).hexdigest() == item["md5"]
        assert hashlib.sha1(data).hexdigest() == item["sha1"]
        assert hashlib.sha256(data).hexdigest() == item["sha256"]
        image = Image.open(io.BytesIO(data))
        assert 32 <= image.width <= 400
        pdq = pdq_of_image(image)
        assert (pdq.hash, pdq.quality) == (item["pdq"], item["pdq_quality"])
        assert pdq.quality >= 50
    for v in variants:
        assert pdq_distance(v["pdq"], bases[v["variant_of"]]["pdq"]) <= 31, v["transform"]
    transforms = {v["transform"].split("_")[0] for v in variants}
    assert {"jpeg", "resize", "crop"} <= transforms
    pdqs = [b["pdq"] for b in bases.values()]
    pairs = [(a, b) for i, a in enumerate(pdqs) for b in pdqs[:i]]
    far = sum(1 for a, b in pairs if pdq_distance(a, b) > 31)
    assert far / len(pairs) > 0.99


def test_reports_reference_pool_and_unique_images(
    run: tuple[Path, SynthSummary], reports: list[dict[str, Any]], truth: list[dict[str, Any]]
) -> None:
    items = {i["item_id"]: i for i in _lines(run[0] / "items.jsonl")}
    for rep, t in zip(reports, truth, strict=True):
        for decl, f in zip(rep.get("files", []), t["files"], strict=True):
            if f["known"]:
                assert decl["hashes"]["sha256"] == items[f["item_id"]]["sha256"]
                assert decl["filename"] == items[f["item_id"]]["filename"]
            else:
                assert f["item_id"] not in items
                if "pdq" in decl["hashes"]:  # unseen material must not match the known pool
                    assert min(pdq_distance(decl["hashes"]["pdq"], i["pdq"]) for i in items.values()) > 31


def test_all_scenarios_and_priorities_appear(truth: list[dict[str, Any]]) -> None:
    assert {t["scenario"] for t in truth} == set(SCENARIOS)
    assert {t["priority"] for t in truth} == {"P1", "P2", "P3", "INFO"}
    by = defaultdict(set)
    for t in truth:
        by[t["scenario"]].add(t["priority"])
    assert by["viral"] == {"INFO"}
    assert by["grooming"] <= {"P1", "P2"}
    assert "P1" in by["sextortion"]


def test_scenario_content(reports: list[dict[str, Any]], truth: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for rep, t in zip(reports, truth, strict=True):
        kind = t["scenario"]
        chats = [x for x in rep["texts"] if x["kind"] == "chat_excerpt"]
        if kind == "viral":
            assert rep["batch"]["reason"] == "viral_potential_meme"
            assert {"viral", "potential_meme"} <= set(rep["annotations"])
            assert len(rep["reported_persons"]) >= 3
        if kind == "sextortion":
            assert "sextortion" in rep["annotations"]
            assert chats
            assert "solicitation" in rep["incident"]["categories"]
            assert rep["victims"]
        if kind == "grooming":
            assert chats
            assert rep["incident"]["categories"][0] == "solicitation"
            assert ("meeting_planned" in t["signals"]) == (t["priority"] == "P1")
        if kind == "new_material":
            assert all(not f["known"] for f in t["files"])
            assert t["files"]
        if rep["flags"].get("urgent"):
            assert rep["flags"]["urgent_reason"]
            seen.add("urgent")
        ips = [e["ip"] for e in rep["reported_persons"][0].get("ip_events", [])]
        if t["vpn"]:
            seen.add("vpn")
            assert all(_in(ip, VPN_BLOCKS) for ip in ips)
        else:
            home = BY_CODE[t["country"]]
            assert all(_in(ip, (*home.ipv4, *home.ipv6)) for ip in ips), t["country"]
        seen.update(rep["incident"]["categories"])
    assert {"urgent", "vpn", "known_material", "new_material", "solicitation"} <= seen


def idents_of(person: dict[str, Any]) -> tuple[object, ...]:
    return (
        person.get("screen_name"),
        tuple(e["address"] for e in person.get("emails", [])),
        tuple(ph["number"] for ph in person.get("phones", [])),
    )


def test_recurring_subjects_have_differing_identifiers(
    reports: list[dict[str, Any]], truth: list[dict[str, Any]]
) -> None:
    by_subject: dict[str, list[tuple[dict[str, Any], str]]] = defaultdict(list)
    for rep, t in zip(reports, truth, strict=True):
        if t["scenario"] == "multi_provider":
            by_subject[t["subject_id"]].append((rep["reported_persons"][0], t["provider"]))
    multi = {sid: seen for sid, seen in by_subject.items() if len(seen) >= 2}
    assert len(multi) >= 5
    several_providers = 0
    for sid, seen in multi.items():
        first = idents_of(seen[0][0])
        assert all(idents_of(p) != first for p, _ in seen[1:]), sid  # later reports differ
        several_providers += len({prov for _, prov in seen}) >= 2
    assert several_providers == len(multi)
    priors = [
        p
        for rep, t in zip(reports, truth, strict=True)
        if t["scenario"] == "multi_provider"
        for p in rep["reported_persons"][0].get("prior_reports", [])
    ]
    ids = {r["provider_report_id"] for r in reports}
    assert all(p["id"] in ids for p in priors if p["system"] == "tipline")


def _email_key(address: str) -> str:
    local, _, domain = address.lower().partition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        return local.replace(".", "") + "@gmail.com"
    return f"{local}@{domain}"


def test_recurring_identifiers_vary_only_in_form(large: Path) -> None:
    """Across a subject's reports, emails and phones are written differently but normalize equal (or the
    subject moved to another mailbox)."""
    emails: dict[str, set[str]] = defaultdict(set)
    phones: dict[str, set[str]] = defaultdict(set)
    screens: dict[str, set[str]] = defaultdict(set)
    for rep, t in zip(_lines(large / "reports.jsonl"), _lines(large / "truth.jsonl"), strict=True):
        if t["scenario"] != "multi_provider":
            continue
        person = rep["reported_persons"][0]
        emails[t["subject_id"]].update(e["address"] for e in person.get("emails", []))
        phones[t["subject_id"]].update(p["number"] for p in person.get("phones", []))
        screens[t["subject_id"]].add(person["screen_name"])
    for sid, seen in emails.items():  # one mailbox in many spellings, at times a second mailbox
        assert len({_email_key(a) for a in seen}) <= 1 + len(seen) // 2, (sid, seen)
    assert any(len({_email_key(a) for a in seen}) > 1 for seen in emails.values())  # changed emails
    for sid, seen in phones.items():
        assert len({"".join(ch for ch in n if ch.isdigit())[-7:] for n in seen}) <= 1, (sid, seen)
    varied = [seen for seen in emails.values() if len(seen) > 1]
    assert any("+" in a for seen in varied for a in seen)
    assert any(a.endswith("@googlemail.com") for seen in varied for a in seen)
    assert any(len({a.lower() for a in seen}) < len(seen) for seen in varied)  # case only
    numbers = [n for seen in phones.values() if len(seen) > 1 for n in seen]
    assert any(n.startswith("00") for n in numbers)
    assert any(n.startswith("+") and " " in n for n in numbers)
    assert any(n[0].isdigit() and not n.startswith("00") for n in numbers)
    assert any(len(seen) > 1 for seen in screens.values())


def test_large_run_covers_every_eu_country_and_language(large: Path) -> None:
    truth = _lines(large / "truth.jsonl")
    countries = {t["country"] for t in truth}
    assert set(EU_CODES) <= countries
    assert len(EU_CODES) == 27
    assert {"US", "GB", "BR", "IN"} <= countries
    langs = {
        x["language"].split("-")[0]
        for rep in _lines(large / "reports.jsonl")
        for x in rep["texts"]
        if x["kind"] == "chat_excerpt"
    }
    assert set(LANGUAGES) <= langs


def test_progress_reports_every_chunk(tmp_path: Path) -> None:
    calls: list[int] = []
    generate(1100, 4, tmp_path, bytes_share=0.0, progress=calls.append, workers=1)
    assert calls == [500, 500, 100]


def test_ip_blocks_geolocate_to_their_country() -> None:
    import random

    import geoip2fast as geo  # a dev dependency; issue 5 uses it for jurisdiction

    g = geo.GeoIP2Fast(verbose=False)
    g6 = geo.GeoIP2Fast(geoip2fast_data_file="geoip2fast-ipv6.dat.gz", verbose=False)
    r = random.Random(0)
    for country in COUNTRIES:
        for block in (*country.ipv4, *country.ipv6):
            lookup = g if block.version == 4 else g6
            cls = ipaddress.IPv4Address if block.version == 4 else ipaddress.IPv6Address
            for _ in range(20):
                ip = str(cls(block.base + r.randrange(block.size)))
                assert lookup.lookup(ip).country_code == country.code, (country.code, ip)
    assert VPN_BLOCKS
