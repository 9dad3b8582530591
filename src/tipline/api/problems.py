"""OpenAPI descriptions of error responses, shared by the routers."""

from __future__ import annotations

from typing import Any

from tipline.reports.schemas import Problem


def problems(described: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    return {
        code: {"model": Problem, "description": text, "content": {"application/problem+json": {}}}
        for code, text in described.items()
    }
