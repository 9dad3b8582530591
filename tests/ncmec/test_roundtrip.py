"""Round trips, field by field: synthetic reports exported to CyberTipline XML and submitted through
/ispws equal the originals; corpus reports exported and submitted again equal their first import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.ncmec.conftest import Ispws, basic
from tests.ncmec.test_corpus import _valid
from tipline.context import Context
from tipline.ncmec import service as ncmec
from tipline.ncmec.xml_out import Export, export_report
from tipline.providers import repository as providers_repository
from tipline.providers import service as providers
from tipline.reports import service as reports
from tipline.reports.schemas import ReportCreate
from tipline.synth.generator import generate


def push(ispws: Ispws, export: Export, files: dict[str, bytes]) -> int:
    """Submit an export through the protocol as an integration would: report, files, details, finish."""
    opened = ispws.submit(export.report_xml)
    assert opened.code == 0, opened.description
    number = opened.report_id
    assert number is not None
    for f in export.files:
        if f.upload:
            uploaded = ispws.upload(number, files[f.ref], ref=f.ref)
            assert uploaded.code == 0, uploaded.description
            assert uploaded.file_id == f.ref
        described = ispws.fileinfo(number, f.details_xml)
        assert described.code == 0, described.description
    done = ispws.finish(number)
    assert done.code == 0
    assert done.files == [f.ref for f in export.files]
    return number


def stored(ctx: Context, provider_name: str, number: int) -> dict[str, Any]:
    with ctx.unit() as session:
        provider = providers_repository.get_by_name(session, provider_name)
        assert provider is not None
        report = ncmec.resolve(session, provider, number)
        assert report.status == "received"
        return reports.read_content(ctx.keyring, report)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(60, 8, out, bytes_share=0.3, workers=1)
    return out


def test_synthetic_reports_round_trip_through_the_protocol(
    ispws: Ispws, ctx: Context, synthetic: Path
) -> None:
    lines = (synthetic / "reports.jsonl").read_bytes().splitlines()
    with_bytes = 0
    for line in lines:
        original = ReportCreate.model_validate_json(line).content()
        files = {
            f["ref"]: (synthetic / "files" / f["filename"]).read_bytes()
            for f in original.get("files", [])
            if f.get("bytes_to_follow")
        }
        with_bytes += bool(files)
        number = push(ispws, export_report(original), files)
        received = stored(ctx, "Example Chat", number)
        source = received.pop("source")
        assert received == original
        assert source["format"] == "ncmec_xml"
        assert source["unmapped"] == []
        assert source["derived"] == []
    assert len(lines) == 60
    assert with_bytes > 0


def test_the_rich_factory_report_round_trips(ispws: Ispws, ctx: Context) -> None:
    from tests.factories.reports import rich

    original = ReportCreate.model_validate(rich()).content()
    received = stored(ctx, "Example Chat", push(ispws, export_report(original), {}))
    received.pop("source")
    assert received == original


@pytest.mark.parametrize("path", _valid("reports"), ids=lambda p: p.name)
def test_corpus_reports_survive_export_and_import(
    client: TestClient, ispws: Ispws, ctx: Context, path: Path
) -> None:
    first = ispws.submit(path.read_bytes())
    assert first.code == 0
    assert first.report_id is not None
    assert ispws.finish(first.report_id).code == 0
    imported = stored(ctx, "Example Chat", first.report_id)
    with ctx.unit() as session:
        _, key = providers.add_provider(session, "Second Provider")
    again = Ispws(client, basic("Second Provider", key))
    number = push(again, export_report(imported), {})
    reimported = stored(ctx, "Second Provider", number)
    if "/service/name" in imported["source"]["derived"]:  # derived from the submitting provider's name
        reimported["service"]["name"] = imported["service"]["name"]
    assert reimported == imported


def test_ncmec_only_export_has_no_tipline_elements() -> None:
    from tests.factories.reports import rich

    export = export_report(ReportCreate.model_validate(rich()).content(), extensions=False)
    assert b"urn:tipline" not in export.report_xml
    assert all(b"urn:tipline" not in f.details_xml for f in export.files)
    assert export.report_xml.count(b"<incidentType>") == 1
