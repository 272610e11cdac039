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

import ast

import libcst as cst

# LibCST's compound statements and the ``ast`` nodes each is; with ``SimpleStatementLine``,
# every statement (what a walk keeps track of: ``rules.aliases``, ``rules.base``)
COMPOUND_STATEMENTS = {
    cst.If: (ast.If,), cst.For: (ast.For, ast.AsyncFor), cst.While: (ast.While,),
    cst.With: (ast.With, ast.AsyncWith), cst.Try: (ast.Try,), cst.TryStar: (ast.TryStar,),
    cst.FunctionDef: (ast.FunctionDef, ast.AsyncFunctionDef), cst.ClassDef: (ast.ClassDef,), cst.Match: (ast.Match,),
}
STATEMENTS = frozenset({cst.SimpleStatementLine, *COMPOUND_STATEMENTS})

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


# ---- a read-only walk -------------------------------------------------------------
# LibCST's ``node.visit(visitor)`` rebuilds every node it passes, even for a visitor that
# changes nothing; ``walk`` visits the same nodes in the same order (each node type's
# child attributes in the order LibCST visits them, read once per type from LibCST itself)
# and builds nothing: about three times faster (``benchmarks/bench.py``).

_ORDER: dict = {}


class _AttributeOrder(cst.CSTVisitor):
    def __init__(self, root: cst.CSTNode) -> None:
        self.root = root
        self.fields: list = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if node is self.root:
            self.fields.append(attribute)


def _order(node: cst.CSTNode) -> tuple:
    kind = type(node)
    fields = _ORDER.get(kind)
    if fields is None:
        recorder = _AttributeOrder(node)
        node._visit_and_replace_children(recorder)
        fields = tuple(recorder.fields)
        # a type may visit a child attribute only when it is set (an f-string's
        # format_spec): the order is kept for the type only when no attribute it did not
        # visit is None here; otherwise every such node is asked again
        if not any(getattr(node, f) is None for f in node.__dataclass_fields__ if f not in fields):
            _ORDER[kind] = fields
    return fields


def walk(node: cst.CSTNode, visitor: "Visitor") -> None:
    """``node.visit(visitor)`` for a ``Visitor``, without rebuilding the tree."""
    if visitor.on_visit(node):
        for name in _ORDER.get(type(node)) or _order(node):
            value = getattr(node, name)
            if isinstance(value, (tuple, list)):
                for child in value:
                    walk(child, visitor)
            elif value is not None and not isinstance(value, cst.MaybeSentinel):
                walk(value, visitor)
    visitor.on_leave(node)


def transform(node: cst.CSTNode, transformer: "Transformer"):
    """``node.visit(transformer)`` for a ``Transformer``: the same calls in the same order,
    but a node none of whose children changed is passed on as it is (``updated_node`` is
    ``original_node``) instead of being rebuilt, so an unchanged subtree costs a read-only
    walk and an unchanged tree comes back as the same object. Removals and flattening
    follow LibCST's rules (``libcst._nodes.internal``)."""
    if transformer.on_visit(node):
        changes = None
        for name in _ORDER.get(type(node)) or _order(node):
            value = getattr(node, name)
            if isinstance(value, (tuple, list)):
                new = _transform_sequence(value, transformer, name == "body" and type(node) in _BODIES)
                if new is not None:
                    (changes := changes or {})[name] = new
            elif value is not None and not isinstance(value, cst.MaybeSentinel):
                result = transform(value, transformer)
                if result is not value:
                    if isinstance(result, cst.FlattenSentinel):
                        raise TypeError(f"We got a FlattenSentinel while visiting a {type(value).__name__}. This "
                                        "node's parent does not allow for it to be it to be replaced with a sequence.")
                    if isinstance(result, cst.RemovalSentinel):
                        default = node.__dataclass_fields__[name].default
                        if default is not None and not isinstance(default, cst.MaybeSentinel):
                            raise TypeError(f"We got a RemovalSentinel while visiting a {type(value).__name__}. "
                                            "This node's parent does not allow it to be removed.")
                        result = default
                    (changes := changes or {})[name] = result
        updated = node.with_changes(**changes) if changes else node
    else:
        updated = node
    return transformer.on_leave(node, updated)


_BODIES = (cst.Module, cst.IndentedBlock)


def _transform_sequence(children, transformer: "Transformer", body: bool):
    """The new sequence (a tuple), or None when every child came back as it was."""
    out = None
    for i, child in enumerate(children):
        result = transform(child, transformer)
        if result is child and out is None:
            continue
        if out is None:
            out = list(children[:i])
        if isinstance(result, cst.RemovalSentinel):
            continue
        if isinstance(result, cst.FlattenSentinel):
            out.extend(c for c in result if not (body and not child._is_removable() and c._is_removable()))
        elif not (body and not child._is_removable() and result._is_removable()):
            out.append(result)
    return tuple(out) if out is not None else None
