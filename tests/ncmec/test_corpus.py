"""The hand-written corpus (tests/fixtures/ncmec): every document gets its expected response code, and
schema violations name the element path. The valid documents use every element of the schema and
every incident type."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.factories.reports import png
from tests.ncmec.conftest import Ispws
from tipline.ncmec import spec, structure
from tipline.ncmec.safexml import TL_NS

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "ncmec"
EXPECTED: dict[str, dict[str, list]] = json.loads((CORPUS / "expected.json").read_text())


def _valid(kind: str) -> list[Path]:
    return [CORPUS / kind / n for n, (code, _) in EXPECTED[kind].items() if code == 0]


def test_every_corpus_file_has_an_expectation() -> None:
    for kind in ("reports", "files"):
        assert sorted(p.name for p in (CORPUS / kind).glob("*.xml")) == sorted(EXPECTED[kind])
    assert sum(len(v) for v in EXPECTED.values()) >= 50


@pytest.mark.parametrize("name", sorted(EXPECTED["reports"]))
def test_report_document(ispws: Ispws, name: str) -> None:
    code, path = EXPECTED["reports"][name]
    got = ispws.submit((CORPUS / "reports" / name).read_bytes())
    assert got.code == code, got.description
    assert got.root == "reportResponse"
    if code == 0:
        assert got.report_id is not None
        assert got.http == 200
        assert ispws.finish(got.report_id).code == 0
    else:
        assert got.http in (400, 413)
        assert got.report_id is None
    if path is not None:
        assert path in got.description


@pytest.mark.parametrize("name", sorted(EXPECTED["files"]))
def test_file_details_document(ispws: Ispws, name: str) -> None:
    code, path = EXPECTED["files"][name]
    report = ispws.submit((CORPUS / "reports" / "v13-reported-person-full.xml").read_bytes()).report_id
    assert report is not None
    assert ispws.upload(report, png(3), ref="f1").code == 0
    raw = (CORPUS / "files" / name).read_bytes()
    got = ispws.fileinfo(None if "unknown-report" in name else report, raw)
    assert got.code == code, got.description
    if path is not None:
        assert path in got.description
    assert ispws.finish(report).code == 0


def _tags(paths: list[Path]) -> set[str]:
    found: set[str] = set()
    for p in paths:
        for el in ET.parse(p).iter():
            found.add(el.tag.replace(f"{{{TL_NS}}}", "tl:"))
            found.update(f"@{a.replace(f'{{{TL_NS}}}', 'tl:')}" for a in el.attrib)
    return found


def _names(e: spec.E, out: set[str]) -> set[str]:
    out.add(e.name)
    out.update(f"@{a.name}" for a in e.attrs)
    for c in e.children():
        _names(c, out)
    return out


def test_valid_documents_use_every_element_and_attribute() -> None:
    reports = _names(structure.REPORT, set()) - _tags(_valid("reports"))
    files = _names(structure.FILE_DETAILS, set()) - _tags(_valid("files"))
    assert reports == set()
    assert files == set()


def test_valid_documents_use_every_incident_type() -> None:
    used = {el.text for p in _valid("reports") for el in ET.parse(p).iter("incidentType")}
    assert used == set(spec.INCIDENT_TYPES)
