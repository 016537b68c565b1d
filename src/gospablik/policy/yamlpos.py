"""Where things are in a YAML text: line numbers of field paths, duplicate keys.

Used only to make error messages point at the right line and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_CHARS = 500_000  # the presets are ~20 000
MAX_DEPTH = 50  # the presets nest 6 deep
MAX_NODES = 100_000  # counted with every alias expanded: an alias bomb stops here


class TooComplex(yaml.YAMLError):
    """A text over the limits; its message is for the person."""


def parse(text: str) -> tuple[Any, PositionMap]:
    """Load YAML once: the data and where each of its fields is (YAMLError if broken or
    over the limits of size, nesting and alias expansion)."""
    if len(text) > MAX_CHARS:
        raise TooComplex(f"текст слишком большой: больше {MAX_CHARS} символов")
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        check_limits(node)
        data = loader.construct_document(node) if node is not None else None
    except RecursionError as error:
        raise TooComplex(f"слишком глубокая вложенность: больше {MAX_DEPTH} уровней") from error
    finally:
        loader.dispose()
    return data, PositionMap.of_node(node)


def check_limits(root: Node | None) -> None:
    """Walk the node graph as the data would be built (aliases expanded), without
    recursion, and stop at the first limit passed."""
    stack: list[tuple[Node, int]] = [(root, 1)] if root is not None else []
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH:
            raise TooComplex(f"слишком глубокая вложенность: больше {MAX_DEPTH} уровней")
        if seen > MAX_NODES:
            raise TooComplex(
                f"слишком много значений (с раскрытыми ссылками-якорями больше {MAX_NODES})"
            )
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            stack.extend((part, depth + 1) for pair in node.value for part in pair)


_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[A-Za-z_][\w-]*)\s*:(\s|$)")
_DASH_LINE = re.compile(r"^(?P<indent>\s*)-(\s|$)")


class PositionMap:
    """Dotted field path → 1-based line, plus keys that occur twice in one mapping.

    >>> pm = PositionMap.of("a:\\n  b: 1\\n  b: 2\\nc:\\n  - x: 1\\n")
    >>> pm.line_of("c.0.x"), pm.line_of("a.missing"), pm.duplicates
    (5, 1, [('a.b', 3)])
    """

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}
        self.duplicates: list[tuple[str, int]] = []

    @classmethod
    def of(cls, text: str) -> PositionMap:
        try:
            return cls.of_node(yaml.compose(text, Loader=SafeLoader))
        except yaml.YAMLError:
            return cls()

    @classmethod
    def of_node(cls, root: Node | None) -> PositionMap:
        positions = cls()
        if root is not None:
            positions._walk(root, "")
        return positions

    def _walk(self, node: Node, path: str) -> None:
        if isinstance(node, MappingNode):
            self._walk_mapping(node, path)
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                self._visit(f"{path}.{i}" if path else str(i), item.start_mark.line, item)

    def _walk_mapping(self, node: MappingNode, path: str) -> None:
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else "?"
            child = f"{path}.{key}" if path else str(key)
            if child in self.lines:
                self.duplicates.append((child, key_node.start_mark.line + 1))
                continue
            self._visit(child, key_node.start_mark.line, value_node)

    def _visit(self, path: str, line: int, node: Node) -> None:
        self.lines[path] = line + 1
        self._walk(node, path)

    def line_of(self, path: str) -> int | None:
        """The line of ``path`` or of its closest ancestor that is in the text."""
        parts = path.split(".") if path else []
        while parts:
            line = self.lines.get(".".join(parts))
            if line is not None:
                return line
            parts.pop()
        return None


@dataclass
class _Frame:
    indent: int
    name: str | int  # a key, or the index of a list item
    next_index: int = 0


def path_at_line(text: str, line: int) -> str:
    """Best guess of the field path around a 1-based ``line`` (for syntax errors).

    >>> path_at_line("a:\\n  b:\\n    c: 1\\n  d:\\n    - x: 1\\n    - y: [\\n", 6)
    'a.d.1.y'
    """
    stack: list[_Frame] = []
    for raw in text.splitlines()[:line]:
        _push_line(stack, raw)
    return ".".join(str(frame.name) for frame in stack)


def _pop_to(stack: list[_Frame], indent: int, keep_equal_key: bool) -> None:
    while stack:
        top = stack[-1]
        is_item = isinstance(top.name, int)
        if top.indent > indent or (top.indent == indent and (is_item or not keep_equal_key)):
            stack.pop()
        else:
            return


def _push_item(stack: list[_Frame], indent: int) -> None:
    _pop_to(stack, indent, keep_equal_key=True)
    index = 0
    if stack:
        index = stack[-1].next_index
        stack[-1].next_index += 1
    stack.append(_Frame(indent, index))


def _push_line(stack: list[_Frame], raw: str) -> None:
    if not raw.strip() or raw.lstrip().startswith("#"):
        return
    dash_match = _DASH_LINE.match(raw)
    if dash_match:
        _push_item(stack, len(dash_match["indent"]))
    key_match = _KEY_LINE.match(raw)
    if key_match:
        indent = len(key_match["indent"]) + len(key_match["dash"] or "")
        _pop_to(stack, indent, keep_equal_key=False)
        stack.append(_Frame(indent, key_match["key"]))
