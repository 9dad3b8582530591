"""The schema is documented: every field has a meaning, and docs/report-schema.md matches the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tipline.app import create_app
from tipline.config import Settings
from tipline.reports.schema_docs import render

ROOT = Path(__file__).resolve().parents[2]


def test_docs_file_is_generated_from_the_models() -> None:
    current = (ROOT / "docs" / "report-schema.md").read_text()
    assert current == render(), "run: tipline schema-docs > docs/report-schema.md"


def _openapi(tmp_path: Path) -> dict[str, Any]:
    return create_app(Settings(data_dir=tmp_path)).openapi()


def test_every_field_in_openapi_is_described(tmp_path: Path) -> None:
    schemas = _openapi(tmp_path)["components"]["schemas"]
    undescribed = [
        f"{name}.{field}"
        for name, model in schemas.items()
        if not name.startswith(("HTTPValidationError", "ValidationError"))
        for field, prop in model.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undescribed == []


def test_every_model_and_endpoint_is_described(tmp_path: Path) -> None:
    spec = _openapi(tmp_path)
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("summary"), f"{method} {path}"
            assert op.get("description"), f"{method} {path}"
    for name, model in spec["components"]["schemas"].items():
        if "enum" in model or name.startswith(("HTTPValidationError", "ValidationError", "JsonValue")):
            continue
        assert model.get("description"), name
