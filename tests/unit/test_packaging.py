"""What the package imports is what ``pip install .`` installs: a platform set up by scripts/serve.sh has no test
extras, so a library only the tests bring in would fail there with ModuleNotFoundError (it did: the audit's
Playwright, the LLM customer's httpx)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "barrierfree"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_top_level_modules() -> set[str]:
    modules = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"barrierfree"}


def test_every_library_the_package_imports_is_a_dependency_or_an_optional_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(requirement) for requirement in project["dependencies"]}
    brought = {_name(r) for dist in declared for r in metadata.requires(dist) or () if "extra ==" not in r}
    extras = {
        _name(requirement)
        for group, requirements in project["optional-dependencies"].items()
        if group != "test"
        for requirement in requirements
    }
    distributions = metadata.packages_distributions()
    missing = {}
    for module in sorted(_imported_top_level_modules()):
        # An extra that is not installed here (faster-whisper) is known by its module name only.
        names = {name.lower().replace("_", "-") for name in distributions.get(module, [module])}
        if not names & (declared | brought | extras):
            missing[module] = sorted(names)
    assert not missing, f"imported by src/barrierfree but installed only with the test extras: {missing}"
