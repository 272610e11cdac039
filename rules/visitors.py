"""LibCST's visitor and transformer base classes, dispatching faster.

LibCST finds ``visit_<Node>`` / ``leave_<Node>`` by formatting the name and calling
``getattr`` at every node, and looks for ``visit_<Node>_<attribute>`` methods at every
child attribute of every node, twice. No rule here has attribute methods, and a class's
methods do not change while it walks, so these classes skip the attribute hooks and
look each node type's methods up once per class. On real trees this is about a fifth of
a rule's walk (``benchmarks/bench.py``). Every visitor and transformer of the rules
derives from these.
"""
from __future__ import annotations

import libcst as cst

_NONE = object()


def _table(cls: type, prefix: str) -> dict:
    key = f"_dispatch_{prefix}"
    table = cls.__dict__.get(key)
    if table is None:
        table = {}
        setattr(cls, key, table)
    return table


def _method(cls: type, prefix: str, kind: type):
    table = _table(cls, prefix)
    fn = table.get(kind, _NONE)
    if fn is _NONE:
        fn = table[kind] = getattr(cls, f"{prefix}_{kind.__name__}", None)
    return fn


class Visitor(cst.CSTVisitor):
    def on_visit(self, node: cst.CSTNode) -> bool:
        fn = _method(type(self), "visit", type(node))
        return fn is None or fn(self, node) is not False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        fn = _method(type(self), "leave", type(original_node))
        if fn is not None:
            fn(self, original_node)

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass


class Transformer(cst.CSTTransformer):
    def on_visit(self, node: cst.CSTNode) -> bool:
        fn = _method(type(self), "visit", type(node))
        return fn is None or fn(self, node) is not False

    def on_leave(self, original_node, updated_node):
        fn = _method(type(self), "leave", type(original_node))
        return updated_node if fn is None else fn(self, original_node, updated_node)

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass
