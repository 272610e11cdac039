"""``rules.visitors.walk``: the read-only walk the rules' visitors use instead of LibCST's
``node.visit`` visits the same nodes, entering and leaving them in the same order, over
every file of the installed tf_slim and the golden cases, and code with the node types
whose children LibCST visits only when they are set (an f-string's format spec)."""
from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst

from rules import visitors
from rules.visitors import Visitor, walk
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
    def __init__(self) -> None:
        self.seen: list = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.seen.append(("in", id(node)))
        return not isinstance(node, cst.Lambda)  # and what a visitor declines is not entered

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.seen.append(("out", id(original_node)))


def _same(text: str) -> bool:
    module = cst.parse_module(text)
    libcst_order, ours = _Record(), _Record()
    module.visit(libcst_order)
    walk(module, ours)
    return libcst_order.seen == ours.seen and len(ours.seen) > 0


def test_walk_visits_what_libcst_visits_in_its_order():
    visitors._ORDER.clear()  # learnt afresh: an f-string without a format spec comes first
    assert _same(TRICKY)
    texts = [c.before for c in cases()]
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((Path(sysconfig.get_paths()["purelib"]) / "tf_slim").rglob("*.py"))]
    differing = [i for i, text in enumerate(texts) if not _same(text)]
    assert differing == []
