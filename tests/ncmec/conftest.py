"""Fixtures for the CyberTipline XML protocol: Basic credentials and a small protocol client."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tipline.config import Settings

PREFIX = "/ispws"


def basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@dataclass
class Answer:
    http: int
    code: int
    description: str
    report_id: int | None
    file_id: str | None
    md5: str | None
    files: list[str]
    root: str


def answer(r: Response) -> Answer:
    root = ET.fromstring(r.content)

    def text(name: str) -> str | None:
        el = root.find(name)
        return None if el is None else el.text

    report_id = text("reportId")
    return Answer(
        r.status_code,
        int(text("responseCode") or -1),
        text("responseDescription") or "",
        None if report_id is None else int(report_id),
        text("fileId"),
        text("hash"),
        [e.text or "" for e in root.findall("files/fileId")],
        root.tag,
    )


@dataclass
class Ispws:
    """The protocol as a provider's integration drives it."""

    client: TestClient
    headers: dict[str, str]

    def status(self) -> Answer:
        return answer(self.client.get(f"{PREFIX}/status", headers=self.headers))

    def submit(self, xml: bytes) -> Answer:
        headers = {**self.headers, "Content-Type": "text/xml; charset=utf-8"}
        return answer(self.client.post(f"{PREFIX}/submit", content=xml, headers=headers))

    def upload(self, report_id: int, data: bytes, name: str = "f.png", ref: str | None = None) -> Answer:
        fields = {"id": str(report_id)} | ({"ref": ref} if ref else {})
        files = {"file": (name, data, "application/octet-stream")}
        return answer(self.client.post(f"{PREFIX}/upload", data=fields, files=files, headers=self.headers))

    def fileinfo(self, report_id: int | None, xml: bytes) -> Answer:
        """Post ``xml`` with its reportId replaced by ``report_id`` (None: as it is)."""
        if report_id is not None:
            xml = re.sub(
                rb"<reportId>\d+</reportId>", f"<reportId>{report_id}</reportId>".encode(), xml, count=1
            )
        headers = {**self.headers, "Content-Type": "text/xml; charset=utf-8"}
        return answer(self.client.post(f"{PREFIX}/fileinfo", content=xml, headers=headers))

    def finish(self, report_id: int) -> Answer:
        return answer(self.client.post(f"{PREFIX}/finish", data={"id": str(report_id)}, headers=self.headers))

    def retract(self, report_id: int) -> Answer:
        return answer(
            self.client.post(f"{PREFIX}/retract", data={"id": str(report_id)}, headers=self.headers)
        )


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A small XML limit, so that the corpus's oversize document is refused by tipline's own check."""
    settings.ispws_max_xml_bytes = 64 * 1024
    return settings


@pytest.fixture
def ispws_auth(provider_key: str) -> dict[str, str]:
    return basic("Example Chat", provider_key)


@pytest.fixture
def ispws(client: TestClient, ispws_auth: dict[str, str]) -> Ispws:
    return Ispws(client, ispws_auth)
