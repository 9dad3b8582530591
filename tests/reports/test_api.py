"""The report API, end to end through HTTP: protocol, idempotency, ownership and every bad-input class."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.factories.reports import minimal, png, rich, with_upload

from tipline.app import create_app
from tipline.config import Settings
from tipline.context import Context
from tipline.models import Report, ReportEvent, ReportFile
from tipline.reports import repository, service

URL = "/api/v1/reports"


def blobs_on_disk(settings: Settings) -> list[Path]:
    return [p for p in (settings.data_dir / "evidence").rglob("*") if p.is_file()]


def count(ctx: Context, model: type) -> int:
    with ctx.unit() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


class TestCreate:
    def test_rich_report_is_received_and_finished(self, client: TestClient, auth: dict, ctx: Context) -> None:
        r = client.post(URL, json=rich(), headers=auth)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["status"] == "received"
        assert body["created"] is True
        assert [e["kind"] for e in body["events"]] == ["report.received", "report.finished"]
        assert body["files"][0]["state"] == "hashes_only"
        assert body["files"][0]["md5"] == "0" * 32

    def test_answer_is_the_documented_receipt(self, client: TestClient, auth: dict) -> None:
        from tipline.reports.schemas import ReportReceipt

        created = client.post(URL, json=rich(), headers=auth).json()
        assert ReportReceipt.model_validate(created).created is True
        shown = client.get(f"{URL}/{created['id']}", headers=auth).json()
        assert {k: v for k, v in created.items() if k != "created"} == shown

    def test_content_is_kept_whole_and_sealed(self, client: TestClient, auth: dict, ctx: Context) -> None:
        r = client.post(URL, json=rich(), headers=auth)
        with ctx.unit() as session:
            report = session.get(Report, uuid.UUID(r.json()["id"]))
            assert report is not None
            assert b"sunny_day" not in report.content_sealed
            content = service.read_content(ctx.keyring, report)
        assert content["reported_persons"][0]["screen_name"] == "sunny_day"  # type: ignore[index]
        assert content["extensions"] == {"vendor_score": 0.97}
        assert "finish" not in content

    def test_get_shows_status_to_its_provider(self, client: TestClient, auth: dict) -> None:
        report_id = client.post(URL, json=rich(), headers=auth).json()["id"]
        r = client.get(f"{URL}/{report_id}", headers=auth)
        assert r.status_code == 200
        assert r.json()["provider_report_id"] == "rich-1"
        assert r.json()["decisions"] == []

    def test_events_form_a_verifiable_chain(self, client: TestClient, auth: dict, ctx: Context) -> None:
        report_id = client.post(URL, json=with_upload(), headers=auth).json()["id"]
        client.post(
            f"{URL}/{report_id}/files",
            data={"ref": "f1"},
            files={"file": ("f1.png", png(1), "image/png")},
            headers=auth,
        )
        client.post(f"{URL}/{report_id}/finish", headers=auth)
        with ctx.unit() as session:
            events = repository.load_full(session, uuid.UUID(report_id)).events
            assert [e.kind for e in events] == [
                "report.received",
                "report.file_added",
                "report.finished",
            ]
            assert repository.verify_chain(events)
            events[1].data = {"ref": "forged"}
            assert not repository.verify_chain(events)
            session.rollback()


class TestIdempotency:
    def test_same_content_returns_existing_report(self, client: TestClient, auth: dict, ctx: Context) -> None:
        first = client.post(URL, json=rich(), headers=auth)
        again = client.post(URL, json=rich(), headers=auth)
        assert again.status_code == 200
        assert again.json()["id"] == first.json()["id"]
        assert again.json()["created"] is False
        assert count(ctx, Report) == 1
        assert count(ctx, ReportEvent) == 2

    def test_finish_flag_is_not_content(self, client: TestClient, auth: dict) -> None:
        first = client.post(URL, json=minimal(finish=False), headers=auth)
        assert first.json()["status"] == "open"
        again = client.post(URL, json=minimal(), headers=auth)
        assert again.status_code == 200

    def test_different_content_is_a_conflict(self, client: TestClient, auth: dict) -> None:
        first = client.post(URL, json=rich(), headers=auth)
        changed = rich(additional_info="something else")
        r = client.post(URL, json=changed, headers=auth)
        assert r.status_code == 409
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "report_conflict"
        assert r.json()["report_id"] == first.json()["id"]

    def test_same_id_from_two_providers_is_two_reports(
        self, client: TestClient, auth: dict, other_auth: dict, ctx: Context
    ) -> None:
        assert client.post(URL, json=minimal(), headers=auth).status_code == 201
        assert client.post(URL, json=minimal(), headers=other_auth).status_code == 201
        assert count(ctx, Report) == 2


class TestAuth:
    @pytest.mark.parametrize(
        "header", [None, "Bearer nonsense", "Basic abc", "Bearer tl_0123456789abcdef_" + "A" * 43]
    )
    def test_missing_or_wrong_key_is_401(self, client: TestClient, header: str | None) -> None:
        headers = {} if header is None else {"Authorization": header}
        r = client.post(URL, json=minimal(), headers=headers)
        assert r.status_code == 401
        assert r.json()["code"] == "unauthenticated"
        assert r.headers["www-authenticate"] == "Bearer"

    def test_key_is_checked_before_the_body(self, client: TestClient) -> None:
        r = client.post(URL, json={"not": "a report"}, headers={"Authorization": "Bearer nonsense"})
        assert r.status_code == 401

    def test_another_providers_report_is_404(self, client: TestClient, auth: dict, other_auth: dict) -> None:
        report_id = client.post(URL, json=with_upload(), headers=auth).json()["id"]
        for method, path in [("GET", ""), ("POST", "/finish"), ("POST", "/retract")]:
            r = client.request(method, f"{URL}/{report_id}{path}", headers=other_auth)
            assert r.status_code == 404, path
            assert r.json()["code"] == "report_not_found"
        r = client.post(
            f"{URL}/{report_id}/files",
            data={"ref": "f1"},
            files={"file": ("f1.png", png(), "image/png")},
            headers=other_auth,
        )
        assert r.status_code == 404

    def test_unknown_report_is_404(self, client: TestClient, auth: dict) -> None:
        assert client.get(f"{URL}/{uuid.uuid4()}", headers=auth).status_code == 404


class TestSchemaErrors:
    def pointers(self, r) -> set[str]:  # type: ignore[no-untyped-def]
        assert r.status_code == 422, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "invalid_report"
        return {e["pointer"] for e in r.json()["errors"]}

    def test_each_bad_field_is_located(self, client: TestClient, auth: dict) -> None:
        payload = rich()
        payload["files"][0]["hashes"]["md5"] = "xyz"
        payload["reported_persons"][0]["ip_events"][0]["port"] = 70000
        payload["incident"]["time"] = "2026-02-28T21:15:00"  # no zone
        payload["victims"][0]["age"] = -1
        payload["unknown_field"] = 1
        pointers = self.pointers(client.post(URL, json=payload, headers=auth))
        assert "/files/0/hashes/md5" in pointers
        assert "/reported_persons/0/ip_events/0/port" in pointers
        assert "/incident/time" in pointers
        assert "/victims/0/age" in pointers
        assert "/unknown_field" in pointers

    def test_missing_required_parts(self, client: TestClient, auth: dict) -> None:
        pointers = self.pointers(client.post(URL, json={"provider_report_id": "x"}, headers=auth))
        assert {"/incident", "/service"} <= pointers

    def test_refs_must_resolve(self, client: TestClient, auth: dict) -> None:
        payload = rich()
        payload["texts"][0]["author_ref"] = "nobody"
        payload["files"].append(dict(payload["files"][0]))
        r = client.post(URL, json=payload, headers=auth)
        assert r.status_code == 422
        pointers = {e["pointer"] for e in r.json()["errors"]}
        assert pointers == {"/texts/0/author_ref", "/files/1/ref"}

    def test_file_without_hash_or_bytes(self, client: TestClient, auth: dict) -> None:
        payload = minimal(files=[{"ref": "f1"}])
        assert "/files/0" in self.pointers(client.post(URL, json=payload, headers=auth))

    def test_urgent_needs_a_reason(self, client: TestClient, auth: dict) -> None:
        payload = minimal(flags={"urgent": True})
        assert "/flags" in self.pointers(client.post(URL, json=payload, headers=auth))

    def test_source_is_reserved_for_tipline(self, client: TestClient, auth: dict) -> None:
        payload = minimal(source={"format": "ncmec_xml"})
        r = client.post(URL, json=payload, headers=auth)
        assert r.status_code == 422
        assert "/source" in self.pointers(r)

    def test_malformed_json_is_400(self, client: TestClient, auth: dict) -> None:
        r = client.post(
            URL,
            content=b'{"provider_report_id": ',
            headers={**auth, "Content-Type": "application/json"},
        )
        assert r.status_code == 400
        assert r.json()["code"] == "malformed_json"

    def test_report_must_be_sent_as_json(self, client: TestClient, auth: dict) -> None:
        r = client.post(
            URL,
            content=b"provider_report_id=x",
            headers={**auth, "Content-Type": "application/x-www-form-urlencoded"},
        )
        assert r.status_code == 415
        assert r.json()["code"] == "unsupported_media_type"

    def test_body_that_is_not_an_object(self, client: TestClient, auth: dict) -> None:
        r = client.post(URL, json=[1, 2], headers=auth)
        assert r.status_code == 422
        assert r.json()["errors"][0]["pointer"] == "/"

    def test_nothing_is_written_for_a_bad_report(self, client: TestClient, auth: dict, ctx: Context) -> None:
        client.post(URL, json={"provider_report_id": "x"}, headers=auth)
        assert count(ctx, Report) == count(ctx, ReportEvent) == 0


class TestUploads:
    def open_report(self, client: TestClient, auth: dict, **kw: str) -> str:
        r = client.post(URL, json=with_upload(**kw), headers=auth)
        assert r.status_code == 201, r.text
        assert r.json()["status"] == "open"
        assert r.json()["awaiting_files"] == ["f1"]
        return str(r.json()["id"])

    def upload(
        self,
        client: TestClient,
        auth: dict,
        report_id: str,
        data: bytes,
        ref: str = "f1",
        media_type: str = "image/png",
    ):  # type: ignore[no-untyped-def]
        return client.post(
            f"{URL}/{report_id}/files",
            data={"ref": ref},
            files={"file": (f"{ref}.png", data, media_type)},
            headers=auth,
        )

    def test_upload_hashes_and_finish(self, client: TestClient, auth: dict, settings: Settings) -> None:
        data = png(7)
        report_id = self.open_report(client, auth, sha256=hashlib.sha256(data).hexdigest())
        r = self.upload(client, auth, report_id, data)
        assert r.status_code == 201, r.text
        f = r.json()
        assert f["state"] == "received"
        assert f["md5"] == hashlib.md5(data).hexdigest()
        assert f["sha1"] == hashlib.sha1(data).hexdigest()
        assert f["size"] == len(data)
        assert f["media_type"] == "image/png"
        assert len(f["pdq"]) == 64
        assert f["pdq_quality"] >= 50
        assert f["hash_check"] == "verified"
        r = client.post(f"{URL}/{report_id}/finish", headers=auth)
        assert r.status_code == 200
        assert r.json()["status"] == "received"
        [blob] = blobs_on_disk(settings)
        assert data not in blob.read_bytes()

    def test_stored_bytes_decrypt_to_the_upload(self, client: TestClient, auth: dict, ctx: Context) -> None:
        data = png(8)
        report_id = self.open_report(client, auth)
        self.upload(client, auth, report_id, data)
        with ctx.unit() as session:
            row = session.scalars(select(ReportFile)).one()
            assert row.blob_id is not None
            assert b"".join(ctx.blobs.open(row.blob_id)) == data
            assert row.hash_check == "not_supplied"

    def test_same_bytes_again_is_harmless(self, client: TestClient, auth: dict, ctx: Context) -> None:
        report_id = self.open_report(client, auth)
        assert self.upload(client, auth, report_id, png(1)).status_code == 201
        assert self.upload(client, auth, report_id, png(1)).status_code == 200
        assert self.upload(client, auth, report_id, png(2)).json()["code"] == "file_conflict"
        assert count(ctx, ReportEvent) == 2

    def test_declared_hash_mismatch_is_refused(
        self, client: TestClient, auth: dict, settings: Settings
    ) -> None:
        report_id = self.open_report(client, auth, md5="f" * 32)
        r = self.upload(client, auth, report_id, png(3))
        assert r.status_code == 422
        assert r.json()["code"] == "hash_mismatch"
        assert r.json()["errors"][0]["pointer"] == "/files/0/hashes/md5"
        assert blobs_on_disk(settings) == []

    def test_unknown_ref(self, client: TestClient, auth: dict) -> None:
        report_id = self.open_report(client, auth)
        r = self.upload(client, auth, report_id, png(), ref="nope")
        assert r.status_code == 422
        assert r.json()["code"] == "unknown_file_ref"

    def test_missing_parts(self, client: TestClient, auth: dict) -> None:
        report_id = self.open_report(client, auth)
        r = client.post(f"{URL}/{report_id}/files", data={"x": "1"}, headers=auth)
        assert r.status_code == 422
        assert {e["pointer"] for e in r.json()["errors"]} == {"/ref", "/file"}

    def test_malformed_image_is_refused(
        self, client: TestClient, auth: dict, settings: Settings, ctx: Context
    ) -> None:
        report_id = self.open_report(client, auth)
        r = self.upload(client, auth, report_id, b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
        assert r.status_code == 422
        assert r.json()["code"] == "malformed_media"
        truncated = png(4)[:300]
        r = self.upload(client, auth, report_id, truncated)
        assert r.json()["code"] == "malformed_media"
        assert blobs_on_disk(settings) == []
        assert count(ctx, ReportEvent) == 1

    def test_decompression_bomb_is_refused(self, client: TestClient, auth: dict, settings: Settings) -> None:
        import io

        from PIL import Image

        buf = io.BytesIO()
        Image.new("1", (12000, 12000)).save(buf, "PNG")  # ~20 KB on the wire, 144 Mpx decoded
        report_id = self.open_report(client, auth)
        r = self.upload(client, auth, report_id, buf.getvalue())
        assert r.status_code == 422
        assert r.json()["code"] == "decompression_bomb"
        assert blobs_on_disk(settings) == []

    def test_finish_needs_all_files(self, client: TestClient, auth: dict) -> None:
        report_id = self.open_report(client, auth)
        r = client.post(f"{URL}/{report_id}/finish", headers=auth)
        assert r.status_code == 409
        assert r.json()["code"] == "files_missing"
        assert r.json()["awaiting_files"] == ["f1"]

    def test_upload_to_finished_report_is_refused(self, client: TestClient, auth: dict) -> None:
        report_id = client.post(URL, json=minimal(), headers=auth).json()["id"]
        r = self.upload(client, auth, report_id, png())
        assert r.status_code == 409
        assert r.json()["code"] == "report_finished"


class TestRetract:
    def test_retract_open_report(self, client: TestClient, auth: dict) -> None:
        report_id = client.post(URL, json=with_upload(), headers=auth).json()["id"]
        r = client.post(f"{URL}/{report_id}/retract", headers=auth)
        assert r.status_code == 200
        assert r.json()["status"] == "retracted"
        assert client.post(f"{URL}/{report_id}/retract", headers=auth).status_code == 200
        r = client.post(f"{URL}/{report_id}/finish", headers=auth)
        assert r.status_code == 409
        assert r.json()["code"] == "report_retracted"

    def test_finished_report_cannot_be_retracted(self, client: TestClient, auth: dict) -> None:
        report_id = client.post(URL, json=minimal(), headers=auth).json()["id"]
        r = client.post(f"{URL}/{report_id}/retract", headers=auth)
        assert r.status_code == 409
        assert r.json()["code"] == "report_finished"
        assert client.post(f"{URL}/{report_id}/finish", headers=auth).status_code == 200


class TestLimits:
    @pytest.fixture
    def small(self, settings: Settings, ctx: Context):  # type: ignore[no-untyped-def]
        limited = settings.model_copy(update={"max_report_bytes": 2000, "max_file_bytes": 4000})
        with TestClient(create_app(limited)) as c:
            yield c

    def test_oversize_report_is_413(self, small: TestClient, auth: dict, ctx: Context) -> None:
        r = small.post(URL, json=rich(additional_info="x" * 5000), headers=auth)
        assert r.status_code == 413
        assert r.json()["code"] == "payload_too_large"
        assert count(ctx, Report) == 0

    def test_oversize_chunked_body_is_413(self, small: TestClient, auth: dict) -> None:
        def chunks():  # type: ignore[no-untyped-def]
            yield b'{"provider_report_id": "' + b"x" * 1500
            yield b"x" * 1500 + b'"}'

        r = small.post(URL, content=chunks(), headers={**auth, "Content-Type": "application/json"})
        assert r.status_code == 413

    def test_oversize_file_is_413(
        self, small: TestClient, auth: dict, settings: Settings, ctx: Context
    ) -> None:
        report_id = small.post(URL, json=with_upload(), headers=auth).json()["id"]
        r = small.post(
            f"{URL}/{report_id}/files",
            data={"ref": "f1"},
            files={"file": ("big.bin", b"\0" * 10_000, "application/octet-stream")},
            headers=auth,
        )
        assert r.status_code == 413
        assert blobs_on_disk(settings) == []
        with ctx.unit() as session:
            assert session.scalars(select(ReportFile.state)).one() == "awaiting_bytes"


class TestConcurrency:
    def test_simultaneous_identical_submissions_make_one_report(
        self, client: TestClient, auth: dict, ctx: Context
    ) -> None:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(8) as pool:
            codes = list(
                pool.map(lambda _: client.post(URL, json=rich(), headers=auth).status_code, range(8))
            )
        assert sorted(codes) == [200] * 7 + [201]
        assert count(ctx, Report) == 1
        assert count(ctx, ReportEvent) == 2
