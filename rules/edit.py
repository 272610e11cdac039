"""Small, layout-keeping edits of LibCST nodes that several rules need, and the readers
they rest on (what an import binds; replacing the names an expression reads)."""
from __future__ import annotations

import ast

import io
import keyword as keyword_module
import re
import tokenize
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

import libcst as cst

from rules.aliases import dotted_parts
from rules.base import module_code
from rules.visitors import Transformer, Visitor, walk

_NO_SPACE = cst.SimpleWhitespace("")


_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def expression(text: str) -> cst.BaseExpression:
    """``text`` as a LibCST expression: a dotted name (``tf.compat.v1.layers.dense``, what
    the rules write most) built directly, anything else parsed (a twentieth of the cost
    on a file with thousands of renames)."""
    if _DOTTED.fullmatch(text) and not any(keyword_module.iskeyword(p) for p in text.split(".")):
        parts = text.split(".")
        node: cst.BaseExpression = cst.Name(parts[0])
        for part in parts[1:]:
            node = cst.Attribute(value=node, attr=cst.Name(part))
        return node
    return cst.parse_expression(text)


def keyword(arg: cst.Arg, name: str) -> cst.Arg:
    """``arg`` passed as ``name=``; a renamed keyword keeps its spacing."""
    if arg.keyword is not None:
        return arg.with_changes(keyword=cst.Name(name))
    return arg.with_changes(
        keyword=cst.Name(name),
        equal=cst.AssignEqual(whitespace_before=_NO_SPACE, whitespace_after=_NO_SPACE),
    )


def keyword_value(call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    """The value ``call`` passes as ``name=``, or None."""
    return next((a.value for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def new_keyword(name: str, value: str) -> cst.Arg:
    return keyword(cst.Arg(value=cst.parse_expression(value)), name)


def rebuild_args(call: cst.Call, new: Sequence[cst.Arg]) -> list[cst.Arg]:
    """Lay ``new`` out the way ``call``'s arguments were laid out.

    Surviving arguments keep their own comma (so their line breaks and comments); the one
    that ends up last gets the original last comma (a trailing comma and the closing
    line stay as they were); arguments that become non-last, and new ones, get the
    separator used between the original arguments (or, in a call laid out one argument
    per line, a line break with the first argument's indentation).
    """
    original = call.args
    if not new:
        return []
    last_comma = original[-1].comma if original else cst.MaybeSentinel.DEFAULT
    if len(original) >= 2 and isinstance(original[-2].comma, cst.Comma):
        between = original[-2].comma
    elif isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        between = cst.Comma(whitespace_after=call.whitespace_before_args)
    else:
        between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    between = _without_comments(between)
    last_ws = original[-1].whitespace_after_arg if original else cst.SimpleWhitespace("")
    out = []
    for i, arg in enumerate(new):
        if i == len(new) - 1:
            out.append(arg.with_changes(comma=last_comma, whitespace_after_arg=last_ws))
        elif isinstance(arg.comma, cst.Comma) and arg.comma is not last_comma:
            out.append(arg)
        else:
            out.append(arg.with_changes(comma=between, whitespace_after_arg=cst.SimpleWhitespace("")))
    return out


def _without_comments(comma: cst.Comma) -> cst.Comma:
    """A separator to reuse: its line break and indentation, not its comment."""
    ws = comma.whitespace_after
    if isinstance(ws, cst.ParenthesizedWhitespace):
        ws = ws.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return comma.with_changes(whitespace_after=ws)


def literal_value(expr: cst.BaseExpression) -> object:
    """The Python value of a simple literal (numbers, True/False/None, strings, unary
    minus); ``NotImplemented`` for anything else."""
    if isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[expr.value]
    if isinstance(expr, (cst.Integer, cst.Float)):
        return expr.evaluated_value
    if isinstance(expr, cst.SimpleString):
        return expr.evaluated_value
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        inner = literal_value(expr.expression)
        if isinstance(inner, (int, float)) and not isinstance(inner, bool):
            return -inner
    return NotImplemented


# what a name computed from a loop index may be made of, to be worked out statically
_NAME_NODES = (ast.Expression, ast.Constant, ast.Name, ast.Load, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Mod,
               ast.Tuple, ast.JoinedStr, ast.FormattedValue, ast.Call, ast.Attribute)


def names_for_index(expr: cst.BaseExpression, index: str, count: int) -> Optional[list]:
    """The strings ``expr`` (``"h%d" % (i + 1)``, ``f"block{i}"``, ``"conv" + str(i)``,
    ``"layer_{}".format(i)``) is for ``index`` = 0, 1, ..., count - 1: made only of
    literals, the index, arithmetic, ``%``, f-strings, ``str()`` and a literal's
    ``format``; None for anything else (a name read elsewhere, another call)."""
    try:
        tree = ast.parse(cst.Module(body=[]).code_for_node(expr).strip(), mode="eval")
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, _NAME_NODES):
            return None
        if isinstance(node, ast.Name) and node.id not in (index, "str"):
            return None
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and abs(node.value) > 10 ** 6:
            return None  # (no "x" * 1000000000 to evaluate)
        if isinstance(node, ast.Call) and not (
                isinstance(node.func, ast.Name) and node.func.id == "str"
                or isinstance(node.func, ast.Attribute) and node.func.attr == "format"
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)) \
                or isinstance(node, ast.Call) and node.keywords:
            return None
        if isinstance(node, ast.Attribute) and not (node.attr == "format" and isinstance(node.value, ast.Constant)):
            return None
    code = compile(tree, "<name>", "eval")
    out = []
    for i in range(count):
        try:
            value = eval(code, {"__builtins__": {}}, {index: i, "str": str})  # noqa: S307 (checked above)
        except Exception:
            return None
        if not isinstance(value, str) or not value:
            return None
        out.append(value)
    return out


class NameReplacer(Transformer):
    """Replaces the names that are read (not attribute names, not keywords) by the
    expressions ``values`` gives for them."""

    def __init__(self, values: dict) -> None:
        super().__init__()
        self.values = values

    def leave_Attribute(self, original_node, updated_node):
        # ``x.units`` keeps its attribute name: only the value part is a read
        return updated_node.with_changes(attr=original_node.attr)

    def leave_Arg(self, original_node, updated_node):
        return updated_node.with_changes(keyword=original_node.keyword)

    def leave_Name(self, original_node, updated_node):
        return self.values.get(original_node.value, updated_node)


def add_import(module: cst.Module, module_name: str, obj: Optional[str] = None) -> cst.Module:
    return add_imports(module, [(module_name, obj)])


def add_imports(module: cst.Module, imports: Sequence[tuple]) -> cst.Module:
    """Add ``(module, obj)`` or ``(module, obj, asname)`` imports in one pass (names from
    one module come out sorted); ``("tensorflow", None, "tf")`` is ``import tensorflow as tf``.

    What LibCST's ``AddImportsVisitor`` makes of the module (``tests/test_edit.py`` checks
    it node for node): it reads and edits only the module's first block of imports
    (after a docstring or ``__strict__ = ...``) and the blank line before the statement
    that follows it. An import the block already makes is not added; names from a module
    the block imports from join that ``from`` statement, first; the others are new
    statements after the block (``from __future__`` ones before it): ``import x``,
    ``import x as y``, then ``from x import ...``, with a blank line before the code that
    follows. Written here because LibCST's visitor costs about 22 ms a call (its matcher
    machinery sets itself up per instance) and its codemod package 0.14 s to import."""
    if not imports:
        return module
    requests = sorted(imports, key=lambda i: (i[0], i[1] or "", *i[2:]))
    plain = {m for m, obj, *alias in requests if obj is None and not alias}
    objects = {m: {obj for mm, obj, *alias in requests if mm == m and obj is not None and not alias}
               for m in sorted({m for m, obj, *alias in requests if obj is not None and not alias})}
    aliased = {m: alias[0] for m, obj, *alias in requests if obj is None and alias}
    object_aliases = {m: [(obj, alias[0]) for mm, obj, *alias in requests if mm == m and obj is not None and alias]
                      for m in sorted({m for m, obj, *alias in requests if obj is not None and alias})}
    body = list(module.body)
    start = 1 if body and _kept_first(body[0]) else 0
    end = start
    while end < len(body) and _is_import_line(body[end]):
        end += 1
    # what the block imports already (``import a as b`` then ``import a as c``: a is c)
    present_aliases: dict = {}
    for stmt in body[start:end]:
        node = stmt.body[0]
        if isinstance(node, cst.Import):
            for name in node.names:
                if name.evaluated_alias is None:
                    plain.discard(name.evaluated_name)
                else:
                    present_aliases[name.evaluated_name] = name.evaluated_alias
        elif not node.relative:
            source = code(node.module)
            if isinstance(node.names, cst.ImportStar):
                objects.pop(source, None)
                continue
            for name in node.names:
                pairs = object_aliases.get(source)
                if name.asname is not None and pairs and (name.evaluated_name, name.evaluated_alias) in pairs:
                    pairs.remove((name.evaluated_name, name.evaluated_alias))
                    if not pairs:
                        del object_aliases[source]
            if source in objects:
                objects[source] -= {name.evaluated_name for name in node.names if name.asname is None}
                if not objects[source]:
                    del objects[source]
    for name, alias in present_aliases.items():
        if aliased.get(name) == alias:
            del aliased[name]
    # names from a module a ``from`` statement of the block imports from join it
    joined = False
    for i in range(start, end):
        node = body[i].body[0]
        if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar) or node.relative:
            continue
        source = code(node.module)
        if source not in objects and source not in object_aliases:
            continue
        joining = [cst.ImportAlias(name=cst.Name(obj)) for obj in sorted(objects.pop(source, ()))]
        joining += [cst.ImportAlias(name=cst.Name(obj), asname=cst.AsName(name=cst.Name(alias)))
                    for obj, alias in sorted(object_aliases.pop(source, ()))]
        body[i] = body[i].with_changes(body=[node.with_changes(names=[*joining, *node.names])])
        joined = True
    if not (plain or objects or aliased or object_aliases):
        return module.with_changes(body=body) if joined else module
    after = body[end:]
    if after:
        lines = after[0].leading_lines
        if not lines or lines[0].comment is not None:
            after[0] = after[0].with_changes(leading_lines=(cst.EmptyLine(), *lines))
    froms: dict = {}
    for source, pairs in object_aliases.items():
        froms.setdefault(source, []).extend(pairs)
    for source, objs in objects.items():
        froms.setdefault(source, []).extend((obj, None) for obj in objs)
    config = module.config_for_parsing

    def statement(text: str) -> cst.BaseStatement:
        return cst.parse_statement(text, config=config)

    def from_statement(source: str, pairs: list) -> cst.BaseStatement:
        names = ", ".join(obj if alias is None else f"{obj} as {alias}" for obj, alias in sorted(pairs))
        return statement(f"from {source} import {names}")

    return module.with_changes(body=[
        *body[:start],
        *(from_statement(source, pairs) for source, pairs in froms.items() if source == "__future__"),
        *body[start:end],
        *(statement(f"import {m}") for m in sorted(plain)),
        *(statement(f"import {m} as {alias}") for m, alias in aliased.items()),
        *(from_statement(source, pairs) for source, pairs in froms.items() if source != "__future__"),
        *after,
    ])


def _kept_first(stmt: cst.CSTNode) -> bool:
    """What ``AddImportsVisitor`` never inserts before: a docstring or ``__strict__ = ...``."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return False
    small = stmt.body[0]
    if isinstance(small, cst.Expr):
        return isinstance(small.value, cst.SimpleString)
    return (isinstance(small, cst.Assign) and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name) and small.targets[0].target.value == "__strict__")


def is_docstring(stmt: cst.CSTNode) -> bool:
    """A line that is only a string: a module's, class's or function's docstring when first."""
    return (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Expr)
            and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


def _is_import_line(stmt: cst.CSTNode) -> bool:
    """A line of one import statement."""
    return is_imports_line(stmt) and len(stmt.body) == 1


def is_imports_line(stmt: cst.CSTNode) -> bool:
    """A line of import statements only (one, or several joined by ``;``)."""
    return (isinstance(stmt, cst.SimpleStatementLine) and bool(stmt.body)
            and all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body))


def remove_unused_imports(module: cst.Module, imports: Sequence[tuple], keep: Iterable[str] = ()) -> cst.Module:
    """Drop the given imports, ``(module, obj)`` or ``(module, obj, asname)``, where
    nothing in the module uses them any more.

    An import is unused when its name occurs nowhere else as a name token (not after a
    dot: ``tokenize``, so comments, strings and attributes do not count), ``__all__``
    does not list it and it is not in ``keep`` (the names other files of the run import
    from this module, ``RuleContext.imported``: removing one would break them); anything
    else is kept. Only module-level import statements are edited, each as LibCST's
    ``RemoveImportsVisitor`` edits a statement alone (``remove_from_import``)."""
    if not imports:
        return module
    uses = name_tokens(module_code(module))
    exported = exported_names(module) | set(keep)
    unused = [i for i in imports if uses.get(bound_name(*i), 0) <= 1 and bound_name(*i) not in exported]
    if not unused:
        return module
    names = {bound_name(*i) for i in unused}
    body = []
    changed = False
    for stmt in module.body:
        here = names & {i.bound for i in statement_imports(stmt)} if is_imports_line(stmt) else set()
        if here:
            body += remove_from_import(stmt, [i for i in unused if bound_name(*i) in here])
            changed = True
        else:
            body.append(stmt)
    return module.with_changes(body=body) if changed else module


def remove_from_import(stmt: cst.SimpleStatementLine, unused: Sequence[tuple]) -> list:
    """``stmt`` (one import statement) without the imports of ``unused`` (as
    ``remove_unused_imports`` takes them): ``[stmt]`` as it was, ``[]`` when nothing is
    left (its comments go with it), or the statement with fewer names -- what LibCST's
    ``RemoveImportsVisitor`` makes of a module of that statement alone, where nothing
    uses any import (``tests/test_edit.py`` checks it is): the last name kept loses its
    trailing comma, comments after a removed name's comma move to the kept name before it
    (or the open parenthesis), and a relative import, a star import or one from
    ``__future__`` is never touched. Written here because LibCST's visitor works out the
    module's scopes for this (about 27 ms a statement, and its codemod package 0.14 s to
    import), where the rules already know which names are unused. A line of several
    import statements (``from a import b; from c import d``) has each edited alone."""
    if len(stmt.body) > 1:
        smalls, changed = [], False
        for small in stmt.body:
            alone = stmt.with_changes(body=[small])
            got = remove_from_import(alone, unused)
            if got and got[0] is alone:
                smalls.append(small)
                continue
            changed = True
            if got:
                smalls.append(got[0].body[0])
        if not changed:
            return [stmt]
        if not smalls:
            return []
        last = smalls[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        smalls = [s if isinstance(s.semicolon, cst.Semicolon) else s.with_changes(semicolon=cst.Semicolon(
            whitespace_after=cst.SimpleWhitespace(" "))) for s in smalls[:-1]]
        return [stmt.with_changes(body=[*smalls, last])]
    node = stmt.body[0]
    if isinstance(node, cst.Import):
        modules = {module: (asname or [None])[0] for module, obj, *asname in unused if obj is None}
        keep = [a for a in node.names
                if not (a.evaluated_name in modules and a.evaluated_alias == modules[a.evaluated_name])]
        lpar = None
    elif isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar) and not node.relative:
        module_name = code(node.module)
        objects = {(obj, (asname or [None])[0]) for module, obj, *asname in unused
                   if obj is not None and module == module_name}
        if module_name == "__future__" or not objects:
            return [stmt]
        keep, lpar = [], node.lpar
        for alias in node.names:
            if (alias.evaluated_name, alias.evaluated_alias) not in objects:
                keep.append(alias)
                continue
            comma = alias.comma
            if isinstance(comma, cst.Comma):
                if keep:
                    prev = keep[-1]
                    if isinstance(prev.comma, cst.Comma):
                        prev = prev.with_deep_changes(prev.comma, whitespace_after=_merge_whitespace_after(
                            prev.comma.whitespace_after, comma.whitespace_after))
                    else:
                        prev = prev.with_changes(comma=comma)
                    keep[-1] = prev
                elif isinstance(lpar, cst.LeftParen):
                    lpar = lpar.with_changes(whitespace_after=_merge_whitespace_after(
                        lpar.whitespace_after, comma.whitespace_after))
    else:
        return [stmt]
    if len(keep) == len(node.names) and all(a is b for a, b in zip(keep, node.names)) and lpar is getattr(node, "lpar", None):
        return [stmt]
    if not keep:
        return []
    if keep[-1] is not node.names[-1]:
        keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    changes = {"names": keep} if lpar is None else {"names": keep, "lpar": lpar}
    return [stmt.with_changes(body=[node.with_changes(**changes), *stmt.body[1:]])]


def _merge_whitespace_after(left, right):
    """The whitespace after a comma or parenthesis that keeps the comment lines of the
    one after a removed name (``right``), as LibCST's ``RemoveImportsVisitor`` does."""
    if not isinstance(right, cst.ParenthesizedWhitespace):
        return left
    if not isinstance(left, cst.ParenthesizedWhitespace):
        return right
    return left.with_changes(empty_lines=tuple(line for line in right.empty_lines if line.comment is not None))


@dataclass(frozen=True)
class Imported:
    """One name a module-level import binds."""
    module: str            # ``tf_slim.layers`` (relative imports: the part after the dots)
    obj: Optional[str]     # ``layers`` for ``from tf_slim import layers``; None for ``import x``
    asname: Optional[str]
    bound: str             # the name the module sees
    relative: int = 0      # the number of leading dots

    def as_removable(self) -> tuple:
        """The import as ``edit.remove_unused_imports`` takes it."""
        return (self.module, self.obj, self.asname) if self.asname else (self.module, self.obj)

    def target(self, package: str = "") -> str:
        """The dotted name ``bound`` refers to, relative imports read inside ``package``
        (``import a.b`` binds ``a``; ``import a.b as c`` binds ``a.b``)."""
        base = absolute_module(package, self.relative, self.module)
        if self.obj is not None:
            return f"{base}.{self.obj}" if base else self.obj
        return base if self.asname else base.split(".")[0]


def absolute_module(package: str, level: int, module: str) -> str:
    """The module ``from <level dots><module> import ...`` names inside ``package``."""
    if not level:
        return module
    parts = package.split(".") if package else []
    parts = parts[:len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*parts, *([module] if module else [])])


def module_imports(module: cst.Module) -> Iterable[Imported]:
    """Every name bound by a module-level ``import`` / ``from ... import`` statement."""
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            yield from statement_imports(stmt)


def nodes_of(node: cst.CSTNode, kind) -> list:
    """Every node of type ``kind`` (a class or a tuple of them) in ``node``, in source order."""
    found: list = []

    class _Find(Visitor):
        def on_visit(self, n: cst.CSTNode) -> bool:
            if isinstance(n, kind):
                found.append(n)
            return True
    walk(node, _Find())
    return found


def bound_arguments(call: cst.Call, params: Sequence[str], known_only: bool = False) -> Optional[dict]:
    """Parameter → expression of ``call``, its positional arguments filling ``params`` in
    order; None where it passes ``*args`` / ``**kwargs``, more positional arguments than
    ``params`` has, or (``known_only``) a keyword ``params`` does not name."""
    out: dict = {}
    for i, a in enumerate(call.args):
        if a.star or (a.keyword is None and i >= len(params)) or \
                (known_only and a.keyword is not None and a.keyword.value not in params):
            return None
        out[params[i] if a.keyword is None else a.keyword.value] = a.value
    return out


class PackageNames:
    """The module-level names a module binds to a package that is not TensorFlow
    (``tensorflow_hub``) or to names in it, and the dotted path an expression spelled
    through them reaches: ``hub.Module`` → ``tensorflow_hub.Module``."""

    def __init__(self, module: cst.Module, package: str) -> None:
        # bound name → dotted path (absolute imports only: a relative one is another package)
        self.names = {i.bound: i.module + (f".{i.obj}" if i.obj else "") for i in module_imports(module)
                      if i.module.split(".")[0] == package and not i.relative}

    def path(self, expr: cst.BaseExpression) -> Optional[str]:
        parts = dotted_parts(expr) if self.names else None
        if not parts or parts[0] not in self.names:
            return None
        return ".".join([self.names[parts[0]], *parts[1:]])


def statement_imports(stmt: cst.SimpleStatementLine) -> Iterable[Imported]:
    """The names the imports of one line bind."""
    for small in stmt.body:
        if isinstance(small, cst.Import):
            for a in small.names:
                name = code(a.name)
                asname = a.asname.name.value if a.asname else None
                yield Imported(name, None, asname, asname or name.split(".")[0])
        elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            mod = code(small.module) if small.module is not None else ""
            for a in small.names:
                obj = code(a.name)
                asname = a.asname.name.value if a.asname else None
                yield Imported(mod, obj, asname, asname or obj, len(small.relative))


def code(node: cst.CSTNode) -> str:
    """A node's source text."""
    return cst.Module(body=[]).code_for_node(node)


def exported_names(module: cst.Module) -> set[str]:
    """The strings ``__all__`` is assigned or extended with at module level."""
    out: set[str] = set()
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            target = value = None
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target, value = small.targets[0].target, small.value
            elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
                target, value = small.target, small.value
            if isinstance(target, cst.Name) and target.value == "__all__" and isinstance(value, (cst.List, cst.Tuple)):
                out |= {e.value.evaluated_value for e in value.elements if isinstance(e.value, cst.SimpleString)}
    return out


def bound_name(module_name: str, obj: Optional[str] = None, asname: Optional[str] = None) -> str:
    """The name an import binds: ``import a.b`` → a, ``from a import b as c`` → c."""
    return asname or obj or module_name.split(".")[0]


def name_tokens(code: str) -> dict[str, int]:
    """How often each name occurs as a name token that is not an attribute, nor the
    module of a ``from M import`` (which does not read a name ``M``)."""
    counts: dict[str, int] = {}
    previous = None
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.NAME and not (previous is not None and previous.string in (".", "from")):
            counts[tok.string] = counts.get(tok.string, 0) + 1
        if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            previous = tok
    return counts


# ---- statements that give way to their bodies ------------------------------------
class Unwrapper(Transformer):
    """A transformer that replaces some ``with`` statements by their bodies (``unwrap``,
    from its ``leave_With``) and may empty blocks (removing statements, ``remove`` keeping
    their comments): an emptied block gets ``pass``, which a ``with`` giving way to that
    block drops again."""

    def __init__(self) -> None:
        super().__init__()
        self._fillers: set = set()  # ids of the pass statements written into emptied blocks
        self._carriers: set = set()  # ids of the pass statements holding a removed statement's comments

    def remove(self, stmt: cst.SimpleStatementLine):
        """``stmt`` removed (from its ``leave_SimpleStatementLine``). The comments above it
        stay: above the statement after it in its block, or on a ``pass`` where none
        follows."""
        if not any(line.comment for line in stmt.leading_lines):
            return cst.RemovalSentinel.REMOVE
        carrier = cst.SimpleStatementLine([cst.Pass()], leading_lines=stmt.leading_lines)
        self._carriers.add(id(carrier))
        return carrier

    def leave_IndentedBlock(self, original_node, updated_node):
        if self._carriers:
            body, carry = [], []
            for stmt in updated_node.body:
                if id(stmt) in self._carriers:
                    carry += stmt.leading_lines
                    continue
                if carry:
                    stmt, carry = stmt.with_changes(leading_lines=[*carry, *stmt.leading_lines]), []
                body.append(stmt)
            if carry:
                body.append(cst.SimpleStatementLine([cst.Pass()], leading_lines=carry))
            updated_node = updated_node.with_changes(body=body)
        if updated_node.body:
            return updated_node
        filler = cst.SimpleStatementLine([cst.Pass()])
        self._fillers.add(id(filler))
        return updated_node.with_changes(body=[filler])

    def unwrap(self, node: cst.With):
        """``node`` replaced by its body: its leading lines and the comment after its colon go
        above the first statement; ``pass`` statements written into emptied blocks are
        dropped. Nothing left: removed, or a ``pass`` carrying those comments."""
        body = node.body
        if isinstance(body, cst.SimpleStatementSuite):
            inner = [cst.SimpleStatementLine(list(body.body))]
            comment = body.trailing_whitespace.comment
        else:
            inner = [s for s in body.body if id(s) not in self._fillers]
            comment = body.header.comment
        lead = list(node.leading_lines) + ([cst.EmptyLine(comment=comment)] if comment is not None else [])
        if not inner:
            return cst.SimpleStatementLine([cst.Pass()], leading_lines=lead) if lead else cst.RemovalSentinel.REMOVE
        inner[0] = inner[0].with_changes(leading_lines=[*lead, *inner[0].leading_lines])
        return cst.FlattenSentinel(inner)
