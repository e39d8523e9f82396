"""The house as docs/architecture.md draws it: every module on a floor, imports only going down, rooms kept small."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ghw"
MAP = ROOT / "docs" / "architecture.md"
MAX_MODULE = 500  # lines
MAX_FUNCTION = 60  # lines of a function, its docstring not counted
REASON = "Long because"


def floors(text: str) -> dict[str, int]:
    """The floor of each module the table names, by dotted name under ``ghw`` (``people.file``, ``findings``)."""
    out = {}
    for line in text.splitlines():
        row = re.match(r"\|\s*(\d+)\.[^|]*\|([^|]*)\|", line)
        if row:
            for name in re.findall(r"`([^`]+)`", row[2]):
                out[name.rstrip("/").replace("/", ".")] = int(row[1])
    return out


def modules(package: Path) -> dict[str, Path]:
    """Every module of ``package`` by dotted name (a package by its own name), but for folders with no code."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            body = ast.parse(path.read_text(encoding="utf-8")).body
            if len(parts) > 2 and all(isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) for n in body):
                continue  # a docstring only: a folder of modules, not a module
            if len(parts) > 2:
                parts = parts[:-1]  # a package by its own name; the package's root keeps ``ghw.__init__``
        out[".".join(parts)] = path
    return out


def floor_of(name: str, table: dict[str, int]) -> int | None:
    """The floor of ``ghw.a.b``: the table's entry for ``a.b``, else for ``a`` (a package named with its modules)."""
    parts = name.split(".")[1:]
    for end in range(len(parts), 0, -1):
        found = table.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every ``ghw`` module that ``path`` imports, wherever the import stands (inside functions too)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    if package[-1] == "__init__":
        package = package[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]  # a name from a module: the module
            if target == "ghw":
                target = "ghw.__init__"
            if target in known and target != name:
                out.add(target)
    return out


def upward(package: Path, text: str) -> list[str]:
    """Each import of a module on a higher floor than the importer's, as ``importer (floor) -> imported (floor)``."""
    table, known = floors(text), modules(package)
    wrong = []
    for name, path in known.items():
        mine = floor_of(name, table)
        for target in sorted(imports(name, path, known)):
            theirs = floor_of(target, table)
            if mine is not None and theirs is not None and theirs > mine:
                wrong.append(f"{name} ({mine}) -> {target} ({theirs})")
    return wrong


def oversized(package: Path) -> list[str]:
    """Modules over :data:`MAX_MODULE` lines and functions over :data:`MAX_FUNCTION`, without a reason given."""
    found = []
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package.parent).as_posix()
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        lines = len(source.splitlines())
        if lines > MAX_MODULE and not _reasoned(tree):
            found.append(f"{where}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if ast.get_docstring(node) is not None:
                    length -= node.body[0].end_lineno - node.body[0].lineno + 1
                if length > MAX_FUNCTION and not _reasoned(node):
                    found.append(f"{where}:{node.lineno} {node.name}: {length} lines")
    return found


def _reasoned(node) -> bool:
    """Whether a module's or function's docstring gives the reason for its length, in a line of its own."""
    return any(line.startswith(REASON) for line in (ast.get_docstring(node) or "").splitlines())


def test_every_module_is_in_the_table():
    table = floors(MAP.read_text(encoding="utf-8"))
    missing = [name for name in modules(PACKAGE) if floor_of(name, table) is None]
    assert not missing, f"modules on no floor of docs/architecture.md's table: {missing}"


def test_every_import_goes_to_the_same_floor_or_below():
    assert not upward(PACKAGE, MAP.read_text(encoding="utf-8"))


def test_rooms_stay_small():
    assert not oversized(PACKAGE)


def test_the_checks_find_what_they_look_for(tmp_path):
    """A tiny package with an import upward (inside a function), a module left out and a long function."""
    package = tmp_path / "ghw"
    (package / "people").mkdir(parents=True)
    (package / "__init__.py").write_text("from .low import x\n")
    (package / "people" / "__init__.py").write_text('"""Parts."""\n')
    (package / "low.py").write_text("x = 1\n\ndef late():\n    from .people import page\n    return page\n")
    (package / "people" / "page.py").write_text("from .. import low\n")
    (package / "stray.py").write_text("def long():\n" + "    pass\n" * MAX_FUNCTION)
    (package / "reasoned.py").write_text('def long():\n    """Long because it must be.\n    """\n'
                                         + "    pass\n" * MAX_FUNCTION)
    table = "| 1. files | `low`, `__init__` | |\n| 2. top | `people/page`, `reasoned` | |\n"
    assert upward(package, table) == ["ghw.low (1) -> ghw.people.page (2)"]
    assert [n for n in modules(package) if floor_of(n, floors(table)) is None] == ["ghw.stray"]
    assert oversized(package) == [f"ghw/stray.py:1 long: {MAX_FUNCTION + 1} lines"]


def test_the_table_names_only_what_is_there():
    """Each name in the table is a module, a package, or a folder beside the package (notebooks, benchmarks)."""
    known = modules(PACKAGE)
    absent = [name for name in floors(MAP.read_text(encoding="utf-8"))
              if f"ghw.{name}" not in known and not (PACKAGE / name.replace(".", "/")).is_dir()
              and not (ROOT / name).is_dir()]
    assert not absent, f"docs/architecture.md names what is neither a module nor a folder: {absent}"
