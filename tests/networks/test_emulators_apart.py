"""The product never imports the emulators: they live in ``gospablik_emulators``, which only
the ``gospablik emulator`` CLI dispatch and the demo's network loader may name."""

from __future__ import annotations

import ast
from pathlib import Path

import gospablik

PRODUCT = Path(gospablik.__file__).parent
ALLOWED = {"cli.py", "web/demo_networks.py"}


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.startswith("gospablik_emulators"):
                names.add(node.value)  # importlib targets such as "module:function"
    return names


def _top(name: str) -> str:
    return name.split(":")[0].split(".")[0]


def offenders(root: Path = PRODUCT) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative in ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        if any(_top(name) == "gospablik_emulators" for name in _imports(tree)):
            found.append(relative)
    return found


def test_no_product_module_imports_the_emulators():
    assert offenders() == []


def test_the_check_sees_every_way_of_importing(tmp_path):
    samples = {
        "a.py": "from gospablik_emulators.vk.emulator import make_app\n",
        "b.py": "import gospablik_emulators.server\n",
        "c.py": "import importlib\nimportlib.import_module('gospablik_emulators.ok.emulator')\n",
        "web/demo_networks.py": "from gospablik_emulators.server import serve_in_thread\n",
        "fine.py": "from gospablik.networks.vk.connector import VKConnector\n",
    }
    for name, text in samples.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert offenders(tmp_path) == ["a.py", "b.py", "c.py"]


def test_the_allowed_modules_do_name_the_emulators():
    for relative in ALLOWED:
        assert "gospablik_emulators" in (PRODUCT / relative).read_text(encoding="utf-8")
