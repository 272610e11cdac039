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


class _Dispatch:
    """Per class (each subclass gets its own, ``__init_subclass__``): node type → the
    class' ``visit_<Node>`` / ``leave_<Node>`` function, or None."""

    _visits: dict = {}
    _leaves: dict = {}

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls._visits, cls._leaves = {}, {}

    def _visit_fn(self, kind: type):
        fn = self._visits.get(kind, _NONE)
        if fn is _NONE:
            fn = self._visits[kind] = getattr(type(self), f"visit_{kind.__name__}", None)
        return fn

    def _leave_fn(self, kind: type):
        fn = self._leaves.get(kind, _NONE)
        if fn is _NONE:
            fn = self._leaves[kind] = getattr(type(self), f"leave_{kind.__name__}", None)
        return fn

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass


class Visitor(_Dispatch, cst.CSTVisitor):
    def on_visit(self, node: cst.CSTNode) -> bool:
        fn = self._visit_fn(type(node))
        return fn is None or fn(self, node) is not False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        fn = self._leave_fn(type(original_node))
        if fn is not None:
            fn(self, original_node)


class Transformer(_Dispatch, cst.CSTTransformer):
    def on_visit(self, node: cst.CSTNode) -> bool:
        fn = self._visit_fn(type(node))
        return fn is None or fn(self, node) is not False

    def on_leave(self, original_node, updated_node):
        fn = self._leave_fn(type(original_node))
        return updated_node if fn is None else fn(self, original_node, updated_node)
