"""The one layering rule: domain packages (and core) never import the web or CLI frameworks."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import barrierfree
from barrierfree.core.catalog import domain_names, landed

FORBIDDEN = {"fastapi", "starlette", "jinja2", "typer", "uvicorn"}
PACKAGE_DIR = Path(barrierfree.__file__).parent
LAYERED = ["core", *[name for name in domain_names() if landed(name)]]


def _python_files(package: str) -> list[Path]:
    return sorted((PACKAGE_DIR / package).rglob("*.py"))


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", LAYERED)
def test_domain_source_imports_no_web_or_cli_framework(package: str) -> None:
    offenders = {
        str(path.relative_to(PACKAGE_DIR)): sorted(_imported_roots(path) & FORBIDDEN) for path in _python_files(package)
    }
    assert not {file: names for file, names in offenders.items() if names}


@pytest.mark.parametrize("package", LAYERED)
def test_importing_a_domain_loads_no_web_or_cli_framework(package: str) -> None:
    modules = [
        info.name
        for info in pkgutil.walk_packages([str(PACKAGE_DIR / package)], prefix=f"barrierfree.{package}.")
        if not info.name.rsplit(".", 1)[-1].startswith("__")
    ]
    code = (
        "import importlib, json, sys\n"
        f"for name in {[f'barrierfree.{package}', *modules]!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(FORBIDDEN)!r}))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_the_rule_would_catch_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from fastapi import APIRouter\nimport typer.main\n", encoding="utf-8")
    assert _imported_roots(bad) & FORBIDDEN == {"fastapi", "typer"}
