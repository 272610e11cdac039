"""What every rule is, and what it gets to work with.

A rule is a class with an ``id``, a ``stage``, a one-line ``summary`` and a docstring
(what it does / why / example / what it will not touch), registered in
``rules/__init__.py``. For each file the engine hands it a ``RuleContext``: the current
module, the resolved TensorFlow aliases, and ``change`` / ``warn`` to report what it did
and what needs a human, by line. Rules know nothing about files, processes or terminals.
"""
from __future__ import annotations

import ast
import contextlib
import re
import warnings
from dataclasses import dataclass, field
from typing import Callable, ClassVar, Optional

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from rules.aliases import ROOTS, Aliases, canonicalize
from rules.visitors import COMPOUND_STATEMENTS, Visitor, walk


@dataclass
class Finding:
    rule: str
    line: int
    message: str
    index: int = -1  # for a change: its place among the rule's candidates in this file
    # A warning one later warning can stand for (``topic``), and what that one then says
    # of it (``brief``; nothing: the later one says it all). A warning that stands for
    # earlier ones in its lines: ``covers`` = (first line, last line, topics). The engine
    # folds them (``codemod.pipeline.fold``): one warning per TF1 session loop, not one per
    # rule that left a line of it.
    topic: str = ""
    brief: str = ""
    covers: tuple = ()

    def as_dict(self) -> dict:
        return {"rule": self.rule, "line": self.line, "message": self.message}


class Project:
    """The other modules of a file's group (``codemod.project``), read-only and as they
    were before the run: dotted name → source text, parsed when first asked for (once
    per process, shared by every ``Project`` holding the same text)."""

    def __init__(self, name: str, texts: dict, stage: int = 1) -> None:
        self.name = name  # the file's own dotted module name
        self.texts = texts
        self.stage = stage  # the texts are as the rules of the stages before this one left them

    def module(self, name: str) -> Optional[cst.Module]:
        """The parsed module, or None when it is not in the group or does not parse."""
        return _parse_shared(self.texts[name]) if name in self.texts else None


_SHARED: dict = {}


def _parse_shared(text: str) -> Optional[cst.Module]:
    """A group's modules are read by every module's run in a worker (and once more for
    each later stage): parsed once per process (LibCST trees are immutable)."""
    if text not in _SHARED:
        if len(_SHARED) >= 64:
            _SHARED.clear()
        try:
            _SHARED[text] = cst.parse_module(text)
        except (cst.ParserSyntaxError, RecursionError):
            _SHARED[text] = None
    return _SHARED[text]


# A file longer than this many lines is parsed in pieces of about this many (``parse_module``).
PIECE_LINES = 2000

_LINE_END = re.compile(r"\r\n|\r|\n")


def parse_module(text: str, tree: Optional[ast.Module] = None, piece_lines: int = PIECE_LINES) -> cst.Module:
    """``libcst.parse_module(text)``; a long text (with Python's ``ast`` of it, ``tree``)
    in pieces of whole top-level statements, joined into the module one parse would
    give. LibCST's parser holds about 27 MB per 1,000 lines while it works (a 50,000-line
    file: 1.4 GB), and frees it when done: pieces bound that to one piece's worth.

    A piece's trailing blank and comment lines at the top level (its module's ``footer``)
    are the leading lines of the next piece's first statement, as in one parse; the
    default indentation is the first indented block's, the newline the first line's.
    Where the pieces' parses disagree on those defaults (a file indented two ways, or
    with mixed line endings), which would render some blocks or newlines differently,
    the text is parsed whole."""
    if tree is None or text.count("\n") <= 2 * piece_lines:
        return cst.parse_module(text)
    module = _joined(text, tree, piece_lines)
    return module if module is not None else cst.parse_module(text)


def _joined(text: str, tree: ast.Module, piece_lines: int) -> Optional[cst.Module]:
    starts = [0] + [m.end() for m in _LINE_END.finditer(text)]  # offset of each line (1-based: starts[line - 1])
    cuts, last, end = [], 1, None
    for node in tree.body:
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
        if end is not None and first > end and first - last >= piece_lines:
            cuts.append(first)
            last = first
        end = node.end_lineno
    if not cuts:
        return None
    bounds = [starts[line - 1] for line in cuts]
    pieces = [cst.parse_module(text[a:b]) for a, b in zip([0, *bounds], [*bounds, len(text)])]
    body = list(pieces[0].body)
    for before, piece in zip(pieces, pieces[1:]):
        head = piece.body[0]
        body.append(head.with_changes(leading_lines=[*before.footer, *piece.header, *head.leading_lines]))
        body.extend(piece.body[1:])
    indenting = [p.default_indent for p in pieces if _indents(p)]
    if len(set(indenting)) > 1 or len({p.default_newline for p in pieces}) > 1:
        return None
    indent = indenting[0] if indenting else pieces[0].default_indent
    return pieces[0].with_changes(body=body, footer=pieces[-1].footer, default_indent=indent,
                                  has_trailing_newline=pieces[-1].has_trailing_newline)


def _indents(module: cst.Module) -> bool:
    """Whether the module has an indented block (whose indentation its parse took as the default)."""
    return any(isinstance(node, cst.IndentedBlock) for stmt in module.body
               if not isinstance(stmt, cst.SimpleStatementLine) for node in _blocks(stmt))


def _blocks(node: cst.CSTNode):
    for child in node.children:
        if isinstance(child, (cst.IndentedBlock, cst.SimpleStatementSuite)):
            yield child
        elif isinstance(child, (cst.BaseCompoundStatement, cst.Else, cst.ExceptHandler, cst.ExceptStarHandler,
                                cst.Finally, cst.MatchCase)):
            yield from _blocks(child)


# ``# tf1to2: ignore`` or ``# tf1to2: ignore[rule-a, rule-b]`` on a line of a statement.
IGNORE_COMMENT = re.compile(r"#\s*tf1to2:\s*ignore(?:\[([^\]]*)\])?")


@dataclass
class RuleContext:
    """What a rule gets for one file.

    The protocol for changes: call ``change(node, message)`` once for every candidate,
    in a deterministic order, *before* rewriting it, and rewrite only if it returns True.
    The engine uses the answer for ``# tf1to2: ignore`` comments and for applying a
    chosen subset of changes (interactive mode), so each change must be a whole edit
    on its own (with any import it needs).
    """

    module: cst.Module
    rule_id: str = ""
    # the module's source text when the engine has it (generating it from the tree costs)
    text: Optional[str] = None
    changes: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    # change index → whether to apply it; None applies all (ignore comments still hold)
    accept: Optional[Callable[[int], bool]] = None
    candidates: int = 0
    # old TF1 variable name → new name, for rules that rename variables (no ":0")
    name_map: dict = field(default_factory=dict)
    # the other modules of the file's group, for rules that look across modules
    project: Optional[Project] = None
    # module-level names other files of the run import: name → "importer.py:line" (or
    # "__all__"); a rule must not rename or remove them (``Rule.reads_importers``)
    imported: dict = field(default_factory=dict)
    # what this rule's ``run_use`` found in files this module's objects may reach, the
    # nearest first: (("path:line", what), ...)
    run_uses: tuple = ()
    # how this module spells the functions of other modules of the run it calls that run no
    # TF1-style code (``common_layers.shape_list``; ``rules.pure_functions``)
    free_functions: frozenset = frozenset()
    # names a module-level import binds to another module's TensorFlow binding (``from
    # .compat import tfv1 as tf``) → its TensorFlow modules: followed as the module's own
    foreign: dict = field(default_factory=dict)
    # ``--unsafe-fixes``: also make the fixes that may change what the code does (each
    # warned where it is made), which a run otherwise only warns of
    unsafe: bool = False
    _aliases: Aliases | None = None
    # what Python's ``ast`` says of ``text`` (the engine's, when it has read it already)
    facts: Optional["Facts"] = None
    _lines: Optional["_Lines"] = None
    _ignored: Optional[list] = None
    # the ids of the rules this run runs (a rule may leave to a later one what it does)
    rules: frozenset = frozenset()
    # the statements of ``module`` a walk of it is inside, outermost first (kept by
    # ``rules.aliases.TFVisitor`` / ``TFTransformer``): where ``line`` looks first
    statements: list = field(default_factory=list)

    @property
    def code(self) -> str:
        if self.text is None:
            self.text = self.module.code
        return self.text

    @property
    def aliases(self) -> Aliases:
        if self._aliases is None:
            self._aliases = Aliases(self.module, self.foreign)
        return self._aliases

    def line(self, node: cst.CSTNode) -> int:
        """1-based line of ``node``, which must belong to ``self.module``."""
        return self._line_table().of(node, self.statements)

    @property
    def where(self) -> dict:
        """id(node) → the smallest statement around it, for the nodes walks have visited
        (``rules.aliases.TFVisitor`` / ``TFTransformer`` fill it): where ``line`` looks for
        a node reported after the walk that found it."""
        return self._line_table().where

    def _line_table(self) -> "_Lines":
        if self._lines is None:
            self._lines = _Lines.of_module(self.module, self.text, self.facts)
        return self._lines

    def tf_names(self) -> dict:
        """Names bound anywhere in the module to TensorFlow / tf_slim paths, with the paths
        (``tf_bound_names``); empty when Python's ``ast`` cannot read the code."""
        return self._line_table().tf_names()

    def settle(self) -> None:
        """Work out the lines of the module's statements from Python's ``ast`` of its text
        now, and let the ``ast`` go (``Facts.let_go``): the engine calls it before a rule
        transforms, so that a big file's two trees are not both held while it does."""
        self._line_table().statement_lines()
        self._line_table().facts().let_go()

    def unmentioning(self, pattern: "re.Pattern") -> frozenset:
        """ids of the module's statements, at any depth, whose text does not match
        ``pattern`` (lines from Python's ``ast``): a rule whose every edit and finding
        needs such a match passes them to its walk (``TFVisitor`` / ``TFTransformer``
        ``skip``), which then never enters them. Empty (walk everything) when ``ast``
        and LibCST do not line up."""
        return self._line_table().unmentioning(pattern)

    def change(self, node: cst.CSTNode, message: str) -> bool:
        """Propose a change at ``node``; True means: make it."""
        index = self.candidates
        self.candidates += 1
        line = self.line(node)
        if self._is_ignored(line):
            return False
        if self.accept is not None and not self.accept(index):
            return False
        self.changes.append(Finding(self.rule_id, line, message, index))
        return True

    def accepted(self, nodes: list) -> list[bool]:
        """Whether changes proposed next at ``nodes``, in this order, would be made (the
        interactive choices, ``# tf1to2: ignore`` comments), without proposing them: a rule
        whose edits depend on one another plans the accepted ones together, then proposes
        each (``change``) or passes it by (``skip_change``) in the same order."""
        return [not self._is_ignored(self.line(n)) and (self.accept is None or self.accept(self.candidates + i))
                for i, n in enumerate(nodes)]

    def skip_change(self) -> None:
        """Pass by the next change ``accepted`` was asked about, without proposing it."""
        self.candidates += 1

    def _is_ignored(self, line: int) -> bool:
        if self._ignored is None:
            self._ignored = _ignored_ranges(self.module, self.rule_id, self.code) if "tf1to2:" in self.code else []
        return any(start <= line <= end for start, end in self._ignored)

    def warn(self, node: cst.CSTNode, message: str, topic: str = "", brief: str = "",
             covers: Optional[tuple] = None) -> None:
        """A warning at ``node``. ``topic`` / ``brief``: a later rule's warning covering
        this line may stand for it (``Finding``); ``covers``: (a node, or None for the whole
        module; topics) the earlier warnings in that node's lines this one stands for."""
        finding = Finding(self.rule_id, self.line(node), message, topic=topic, brief=brief)
        if covers is not None:
            scope, topics = covers
            finding.covers = (*self.lines_of(scope), tuple(topics))
        self.warnings.append(finding)

    def lines_of(self, node: Optional[cst.CSTNode]) -> tuple:
        """First and last line of a statement (from its ``def`` / ``class`` / keyword line,
        decorators and the blank lines before it not counted); the whole module for None."""
        if node is None:
            return 1, self.code.count("\n") + 1
        first = self.line(node)
        if hasattr(node, "decorators"):
            node = node.with_changes(decorators=[])
        if hasattr(node, "leading_lines"):
            node = node.with_changes(leading_lines=[])
        return first, first + cst.Module(body=[]).code_for_node(node).rstrip("\n").count("\n")


class _Lines:
    """Lines of nodes. LibCST's positions for a whole big module cost a full code
    generation with tracking, and a rule asks for a few: a node's line is worked out from
    the smallest statement around it that a walk is in (``RuleContext.statements``),
    rendered alone, and that statement's line, which Python's ``ast`` gives
    (``statement_lines``). A node no walk is at, or text ``ast`` does not line up with,
    falls back to the top-level statement holding it, found by walking the module once.

    Shared by the rules that see the same module object (one that changes nothing hands
    its module on): ``of_module``."""

    _cache: dict = {}

    @classmethod
    def of_module(cls, module: cst.Module, text: Optional[str], facts: Optional["Facts"] = None) -> "_Lines":
        key = id(module)
        hit = cls._cache.get(key)
        if hit is not None and hit.module is module:
            return hit
        if len(cls._cache) >= 2:
            cls._cache.clear()
        lines = cls._cache[key] = cls(module, text, facts)
        return lines

    def __init__(self, module: cst.Module, text: Optional[str] = None, facts: Optional["Facts"] = None) -> None:
        self.module = module
        self.text = text
        self._facts = facts  # of the module's code
        self.where: dict = {}
        self._unmentioning: dict = {}
        self._statements: Optional[dict] = None
        self._alone: dict = {}  # (id(statement), whole) → (its positions, its first line)
        self.top: Optional[dict[int, int]] = None   # node id → index of its top-level statement
        self.start: Optional[list[int]] = None
        self.positions: dict[int, dict] = {}

    def code(self) -> str:
        if self.text is None:
            self.text = self.module.code
        return self.text

    def facts(self) -> "Facts":
        if self._facts is None:
            self._facts = Facts(self.code())
        return self._facts

    def tree(self) -> Optional[ast.Module]:
        return self.facts().tree

    def tf_names(self) -> dict:
        return self.facts().tf_names

    def statement_lines(self) -> dict:
        if self._statements is None:
            tree = self.tree()
            self._statements = statement_lines(self.module, self.code(), tree) if tree is not None else {}
        return self._statements

    def unmentioning(self, pattern: "re.Pattern") -> frozenset:
        """ids of the statements (any depth) whose text does not match ``pattern``."""
        key = pattern.pattern
        if key not in self._unmentioning:
            lines = self.code().splitlines()
            self._unmentioning[key] = frozenset(
                sid for sid, (_, first, last) in self.statement_lines().items()
                if not pattern.search("\n".join(lines[first - 1:last])))
        return self._unmentioning[key]

    def of(self, node: cst.CSTNode, around: list = ()) -> int:
        if node is self.module:
            return 1
        seen = self.where.get(id(node))
        if around or seen is not None:
            lines = self.statement_lines()
            where = lines.get(id(seen)) if seen is not None else None
            if where is not None and where[0] == where[1] == where[2] and not isinstance(node, _OFF_LINE):
                return where[0]  # a statement on one line: everything in it is on that line
            if id(node) in lines:  # a statement: its line is known
                return lines[id(node)][0]
            for stmt in (*reversed(around), *([seen] if seen is not None else [])):
                where = lines.get(id(stmt))
                if where is None:
                    continue
                # a node in a compound statement's header is found by rendering the header
                # alone (a function's body can be long), the whole statement otherwise
                for whole in (False, True) if type(stmt) in _HEADED else (True,):
                    key = (id(stmt), whole)
                    if key not in self._alone:
                        self._alone[key] = _Alone(stmt if whole else stmt.with_changes(**_HEADED[type(stmt)]))
                    start, line = self._alone[key].line(node)
                    if line is not None:
                        return where[0] + line - start
        return self._walked(node)

    def _walked(self, node: cst.CSTNode) -> int:
        if self.top is None:
            self.top = {}
            for i, stmt in enumerate(self.module.body):
                walk(stmt, _Ids(self.top, i))
        i = self.top.get(id(node))
        if i is None:
            return 0
        if self.start is None:
            line = 1 + sum(1 for _ in self.module.header)
            self.start = []
            for stmt in self.module.body:
                self.start.append(line)
                line += self.module.code_for_node(stmt).count("\n")
        if i not in self.positions:
            alone = self.module.with_changes(body=[self.module.body[i]], header=[], footer=[])
            self.positions[i] = MetadataWrapper(alone, unsafe_skip_copy=True).resolve(PositionProvider)
        pos = self.positions[i].get(node)
        return self.start[i] + pos.start.line - 1 if pos is not None else 0


class _Alone:
    """A statement (or a compound statement's header) rendered alone, where ``_Lines.of``
    looks for nodes: (its line, a node's line or None) as LibCST's ``PositionProvider``
    gives them in a module of it alone. A node a rule put in two places (LibCST's trees
    may share a node) has the position of the last place, as there: all positions are
    worked out for such a statement; for the others, only as far as the node."""

    def __init__(self, shown: cst.CSTNode) -> None:
        self.shown = shown
        self._counts: Optional[dict] = None
        self._positions = None

    def line(self, node: cst.CSTNode) -> tuple:
        if self._counts is None:
            self._counts = {}
            walk(self.shown, _Count(self._counts))
        if self._counts.get(id(node), 0) > 1:
            if self._positions is None:
                self._positions = MetadataWrapper(cst.Module(body=[self.shown]), unsafe_skip_copy=True).resolve(
                    PositionProvider)
            pos = self._positions.get(node)
            return self._positions[self.shown].start.line, pos.start.line if pos is not None else None
        return _line_in(self.shown, node)


class _Count(Visitor):
    def __init__(self, counts: dict) -> None:
        self.counts = counts

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.counts[id(node)] = self.counts.get(id(node), 0) + 1
        return True


class _Found(Exception):
    pass


def _line_in(shown: cst.CSTNode, node: cst.CSTNode) -> tuple:
    """(line of ``shown``, line of ``node`` or None when it is not in it): their starts
    as LibCST's ``PositionProvider`` gives them in a module of ``shown`` alone, found by
    rendering with its position-keeping state only as far as ``node`` (a whole
    statement's positions cost six times its code; the nodes rules report are mostly
    near a statement's start). Where LibCST's internals are not as this expects, all
    positions are worked out as ``MetadataWrapper`` does."""
    module = cst.Module(body=[shown])
    try:
        from libcst.metadata.position_provider import PositionProvidingCodegenState
        provider = PositionProvider()
        computed = provider._computed
        state = _early_state(PositionProvidingCodegenState)(
            default_indent=module.default_indent, default_newline=module.default_newline, provider=provider)
        state.targets, state.found = (shown, node), {}
    except (ImportError, AttributeError, TypeError):
        return _all_positions(module, shown, node)
    try:
        module._codegen(state)
    except (_Found, KeyError):  # stopped (the nodes around it, unwinding, miss their children's ends)
        if node not in state.found:
            return _all_positions(module, shown, node)
    found = state.found
    if shown not in found and shown in computed:
        found[shown] = computed[shown].start.line
    if shown not in found:
        return _all_positions(module, shown, node)
    return found[shown], found.get(node)


def _all_positions(module: cst.Module, shown: cst.CSTNode, node: cst.CSTNode) -> tuple:
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    pos = positions.get(node)
    return positions[shown].start.line, pos.start.line if pos is not None else None


_EARLY: dict = {}


def _early_state(base: type) -> type:
    """``base`` (LibCST's syntactic position state) that notes where ``targets`` start and
    stops rendering (``_Found``) once it knows where the last of them does."""
    if base in _EARLY:
        return _EARLY[base]

    class Early(base):
        targets: tuple = ()
        found: dict = {}

        def _note(self, node, line: int) -> None:
            self.found.setdefault(node, line)
            if node is self.targets[-1]:
                raise _Found

        @contextlib.contextmanager
        def record_syntactic_position(self, node, *, start_node=None, end_node=None):
            if start_node is None and node in self.targets:
                self._note(node, self.line)
            with super().record_syntactic_position(node, start_node=start_node, end_node=end_node):
                yield
            if node in self.targets:
                self._note(node, self.provider._computed[node].start.line)

        def after_codegen(self, node) -> None:
            super().after_codegen(node)
            if node in self.targets:
                self._note(node, self.provider._computed[node].start.line)

    _EARLY[base] = Early
    return Early


# what a statement's node holds that may stand on the lines before it (its leading lines)
_OFF_LINE = (cst.EmptyLine, cst.Comment)

# Compound statements whose header can be rendered without their bodies: what replaces them.
_STUB = cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[cst.Pass()])])
_HEADED = {cst.FunctionDef: {"body": _STUB}, cst.ClassDef: {"body": _STUB}, cst.With: {"body": _STUB},
           cst.If: {"body": _STUB, "orelse": None}, cst.For: {"body": _STUB, "orelse": None},
           cst.While: {"body": _STUB, "orelse": None}}


class _Misaligned(Exception):
    pass


def _parse_ast(text: str) -> Optional[ast.Module]:
    """Python's tree of ``text``, or None; the last two texts' trees are kept (the engine's
    first look at a file and the rules after it read the same text)."""
    if text in _AST_CACHE:
        return _AST_CACHE[text]
    try:
        with warnings.catch_warnings():  # the file's own invalid escapes are not ours to report
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        tree = None
    if len(_AST_CACHE) >= 2:
        _AST_CACHE.clear()
    _AST_CACHE[text] = tree
    return tree


_AST_CACHE: dict = {}


_RENDERED: list = []  # (module, its code) of the last two modules rendered by ``module_code``


# id of a module's top-level node (header line, statement, footer line) → (the node, the
# module's indent and newline, its code): a rule edits a few statements and hands the
# others on as they were (``rules.visitors.transform``), so rendering its module again
# renders only those
_STATEMENT_CODE: dict = {}


def module_code(module: cst.Module) -> str:
    """``module.code``, kept for the last two modules (a rule that drops unused imports
    renders its module to count names, and when it drops none the engine renders the same
    module again for the rule's new text), and made of the code of its top-level nodes,
    each rendered once while it lives on from module to module (``_STATEMENT_CODE``).
    ``Module.code`` is exactly that concatenation: LibCST renders a module node by node
    with one ``CodegenState`` whose indentation at the top level is empty, and
    ``code_for_node`` renders one node with the module's indent and newline; a module
    without a trailing newline (which drops the last newline token) is rendered whole."""
    for seen, text in _RENDERED:
        if seen is module:
            return text
    if not module.has_trailing_newline:
        text = module.code
    else:
        style = (module.default_indent, module.default_newline)
        parts = []
        for node in (*module.header, *module.body, *module.footer):
            known = _STATEMENT_CODE.get(id(node))
            if known is None or known[0] is not node or known[1] != style:
                known = _STATEMENT_CODE[id(node)] = (node, style, module.code_for_node(node))
            parts.append(known[2])
        text = "".join(parts) or module.default_newline
    _RENDERED[:] = [(module, text), *_RENDERED[:1]]
    return text


def release(keep: Optional[cst.Module] = None, text: Optional[str] = None) -> None:
    """Let go of what the caches shared between rules hold for modules other than
    ``keep`` and texts other than ``text`` (all of it without them): the engine calls it
    when a rule hands on a new module and when a file is done, so that a big file's
    earlier trees, their lines and their ``ast`` (as big as the LibCST tree) are freed
    as it goes, not kept until the next file."""
    for key, lines in list(_Lines._cache.items()):
        if lines.module is not keep:
            del _Lines._cache[key]
    for key in list(_AST_CACHE):
        if key is not text:
            del _AST_CACHE[key]
    _RENDERED[:] = [(m, t) for m, t in _RENDERED if m is keep]
    kept = {} if keep is None else {id(n): _STATEMENT_CODE[id(n)] for n in (*keep.header, *keep.body, *keep.footer)
                                    if _STATEMENT_CODE.get(id(n), (None,))[0] is n}
    _STATEMENT_CODE.clear()
    _STATEMENT_CODE.update(kept)


def mentioning(names, *patterns: str) -> "re.Pattern":
    """A pattern matching any of ``names`` as a whole word, or any of ``patterns``."""
    alternatives = [*(rf"\b{re.escape(n)}\b" for n in sorted(names)), *patterns]
    return re.compile("|".join(alternatives) if alternatives else r"(?!)")


def _statements(body: list):
    """Every statement in ``body``, at any depth (imports and assignments are statements:
    no need to walk expressions)."""
    todo = list(reversed(body))
    while todo:
        node = todo.pop()
        yield node
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, name, None)
            if isinstance(inner, list):
                todo.extend(reversed(inner))


def module_level(tree: ast.Module):
    """Every node of the module outside its functions and classes (in any ``if`` / ``try``
    / ``with`` branch at the top): what runs when the module is imported."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        yield node
        pending.extend(ast.iter_child_nodes(node))


def ast_dotted(node: ast.AST) -> Optional[list]:
    """``a.b.c`` (Python's ``ast``) → ``["a", "b", "c"]``; None for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def tf_bound_names(tree: ast.Module) -> dict:
    """Every name the module binds, in any scope, to a TensorFlow or tf_slim path, with
    the paths: imports (``import tensorflow as tf``, ``from tensorflow.compat.v1 import
    layers``, ``import tf_slim as slim``) and aliases of those (``slim = tf.contrib.slim``,
    ``v1 = tf.compat.v1`` in a function), to a fixed point. A superset of what
    ``rules.aliases`` resolves anywhere in the module (which drops a name bound two ways):
    a statement whose text names none of these cannot reach TensorFlow through a name."""
    names: dict = {}
    assigns = []
    for node in _statements(tree.body):
        if isinstance(node, ast.Import):
            for a in node.names:
                path = a.name if a.asname else a.name.split(".")[0]
                if path.split(".")[0] in ROOTS:
                    names.setdefault(a.asname or path, set()).add(path)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.split(".")[0] in ROOTS:
                for a in node.names:
                    if a.name != "*":
                        names.setdefault(a.asname or a.name, set()).add(f"{node.module}.{a.name}")
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, (ast.Attribute, ast.Name)):
            parts = []
            value = node.value
            while isinstance(value, ast.Attribute):
                parts.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name):
                assigns.append((node.targets[0].id, value.id, ".".join(reversed(parts))))
    changed = True
    while changed:
        changed = False
        for target, root, rest in assigns:
            for base in list(names.get(root, ())):
                path = f"{base}.{rest}" if rest else base
                if path not in names.setdefault(target, set()):
                    names[target].add(path)
                    changed = True
    return names


def statement_lines(module: cst.Module, text: str, tree: Optional[ast.Module] = None) -> dict:
    """For every statement of ``module`` at any depth (a ``SimpleStatementLine`` or a
    compound statement, ``elif`` included): ``id → (line, first, last)``, where ``line``
    is where LibCST's position of the statement starts (its first small statement, its
    ``def`` / ``if`` keyword), ``first`` the first line of its text (decorators
    included) and ``last`` its last. Read from Python's ``ast`` of ``text``, which must
    be the module's code, statement by statement beside LibCST's tree; empty when the
    two do not line up (nothing is then known)."""
    if tree is None:
        tree = _parse_ast(text)
    if tree is None:
        return {}
    out: dict = {}
    try:
        _align(module.body, tree.body, out)
    except (_Misaligned, StopIteration, RecursionError):
        return {}
    return out


def _align(statements, nodes: list, out: dict) -> None:
    it = iter(nodes)
    for stmt in statements:
        kind = type(stmt)
        if kind is cst.SimpleStatementLine:
            group = [next(it) for _ in stmt.body]
            out[id(stmt)] = (group[0].lineno, group[0].lineno, group[-1].end_lineno)
        else:
            _compound(stmt, next(it), out)
    if next(it, None) is not None:
        raise _Misaligned


def _compound(stmt, node, out: dict) -> None:
    if not isinstance(node, COMPOUND_STATEMENTS.get(type(stmt), ())):
        raise _Misaligned
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
    out[id(stmt)] = (node.lineno, first, node.end_lineno)
    if isinstance(stmt, cst.Match):
        if len(stmt.cases) != len(node.cases):
            raise _Misaligned
        for case, ast_case in zip(stmt.cases, node.cases):
            _block(case.body, ast_case.body, out)
        return
    _block(stmt.body, node.body, out)
    if isinstance(stmt, (cst.Try, cst.TryStar)):
        if len(stmt.handlers) != len(node.handlers):
            raise _Misaligned
        for handler, ast_handler in zip(stmt.handlers, node.handlers):
            _block(handler.body, ast_handler.body, out)
        if (stmt.finalbody is None) != (not node.finalbody):
            raise _Misaligned
        if stmt.finalbody is not None:
            _block(stmt.finalbody.body, node.finalbody, out)
    orelse = getattr(stmt, "orelse", None)
    if orelse is None:
        if getattr(node, "orelse", None):
            raise _Misaligned
    elif isinstance(orelse, cst.If):  # elif
        if len(node.orelse) != 1:
            raise _Misaligned
        _compound(orelse, node.orelse[0], out)
    else:
        _block(orelse.body, node.orelse, out)


def _block(suite, nodes: list, out: dict) -> None:
    if isinstance(suite, cst.IndentedBlock):
        _align(suite.body, nodes, out)
    elif len(suite.body) != len(nodes):  # ``if x: a; b`` on one line: no statements of its own
        raise _Misaligned


class _Ids(Visitor):
    def __init__(self, out: dict, index: int) -> None:
        self.out, self.index = out, index

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.out[id(node)] = self.index
        return True


def ignore_comments(code: str) -> list[tuple[int, Optional[tuple]]]:
    """(line, rule ids named, or None for all) of each ``# tf1to2: ignore[...]`` comment."""
    out = []
    for number, text in enumerate(code.splitlines(), start=1):
        m = IGNORE_COMMENT.search(text)
        if m:
            out.append((number, None if m.group(1) is None else tuple(r.strip() for r in m.group(1).split(","))))
    return out


def unknown_ignores(code: str, known) -> list[Finding]:
    """``# tf1to2: ignore[optimiser]``: a rule id no rule has (a typo) would silently let
    the line be migrated; each is warned at its line (``known``: the rule ids)."""
    known = set(known)
    return [Finding("tf1to2", number, f"# tf1to2: ignore[{rule_id}]: no rule is called {rule_id!r}, so this "
                                      f"comment keeps nothing from being migrated (rules: {', '.join(sorted(known))})")
            for number, ids in ignore_comments(code) for rule_id in ids or () if rule_id not in known]


def _ignored_ranges(module: cst.Module, rule_id: str, code: str) -> list[tuple[int, int]]:
    """Line ranges of the statements an ignore comment (for ``rule_id``) sits in: the
    smallest statement containing the comment's line, so a comment on a ``with`` line
    covers the block and one inside a multi-line call covers that statement."""
    lines = [number for number, ids in ignore_comments(code) if ids is None or rule_id in ids]
    if not lines:
        return []
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    spans = [
        (p.start.line, p.end.line)
        for node, p in positions.items()
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
    ]
    ranges = []
    for line in lines:
        containing = [s for s in spans if s[0] <= line <= s[1]]
        if containing:
            ranges.append(min(containing, key=lambda s: s[1] - s[0]))
    return ranges


class Facts:
    """What Python's ``ast`` says about a text, worked out when first asked for: enough
    for a rule to tell, without LibCST, that it would do nothing there (``Rule.may_act``).
    Parsing with LibCST costs five times Python's own parser, and most files of a real
    tree need nothing from most rules."""

    def __init__(self, text: str, foreign: Optional[dict] = None) -> None:
        self.text = text
        # names a module-level import binds to another module's TensorFlow binding → its
        # TensorFlow modules (``codemod.pipeline.followed_foreign``)
        self.foreign = foreign or {}
        self._tree = None
        self._names: Optional[dict] = None
        self._code: Optional[str] = None
        self._reaching: Optional[dict] = None

    @property
    def tree(self) -> Optional[ast.Module]:
        if self._tree is None:
            self._tree = _parse_ast(self.text) or False
        return self._tree or None

    @property
    def tf_names(self) -> dict:
        if self._names is None:
            self._names = tf_bound_names(self.tree) if self.tree is not None else {}
            for name, paths in self.foreign.items():
                self._names.setdefault(name, set()).update(paths)
        return self._names

    def reaches(self, test: Callable[[str], bool], kinds: tuple = (ast.Call,), within: Optional[ast.AST] = None) -> bool:
        """Whether some node of ``kinds`` (a call: its callee; a name or attribute: itself)
        in the tree (or ``within``) is a dotted name reaching, through a name bound to
        TensorFlow (``tf_names``: every binding anywhere, a superset of what a rule's walk
        resolves), a canonical name ``test`` accepts: how a rule's ``may_act`` asks what
        its walk would act on."""
        if within is None:  # the whole tree: its nodes reaching TensorFlow, worked out once
            reaching = self.reaching()
            return any(test(name) for kind in kinds for names in reaching.get(kind, ()) for name in names)
        return any(test(name) for node in ast.walk(within) if isinstance(node, kinds) for name in self._reached(node))

    def reaching(self) -> dict:
        """Each call, name and attribute of the tree whose dotted name starts with a name
        bound to TensorFlow, by kind: the canonical names it may reach (``reaches``
        without ``within`` reads these instead of walking the tree each time)."""
        if self._reaching is None:
            found: dict = {ast.Call: [], ast.Name: [], ast.Attribute: []}
            for node in ast.walk(self.tree) if self.tree is not None else ():
                if type(node) in found:
                    reached = self._reached(node)
                    if reached:
                        found[type(node)].append(reached)
            self._reaching = found
        return self._reaching

    def _reached(self, node: ast.AST) -> list:
        """The canonical names a call's callee, or a name or attribute, may reach through
        a name bound to TensorFlow (``tf_names``)."""
        parts = ast_dotted(node.func if isinstance(node, ast.Call) else node)
        if not parts:
            return []
        return [canonicalize(".".join([path, *parts[1:]])) for path in self.tf_names.get(parts[0], ())]

    def let_go(self) -> None:
        """Drop the tree (a big file's is as big as its LibCST tree) once what the rules
        read from it as they work is worked out: the names it binds to TensorFlow and the
        lines of the statements (``RuleContext.settle``). Asked for again, it is parsed again."""
        if self._tree:
            self.tf_names
            self._tree = None
        _AST_CACHE.pop(self.text, None)

    @property
    def code_without_imports(self) -> str:
        """The text with the lines of its import statements (at any depth) blanked."""
        if self._code is None:
            lines = self.text.splitlines()
            for node in _statements(self.tree.body if self.tree is not None else []):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    for n in range(node.lineno - 1, node.end_lineno):
                        lines[n] = ""
            self._code = "\n".join(lines)
        return self._code


class Rule:
    """Base class. Subclasses set the class attributes and implement ``transform``."""

    id: ClassVar[str] = ""
    stage: ClassVar[int] = 0
    summary: ClassVar[str] = ""
    # What the rule reads that only earlier stages write ("" for a rule that works on TF1
    # code as it is): the command line says so when such a rule, selected alone, finds
    # nothing to do.
    works_on: ClassVar[str] = ""
    # The rule does nothing to a file whose text contains none of these: the engine skips
    # it there without walking the tree.
    needles: ClassVar[tuple[str, ...]] = ()
    # The rule reads the other modules of a file's group (``RuleContext.project``).
    cross_module: ClassVar[bool] = False
    # The rule reads which of the module's names other files import (``RuleContext.imported``).
    reads_importers: ClassVar[bool] = False
    # With ``reads_importers``: the engine also reads every file of the run that has an
    # import, an ``__all__`` or one of these bytes, calls ``run_use`` on each call in it
    # (Python's ``ast``), and hands the rule what it found where the file's objects may
    # reach (``RuleContext.run_uses``).
    run_needles: ClassVar[tuple[bytes, ...]] = ()
    # Uses in what the file itself imports count too (the rule follows objects the
    # file's code hands to imported functions), not only in its importers' reach.
    run_reach_imports: ClassVar[bool] = False

    @staticmethod
    def run_use(call) -> Optional[str]:
        """What an ``ast.Call`` elsewhere in the run means to this rule, or None."""
        return None
    example_before: ClassVar[str] = ""
    example_after: ClassVar[str] = ""

    def applies_to(self, text: str) -> bool:
        return any(n in text for n in self.needles)

    def may_act(self, facts: "Facts") -> bool:
        """False only when the rule certainly changes nothing and warns nothing in the
        text (the engine then skips LibCST for the file when no selected rule may act).
        Called after ``applies_to`` said yes, and only when ``facts.tree`` is not None."""
        return True

    def transform(self, ctx: RuleContext) -> cst.Module:
        raise NotImplementedError
