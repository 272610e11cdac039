"""``rules.visitors.walk``: the read-only walk the rules' visitors use instead of LibCST's
``node.visit`` visits the same nodes, entering and leaving them in the same order, over
every file of the installed tf_slim and the golden cases, and code with the node types
whose children LibCST visits only when they are set (an f-string's format spec) -- but
for the trivia (whitespace, comments, punctuation, operators), which it passes by unless
the visitor has a method for one of them."""
from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst

from rules import visitors
from rules.visitors import Transformer, Visitor, transform, walk
from tests.golden import cases

TRICKY = '''\
w = f"{a}"
x = f"{a!r:>{width}} {b=} {c:{d}.{e}f}" f'{g}'
y = f"{a}" if b else f"{c:>3}"
async def f(*, a: int = 1, **k) -> None:
    async with a as (b, c), d:
        [i async for i in j if i]
    match x:
        case [1, *rest] | {"k": v, **kw} if v:
            pass
        case Point(x=0, y=_) as p:
            del a[1:2, ::3], b.c
global_ = lambda *a, b=1, **c: (yield)
@d
class C(B, metaclass=M): x: int; y = z = 1; from . import q as r
try: pass
except* ValueError as e: raise e from None
'''


class _Record(Visitor):
    def __init__(self, trivia: frozenset = frozenset()) -> None:
        self.seen: list = []
        self.trivia = trivia  # types not to record (what ``walk`` passes by)

    def on_visit(self, node: cst.CSTNode) -> bool:
        if type(node) not in self.trivia:
            self.seen.append(("in", id(node)))
        return not isinstance(node, cst.Lambda)  # and what a visitor declines is not entered

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if type(original_node) not in self.trivia:
            self.seen.append(("out", id(original_node)))


def _same(text: str) -> bool:
    module = cst.parse_module(text)
    libcst_order, ours = _Record(visitors.TRIVIA), _Record()
    module.visit(libcst_order)
    walk(module, ours)
    return libcst_order.seen == ours.seen and len(ours.seen) > 0


class _Punctuation(Visitor):
    """Records every node it is called for, and has methods for two kinds of trivia."""

    def __init__(self) -> None:
        self.seen: list = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.seen.append(("in", id(node)))
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.seen.append(("out", id(original_node)))
        super().on_leave(original_node)

    def visit_Comment(self, node: cst.Comment) -> None:
        self.seen.append(("comment", node.value))

    def leave_Comma(self, original_node: cst.Comma) -> None:
        self.seen.append(("comma", id(original_node)))


def test_a_visitor_gets_the_trivia_it_has_methods_for_and_no_other():
    module = cst.parse_module("f(a, b)  # one\n# two\nx = [1, 2]\n")
    ours, everything = _Punctuation(), _Punctuation()
    walk(module, ours)
    module.visit(everything)
    assert [what for kind, what in ours.seen if kind == "comment"] == ["# one", "# two"]
    assert sum(kind == "comma" for kind, _ in ours.seen) == 2
    assert ours.seen == everything.seen  # a comment sits in trivia: such a visitor is called for all of it
    plain = _Record()
    walk(module, plain)
    assert len(plain.seen) < len(ours.seen) / 2  # one without such methods passes them by


def test_walk_visits_what_libcst_visits_in_its_order():
    visitors._ORDER.clear()  # learnt afresh: an f-string without a format spec comes first
    assert _same(TRICKY)
    texts = [c.before for c in cases()]
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((Path(sysconfig.get_paths()["purelib"]) / "tf_slim").rglob("*.py"))]
    differing = [i for i, text in enumerate(texts) if not _same(text)]
    assert differing == []


class _Edit(Transformer):
    """Renames, removes (an argument, a statement, an optional part) and flattens."""

    def __init__(self) -> None:
        self.seen: list = []

    def on_visit(self, node):
        if type(node) not in visitors.TRIVIA:
            self.seen.append(("in", type(node).__name__))
        return super().on_visit(node)

    def on_leave(self, original_node, updated_node):
        if type(original_node) not in visitors.TRIVIA:
            self.seen.append(("out", type(original_node).__name__))
        return super().on_leave(original_node, updated_node)

    def leave_Name(self, original_node, updated_node):
        return updated_node.with_changes(value="renamed") if original_node.value == "old" else updated_node

    def leave_Arg(self, original_node, updated_node):
        return cst.RemoveFromParent() if original_node.keyword and original_node.keyword.value == "drop" else updated_node

    def leave_SimpleStatementLine(self, original_node, updated_node):
        code = cst.Module(body=[]).code_for_node(original_node).strip()
        if code == "gone()":
            return cst.RemoveFromParent()
        if code == "twice()":
            return cst.FlattenSentinel([updated_node, updated_node])
        return updated_node

    def leave_AsName(self, original_node, updated_node):
        return cst.RemoveFromParent()  # an optional attribute: ``as x`` goes

    def leave_Expr(self, original_node, updated_node):
        code = cst.Module(body=[]).code_for_node(original_node).strip()
        return cst.RemoveFromParent() if code == "alone()" else updated_node


EDITED = '''\
import a as b
def f(old, drop=1):
    gone()
    twice()
    g(old, drop=2, keep=3)
    if old:
        alone()
        after()
    return old
'''


def test_transform_makes_libcsts_edits_and_keeps_what_is_unchanged():
    module = cst.parse_module(EDITED)
    theirs, ours = _Edit(), _Edit()
    expected = module.visit(theirs).code
    assert transform(module, ours).code == expected
    assert ours.seen == theirs.seen
    assert "renamed" in expected and "drop=2" not in expected and "gone" not in expected
    assert expected.count("twice()") == 2 and "alone" not in expected and "as b" not in expected
    unchanged = cst.parse_module("x = f(y)\nclass A:\n    def g(self):\n        return 1\n")
    assert transform(unchanged, Transformer()) is unchanged
