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


# Whitespace, comments, punctuation and operators: the leaves of LibCST's tree (more than
# half of its nodes) that hold no code a rule reads by walking. A walk passes them by
# without calling the visitor, unless its class has a ``visit_`` / ``leave_`` method for
# one of them (``_Dispatch._trivia``); a transformer returns them as they are.
TRIVIA = frozenset({
    cst.Comment, cst.EmptyLine, cst.Newline, cst.ParenthesizedWhitespace, cst.SimpleWhitespace,
    cst.TrailingWhitespace, cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
    cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.Add, cst.AddAssign, cst.And, cst.AssignEqual, cst.BitAnd,
    cst.BitAndAssign, cst.BitInvert, cst.BitOr, cst.BitOrAssign, cst.BitXor, cst.BitXorAssign, cst.Colon,
    cst.Comma, cst.Divide, cst.DivideAssign, cst.Dot, cst.Equal, cst.FloorDivide, cst.FloorDivideAssign,
    cst.GreaterThan, cst.GreaterThanEqual, cst.ImportStar, cst.In, cst.Is, cst.IsNot, cst.LeftShift,
    cst.LeftShiftAssign, cst.LessThan, cst.LessThanEqual, cst.MatrixMultiply, cst.MatrixMultiplyAssign,
    cst.Minus, cst.Modulo, cst.ModuloAssign, cst.Multiply, cst.MultiplyAssign, cst.Not, cst.NotEqual,
    cst.NotIn, cst.Or, cst.Plus, cst.Power, cst.PowerAssign, cst.RightShift, cst.RightShiftAssign,
    cst.Semicolon, cst.Subtract, cst.SubtractAssign,
})


class _Dispatch:
    """Per class (each subclass gets its own, ``__init_subclass__``): node type → the
    class' ``visit_<Node>`` / ``leave_<Node>`` function, or None; and the trivia types
    its walks pass by (``_trivia``: all of them, or none for a class with a method for one)."""

    _visits: dict = {}
    _leaves: dict = {}
    _trivia: frozenset = TRIVIA

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls._visits, cls._leaves = {}, {}
        # trivia hold trivia (a comment is in a line's trailing whitespace, which may be in
        # a comma's): a class with a method for one kind walks them all
        wants = any(_own(cls, f"{hook}_{kind.__name__}") is not None for kind in TRIVIA for hook in ("visit", "leave"))
        cls._trivia = frozenset() if wants else TRIVIA

    def _visit_fn(self, kind: type):
        fn = self._visits.get(kind, _NONE)
        if fn is _NONE:
            fn = self._visits[kind] = _own(type(self), f"visit_{kind.__name__}")
        return fn

    def _leave_fn(self, kind: type):
        fn = self._leaves.get(kind, _NONE)
        if fn is _NONE:
            fn = self._leaves[kind] = _own(type(self), f"leave_{kind.__name__}")
        return fn


def _own(cls: type, name: str):
    """``cls``'s method ``name``, or None when only LibCST's base classes have one (their
    typed ``visit_<Node>`` / ``leave_<Node>`` do nothing: a visit goes on into the node's
    children, a leave returns ``updated_node``)."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return None if klass.__module__.startswith("libcst.") else klass.__dict__[name]
    return None

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
    """``node.visit(visitor)`` for a ``Visitor``, without rebuilding the tree, passing by
    the trivia the visitor has no method for."""
    if type(node) in visitor._trivia:
        return
    _walk(node, visitor, visitor._trivia)


def _walk(node: cst.CSTNode, visitor: "Visitor", trivia: frozenset) -> None:
    if visitor.on_visit(node):
        fields = _ORDER.get(type(node))
        for name in _order(node) if fields is None else fields:
            value = getattr(node, name)
            if isinstance(value, (tuple, list)):
                for child in value:
                    if type(child) not in trivia:
                        _walk(child, visitor, trivia)
            elif value is not None and type(value) not in trivia and not isinstance(value, cst.MaybeSentinel):
                _walk(value, visitor, trivia)
    visitor.on_leave(node)


def transform(node: cst.CSTNode, transformer: "Transformer"):
    """``node.visit(transformer)`` for a ``Transformer``: the same calls in the same order,
    but a node none of whose children changed is passed on as it is (``updated_node`` is
    ``original_node``) instead of being rebuilt, so an unchanged subtree costs a read-only
    walk and an unchanged tree comes back as the same object. Removals and flattening
    follow LibCST's rules (``libcst._nodes.internal``). Trivia the transformer has no
    method for come out as they went in, unvisited."""
    if type(node) in transformer._trivia:
        return node
    return _transform(node, transformer, transformer._trivia)


def _transform(node: cst.CSTNode, transformer: "Transformer", trivia: frozenset):
    if transformer.on_visit(node):
        changes = None
        fields = _ORDER.get(type(node))
        for name in _order(node) if fields is None else fields:
            value = getattr(node, name)
            if isinstance(value, (tuple, list)):
                new = _transform_sequence(value, transformer, name == "body" and type(node) in _BODIES, trivia)
                if new is not None:
                    (changes := changes or {})[name] = new
            elif value is not None and type(value) not in trivia and not isinstance(value, cst.MaybeSentinel):
                result = _transform(value, transformer, trivia)
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


def _transform_sequence(children, transformer: "Transformer", body: bool, trivia: frozenset):
    """The new sequence (a tuple), or None when every child came back as it was."""
    out = None
    for i, child in enumerate(children):
        result = child if type(child) in trivia else _transform(child, transformer, trivia)
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
