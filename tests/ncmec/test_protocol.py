"""The CyberTipline-compatible protocol end to end: credentials, the submit/upload/fileinfo/finish/
retract workflow, state refusals with their codes, and what is stored."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient

from tests.factories.reports import png
from tests.ncmec.conftest import PREFIX, Ispws, answer, basic
from tests.ncmec.test_corpus import CORPUS
from tests.ncmec.test_roundtrip import stored
from tipline.app import create_app
from tipline.config import Settings
from tipline.context import Context
from tipline.ncmec import service as ncmec
from tipline.providers import repository as providers_repository
from tipline.providers import service as providers
from tipline.reports import service as reports

MINIMAL = (CORPUS / "reports" / "v01-minimal.xml").read_bytes()
PERSON = (CORPUS / "reports" / "v13-reported-person-full.xml").read_bytes()


def details(file_id: str, extra: str = "") -> bytes:
    return f"<fileDetails><reportId>1</reportId><fileId>{file_id}</fileId>{extra}</fileDetails>".encode()


class TestCredentials:
    def test_status_with_valid_credentials(self, ispws: Ispws) -> None:
        got = ispws.status()
        assert (got.http, got.code, got.root) == (200, 0, "reportResponse")

    def test_missing_credentials_are_2000(self, client: TestClient) -> None:
        r = client.get(f"{PREFIX}/status")
        assert r.status_code == 401
        assert r.headers["www-authenticate"].startswith("Basic")
        assert r.headers["content-type"].startswith("application/xml")
        assert answer(r).code == 2000

    def test_malformed_basic_credentials_are_2000(self, client: TestClient) -> None:
        for value in ("Basic !!!", "Basic " + "bm9jb2xvbg==", "Bearer tl_x"):
            assert answer(client.get(f"{PREFIX}/status", headers={"Authorization": value})).code == 2000

    def test_wrong_key_or_wrong_name_is_3000(self, client: TestClient, provider_key: str) -> None:
        assert answer(client.get(f"{PREFIX}/status", headers=basic("Example Chat", "tl_bad"))).code == 3000
        wrong_name = answer(client.get(f"{PREFIX}/status", headers=basic("Other Name", provider_key)))
        assert (wrong_name.http, wrong_name.code) == (401, 3000)

    def test_refused_before_the_body_is_read(self, client: TestClient) -> None:
        got = answer(client.post(f"{PREFIX}/submit", content=b"<not-xml", headers=basic("x", "y")))
        assert got.code == 3000


class TestWorkflow:
    def test_submit_upload_describe_finish(self, ispws: Ispws, ctx: Context, auth: dict[str, str]) -> None:
        opened = ispws.submit(PERSON)
        assert opened.code == 0
        assert opened.report_id is not None
        assert 0 < opened.report_id < 2**63
        picture = png(11)
        up = ispws.upload(opened.report_id, picture)
        assert up.code == 0
        assert up.md5 == hashlib.md5(picture).hexdigest()
        assert up.file_id is not None
        assert len(up.file_id) == 32
        assert ispws.fileinfo(opened.report_id, details(up.file_id, "<fileName>a.png</fileName>")).code == 0
        done = ispws.finish(opened.report_id)
        assert (done.root, done.code, done.report_id, done.files) == (
            "reportDoneResponse",
            0,
            opened.report_id,
            [up.file_id],
        )
        content = stored(ctx, "Example Chat", opened.report_id)
        assert content["files"] == [
            {
                "ref": up.file_id,
                "filename": "a.png",
                "bytes_to_follow": True,
                "hashes": {},
                "annotations": [],
                "relevance": "reported",
                "device_ids": [],
                "details": [],
            }
        ]
        assert content["reported_persons"][0]["screen_name"] == "pat_example"

    def test_numeric_ids_resolve_and_the_log_records_each_step(self, ispws: Ispws, ctx: Context) -> None:
        opened = ispws.submit(MINIMAL)
        assert opened.report_id is not None
        up = ispws.upload(opened.report_id, png(2), ref="pic-1")
        assert up.file_id == "pic-1"
        ispws.finish(opened.report_id)
        with ctx.unit() as session:
            provider = providers_repository.get_by_name(session, "Example Chat")
            assert provider is not None
            report = ncmec.resolve(session, provider, opened.report_id)
            assert ncmec.number_of(report.id) == opened.report_id
            kinds = [e.kind for e in reports.get_any(session, report.id).events]
        assert kinds == ["report.received", "report.amended", "report.file_added", "report.finished"]

    def test_uploading_the_same_ref_twice_is_harmless(self, ispws: Ispws) -> None:
        number = ispws.submit(MINIMAL).report_id
        assert number is not None
        first = ispws.upload(number, png(4), ref="same")
        again = ispws.upload(number, png(4), ref="same")
        assert (first.code, again.code, again.md5) == (0, 0, first.md5)
        other = ispws.upload(number, png(5), ref="same")
        assert other.code == 4000
        assert ispws.finish(number).files == ["same"]

    def test_uploads_may_exceed_the_report_size_limit(self, ispws: Ispws) -> None:
        """Files are held to the file limit (256 MiB), not the 5 MiB limit of report documents."""
        number = ispws.submit(MINIMAL).report_id
        assert number is not None
        big = png(6) + bytes(6 * 1024 * 1024)  # a picture followed by padding: 6 MiB in all
        uploaded = ispws.upload(number, big, name="big.bin")
        assert uploaded.code == 0
        assert uploaded.md5 == hashlib.md5(big).hexdigest()

    def test_resubmitting_with_the_same_provider_report_id_is_idempotent(self, ispws: Ispws) -> None:
        raw = (CORPUS / "reports" / "v20-eu-extension.xml").read_bytes()
        first, again = ispws.submit(raw), ispws.submit(raw)
        assert first.code == again.code == 0
        assert first.report_id == again.report_id

    def test_unmapped_elements_are_kept_verbatim(self, ispws: Ispws, ctx: Context) -> None:
        number = ispws.submit((CORPUS / "reports" / "v22-foreign-namespace.xml").read_bytes()).report_id
        assert number is not None
        ispws.finish(number)
        unmapped = stored(ctx, "Example Chat", number)["source"]["unmapped"]
        paths = [u["path"] for u in unmapped]
        assert "/report/{https://acme.example/ncmec-extra}caseRef" in paths
        assert "/report/reporter/@{https://acme.example/ncmec-extra}team" in paths
        assert any("ACME-77" in u["xml"] for u in unmapped)


class TestStates:
    def test_unknown_report_is_5001(self, ispws: Ispws) -> None:
        assert ispws.finish(12345).code == 5001
        assert ispws.retract(12345).code == 5001
        assert ispws.upload(12345, png(1)).code == 5001
        got = ispws.fileinfo(12345, details("f1"))
        assert (got.http, got.code) == (404, 5001)

    def test_another_providers_report_is_5001(self, ispws: Ispws, client: TestClient, ctx: Context) -> None:
        number = ispws.submit(MINIMAL).report_id
        assert number is not None
        with ctx.unit() as session:
            _, key = providers.add_provider(session, "Other Cloud")
        other = Ispws(client, basic("Other Cloud", key))
        assert other.finish(number).code == 5001
        assert other.upload(number, png(1)).code == 5001

    def test_unknown_file_is_5002(self, ispws: Ispws) -> None:
        number = ispws.submit(MINIMAL).report_id
        assert number is not None
        assert ispws.fileinfo(number, details("nope")).code == 5002

    def test_finished_report_refuses_changes_with_5102(self, ispws: Ispws) -> None:
        number = ispws.submit(MINIMAL).report_id
        assert number is not None
        file_id = ispws.upload(number, png(1)).file_id
        assert file_id is not None
        assert ispws.finish(number).code == 0
        assert ispws.finish(number).code == 0  # finishing twice is harmless
        assert ispws.upload(number, png(2)).code == 5102
        assert ispws.fileinfo(number, details(file_id)).code == 5102
        got = ispws.retract(number)
        assert (got.http, got.code) == (409, 5102)

    def test_retracted_report_refuses_changes_with_5101(self, ispws: Ispws) -> None:
        number = ispws.submit(MINIMAL).report_id
        assert number is not None
        assert ispws.retract(number).code == 0
        assert ispws.upload(number, png(2)).code == 5101
        assert ispws.finish(number).code == 5101

    def test_bad_ids_and_forms_are_4000(self, ispws: Ispws) -> None:
        r = ispws.client.post(f"{PREFIX}/finish", data={"id": "abc"}, headers=ispws.headers)
        assert answer(r).code == 4000
        r = ispws.client.post(f"{PREFIX}/upload", data={"id": "1"}, headers=ispws.headers)
        assert answer(r).code == 4000
        number = ispws.submit(MINIMAL).report_id
        assert ispws.upload(number or 0, png(1), ref="bad ref!").code == 4000

    def test_malformed_forms_are_4000(self, ispws: Ispws) -> None:
        number = ispws.submit(MINIMAL).report_id
        files = {"file": ("x.bin", b"abc", "application/octet-stream")}
        r = ispws.client.post(
            f"{PREFIX}/finish", data={"id": f"{number}"}, files=files, headers=ispws.headers
        )
        assert (r.status_code, answer(r).code) == (400, 4000)
        broken = {**ispws.headers, "Content-Type": "multipart/form-data; boundary=x"}
        r = ispws.client.post(f"{PREFIX}/upload", content=b"--x\r\nnot a part", headers=broken)
        assert (r.status_code, answer(r).code) == (400, 4000)

    def test_malformed_image_is_4200(self, ispws: Ispws) -> None:
        number = ispws.submit(MINIMAL).report_id
        files = {"file": ("x.png", b"\x89PNG\r\n\x1a\n truncated", "image/png")}
        r = ispws.client.post(
            f"{PREFIX}/upload", data={"id": str(number)}, files=files, headers=ispws.headers
        )
        assert answer(r).code == 4200

    def test_hash_only_file_and_hash_mismatch(self, ispws: Ispws, ctx: Context) -> None:
        number = ispws.submit(MINIMAL).report_id
        assert number is not None
        tl = 'xmlns:tl="urn:tipline:ncmec-extension:1"'
        declared = details("h1", f'<tl:hashes {tl} md5="{"a" * 32}"/>')
        assert ispws.fileinfo(number, declared).code == 0
        up = ispws.upload(number, png(9), ref="u1")
        wrong = details("u1", f'<tl:hashes {tl} md5="{"0" * 32}"/>')
        got = ispws.fileinfo(number, wrong)
        assert got.code == 4100
        right = details("u1", f'<tl:hashes {tl} md5="{up.md5}"/>')
        assert ispws.fileinfo(number, right).code == 0
        assert ispws.finish(number).files == ["h1", "u1"]


def test_the_prefix_is_configurable(settings: Settings, ctx: Context, provider_key: str) -> None:
    moved = settings.model_copy(update={"ispws_prefix": "/cybertip/ispws"})
    with TestClient(create_app(moved)) as c:
        assert answer(c.get("/cybertip/ispws/status", headers=basic("Example Chat", provider_key))).code == 0
        assert c.get("/ispws/status").status_code == 404


def test_openapi_documents_the_protocol(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {f"{PREFIX}/{p}" for p in ("status", "submit", "upload", "fileinfo", "finish", "retract")} <= set(
        paths
    )


def test_no_event_holds_report_content(ispws: Ispws, ctx: Context) -> None:
    number = ispws.submit(PERSON).report_id
    assert number is not None
    ispws.upload(number, png(1), ref="f1")
    ispws.fileinfo(number, details("f1", "<fileName>secret-name.png</fileName>"))
    with ctx.unit() as session:
        from tipline.models import ReportEvent

        data = [str(e.data) for e in session.query(ReportEvent).all()]
    assert not any("pat_example" in d or "secret-name" in d for d in data)
