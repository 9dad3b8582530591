"""The submit client: uploads declared files and finishes; a missing local file is a rejection."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.factories.reports import png, with_upload

from tipline.client.submit import Rejected, Submitter


@pytest.fixture
def submitter(client: TestClient, provider_key: str, tmp_path: Path) -> Submitter:
    sub = Submitter("http://testserver", provider_key, tmp_path, attempts=1)
    client.headers["Authorization"] = f"Bearer {provider_key}"
    sub.client = client
    return sub


def test_uploads_and_finishes(submitter: Submitter, client: TestClient, tmp_path: Path) -> None:
    (tmp_path / "f1.png").write_bytes(png(5))
    assert submitter.submit_one(with_upload("s-1")) == "accepted"
    assert submitter.submit_one(with_upload("s-1")) == "duplicate"


def test_missing_local_file_is_a_rejection(submitter: Submitter) -> None:
    with pytest.raises(Rejected) as exc:
        submitter.submit_one(with_upload("s-2"))
    assert exc.value.code == "file_missing_locally"
