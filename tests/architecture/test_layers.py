"""The dependency rule of docs/architecture.md, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tipline"
EDGES = ("api", "cli", "client", "portal")


def modules() -> list[tuple[str, ast.Module]]:
    return [
        (str(p.relative_to(SRC)), ast.parse(p.read_text(), str(p)))
        for p in SRC.rglob("*.py")
        if "migrations" not in p.parts
    ]


def imports(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_only_the_unit_of_work_commits() -> None:
    offenders = [
        name
        for name, tree in modules()
        if name != "core/db.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "commit"
    ]
    assert offenders == []


def test_edges_never_import_repositories() -> None:
    offenders = [
        (name, imp)
        for name, tree in modules()
        if name.split("/")[0] in EDGES or name.endswith("/api.py")
        for imp in imports(tree)
        if imp.endswith(".repository") or ".repository." in imp
    ]
    assert offenders == []


def test_core_and_models_do_not_import_domains_or_edges() -> None:
    inner = ("core/", "models/")
    outer = (
        "tipline.reports",
        "tipline.providers",
        "tipline.evidence",
        "tipline.api",
        "tipline.cli",
        "tipline.client",
        "tipline.synth",
        "tipline.app",
        "tipline.context",
    )
    offenders = [
        (name, imp)
        for name, tree in modules()
        if name.startswith(inner)
        for imp in imports(tree)
        if imp.startswith(outer)
    ]
    assert offenders == []


def test_services_do_not_import_web_frameworks() -> None:
    offenders = [
        (name, imp)
        for name, tree in modules()
        if name.endswith(("service.py", "repository.py", "workflow.py"))
        for imp in imports(tree)
        if imp.split(".")[0] in {"fastapi", "starlette", "typer"}
    ]
    assert offenders == []
