"""One file through the selected rules; many files through a pool of processes.

``migrate_file`` runs in a worker: read and decode once, skip text that never mentions
TensorFlow, parse once, run the rules in stage order, and send back the new text with
the changes and warnings. A rule that raises fails that file (reported with the rule
and the exception) and nothing of that file is written; the run goes on.
"""
from __future__ import annotations

import ast
import contextlib
import difflib
import gc
import os
import re
import traceback
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

import libcst as cst

import rules as rules_pkg
from codemod import documents, textio
from rules.base import Facts, Finding, Project, RuleContext, module_code, parse_module, release, unknown_ignores
from rules.tf_api import TfApi, foreign_tf_warning


@dataclass
class FileResult:
    path: str
    status: str  # "unchanged" | "changed" | "skipped" | "failed"
    new_bytes: Optional[bytes] = None
    changes: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    error: Optional[str] = None
    error_line: Optional[int] = None
    reason: Optional[str] = None  # why a file was skipped
    name_map: dict = field(default_factory=dict)
    diff: str = ""
    digest: Optional[str] = None  # of the bytes the rewrite was made from (textio.write_atomic)


SKIP_FILE = re.compile(r"#\s*tf1to2:\s*skip-file\b")
GENERATED = re.compile(r"@generated\b")


@dataclass(frozen=True)
class Options:
    rule_ids: tuple[str, ...]
    explicit: bool = False  # named on the command line: @generated files are processed
    # rule id → indices of the changes to apply (interactive mode); None: all of them
    accepted: Optional[dict] = None
    # the file's dotted module name and the other files of its group ((name, text), ...),
    # read as context by rules that look across modules (codemod.project)
    module: str = ""
    context: tuple = ()
    # names of the file's module that other files of the run (or its __all__) import:
    # ((name, "where"), ...) (codemod.project.cross_file)
    imported: tuple = ()
    # per rule id, what its scanner found in files the file's objects may reach:
    # ((rule id, (("path:line", what), ...)), ...) (codemod.project.cross_file)
    run_uses: tuple = ()
    # how the file spells the functions of other modules of the run that run no TF1-style
    # code (codemod.project.cross_file, rules.pure_functions)
    free_functions: tuple = ()
    # names the file imports from another module that binds them to TensorFlow:
    # ((local name, dotted name, TensorFlow module, line, whether at module level), ...)
    foreign_tf: tuple = ()
    # ``--unsafe-fixes`` (``RuleContext.unsafe``)
    unsafe: bool = False

    def group(self) -> Optional[Project]:
        """The file's group, as the rules read it (``transform_text``'s ``project``)."""
        return Project(self.module, dict(self.context)) if self.context else None

    def known(self) -> dict:
        """What the run's other files know of the file, as ``transform_text`` takes it."""
        return dict(imported=self.imported, run_uses=self.run_uses, free_functions=self.free_functions,
                    foreign=self.foreign_tf, unsafe=self.unsafe)


def transform_text(
    text: str, rule_ids: Iterable[str], accepted: Optional[dict] = None, name_map: Optional[dict] = None,
    project: Optional[Project] = None, imported: tuple = (), run_uses: tuple = (), free_functions: tuple = (),
    foreign: tuple = (), unsafe: bool = False,
) -> tuple[str, list[Finding], list[Finding]]:
    """Run the rules (by id, in stage order) over source text; raises on parse errors
    and on a rule's exception. This is what the golden tests call. ``accepted`` maps a
    rule id to the indices of its changes to make (the others are left undone);
    ``project`` holds the other modules of the file's group, as they were before the run;
    ``imported`` the module's names other files import ((name, where), ...); ``run_uses``
    what each rule's scanner found in files the module's objects may reach; ``free_functions``
    the functions of other modules it calls that run no TF1-style code, as it spells them;
    ``foreign`` its imports of names other modules bind to TensorFlow (``Options.foreign_tf``):
    the rules follow those a module-level import binds as if the module imported
    TensorFlow under that name itself (``followed_foreign``); ``unsafe`` makes the fixes a
    run otherwise only warns of (``--unsafe-fixes``)."""
    try:
        return _transform_text(text, rule_ids, accepted, name_map, project, imported, run_uses, free_functions,
                               foreign, unsafe)
    finally:
        release()


def _transform_text(text, rule_ids, accepted, name_map, project, imported, run_uses, free_functions=(), foreign=(),
                    unsafe=False):
    wanted = set(rule_ids)
    uses_of = dict(run_uses)
    original = text
    changes: list[Finding] = []
    warnings: list[Finding] = unknown_ignores(text, rules_pkg.by_id()) if "tf1to2:" in text else []
    # Parsed when the first rule that may act needs it: most files of a real tree need
    # nothing from any rule, and Python's ``ast`` tells so at a fifth of LibCST's cost.
    module: Optional[cst.Module] = None
    facts = Facts(text)
    followed = followed_foreign(foreign)
    if followed:
        facts = Facts(text, followed)
    # line of the text as the rules so far left it → line of the original (None: the same)
    lines: Optional[list[int]] = None
    for cls in rules_pkg.REGISTRY:
        if cls.id not in wanted:
            continue
        rule = cls()
        if not _acts(rule, text, facts):  # the text as the rules before this one left it
            continue
        if module is None:
            module = parse_module(text, facts.tree)
        project = project_for(project, original, wanted, rule.stage)
        ctx = RuleContext(module=module, rule_id=rule.id, text=text, project=project, imported=dict(imported),
                          run_uses=tuple(uses_of.get(rule.id, ())), facts=facts, rules=frozenset(wanted),
                          free_functions=frozenset(free_functions), foreign=followed, unsafe=unsafe)
        if accepted is not None:
            chosen = accepted.get(rule.id, ())
            ctx.accept = chosen.__contains__
        try:
            ctx.settle()
            new_module = rule.transform(ctx)
        except Exception as e:
            raise RuleCrash(rule.id, e) from e
        for finding in (*ctx.changes, *ctx.warnings):
            finding.line = _original_line(lines, finding.line)
            if finding.covers:
                first, last, topics = finding.covers
                finding.covers = (_original_line(lines, first), _original_line(lines, last), topics)
            if lines is not None and "line" in finding.message:
                finding.message = _original_lines_in(lines, finding.message)
        changes += ctx.changes
        warnings += sorted(ctx.warnings, key=lambda w: w.line)
        if name_map is not None:
            compose_names(name_map, ctx.name_map)
        if new_module is not module:  # generating code costs: only when something changed
            module = new_module
            new_text = module_code(module)
            lines = _compose(lines, line_map(text, new_text))
            text = new_text
            del ctx, facts
            release(module, text)
            facts = Facts(text, followed)
    return text, changes, fold(warnings)


def followed_foreign(foreign: tuple) -> dict:
    """Of the module's imports of names another module binds to TensorFlow
    (``Options.foreign_tf``: (local name, dotted name, "tensorflow / tensorflow.compat.v1",
    line, at module level)), those made at module level (any ``if`` / ``try`` branch, not
    in a function or class): local name → the TensorFlow modules it is bound to. The rules
    follow these as the module's own bindings of TensorFlow."""
    return {name: tuple(module.split(" / ")) for name, _dotted, module, _line, top in foreign if top}


def fold(warnings: list[Finding]) -> list[Finding]:
    """Earlier warnings a later one stands for (``Finding.covers``: a topic, in its lines)
    left out, their ``brief`` added to it: "Left with it: line 6, ...". One warning for
    one TF1 session loop, where tf-api (graph mode), optimizers (``.minimize``) and
    training-step each had one."""
    covering = [w for w in warnings if w.covers]
    if not covering:
        return warnings
    kept, briefs = [], {}
    for w in warnings:
        by = next((c for c in covering if c is not w and w.topic and w.topic in c.covers[2]
                   and c.covers[0] <= w.line <= c.covers[1]), None)
        if by is None:
            kept.append(w)
        elif w.brief:
            briefs.setdefault(id(by), []).append((w.line, w.brief))
    for c in covering:
        if id(c) in briefs:
            c.message = c.message.rstrip(".") + ". Left with it until then: " + "; ".join(f"line {line}, {brief}" for line, brief in sorted(briefs[id(c)])) + "."
    return kept


def _acts(rule, text: str, facts: Facts) -> bool:
    """Whether ``rule`` may change or warn anything in ``text``: its needles are there and
    its ``may_act`` (from Python's ``ast``, ``facts``) does not rule it out. Text ``ast``
    cannot read goes to the rule, and LibCST says what is wrong with it. A name another
    module of the run binds to TensorFlow (``facts.foreign``) spells "tensorflow" here."""
    spelled = rule.applies_to(text) or (bool(facts.foreign) and rule.applies_to("tensorflow"))
    return spelled and (facts.tree is None or rule.may_act(facts))


def compose_names(name_map: dict, later: dict) -> None:
    """Add a later stage's renames to ``name_map`` (TF1 checkpoint name → final name), so
    that one entry goes from the name in the TF1 checkpoint to where the variable ends:
    ``conv1/weights → conv1/kernel`` (stage 2) then ``conv1/kernel → Net/conv1/kernel``
    (stage 5) is ``conv1/weights → Net/conv1/kernel``. A later rename of a name an earlier
    stage made replaces that stage's target (the intermediate name is in no checkpoint);
    one of a name under an earlier ``*/a → */b`` rename adds the concrete entry."""
    wildcards = [(old[2:], new[2:]) for old, new in name_map.items() if old.startswith("*/") and new.startswith("*/")]
    sources: dict = {}  # final name → the names mapped to it (kept with name_map: linear, not quadratic)
    for k, v in name_map.items():
        sources.setdefault(v, set()).add(k)

    def assign(k: str, v: str) -> None:
        if k in name_map:
            sources[name_map[k]].discard(k)
        name_map[k] = v
        sources.setdefault(v, set()).add(k)

    for old, new in later.items():
        earlier = [k for k in sources.get(old, ()) if k != old]
        if earlier:
            for k in earlier:
                assign(k, new)
            if old in name_map:
                sources[name_map.pop(old)].discard(old)
            continue
        wild = next(((a, b) for a, b in wildcards if old == b or old.endswith("/" + b)), None)
        if wild is not None and not old.startswith("*/"):
            assign(old[: len(old) - len(wild[1])] + wild[0], new)
            continue
        assign(old, new)


def line_map(old: str, new: str) -> list[int]:
    """For each line of ``new`` (1-based, in order), the line of ``old`` it comes from: the
    same line where it is unchanged, the line it replaces, or the line an inserted line
    stands before (a rule's warning about an added import names where the code was).
    Lines are compared without their indentation: a function a rule makes a method keeps
    its lines, one level deeper. Patience-style: lines that occur once in both texts
    anchor the match (near-linear, where difflib alone is quadratic on a 50,000-line
    file), and difflib matches what lies between two anchors."""
    a, b = [line.strip() for line in old.splitlines()], [line.strip() for line in new.splitlines()]
    out = [0] * len(b)
    _match(a, 0, len(a), b, 0, len(b), out, len(a))
    return out


def _match(a: list, a0: int, a1: int, b: list, b0: int, b1: int, out: list, n_old: int) -> None:
    while a0 < a1 and b0 < b1 and a[a0] == b[b0]:  # the same first lines
        out[b0] = a0 + 1
        a0, b0 = a0 + 1, b0 + 1
    while a0 < a1 and b0 < b1 and a[a1 - 1] == b[b1 - 1]:  # and last
        out[b1 - 1] = a1
        a1, b1 = a1 - 1, b1 - 1
    if b0 >= b1:
        return
    anchors = _anchors(a, a0, a1, b, b0, b1) if (a1 - a0) * (b1 - b0) > 10_000 else []
    if not anchors:
        _difflib(a, a0, a1, b, b0, b1, out, n_old)
        return
    for i, j in anchors:
        _match(a, a0, i, b, b0, j, out, n_old)
        out[j] = i + 1
        a0, b0 = i + 1, j + 1
    _match(a, a0, a1, b, b0, b1, out, n_old)


def _anchors(a: list, a0: int, a1: int, b: list, b0: int, b1: int) -> list:
    """(i, j) pairs of the lines that occur once in a[a0:a1] and once in b[b0:b1], the
    longest run of them in the same order in both (patience sorting)."""
    import bisect
    from collections import Counter

    count_a, count_b = Counter(a[a0:a1]), Counter(b[b0:b1])
    where_a = {a[i]: i for i in range(a0, a1) if count_a[a[i]] == 1}
    pairs = [(where_a[b[j]], j) for j in range(b0, b1) if count_b[b[j]] == 1 and b[j] in where_a and b[j]]
    tails: list = []  # tails[k]: the smallest old index ending a run of k + 1
    links: list = []
    ends: list = []
    for i, j in pairs:
        k = bisect.bisect_left(tails, i)
        links.append(ends[k - 1] if k else None)
        if k == len(tails):
            tails.append(i)
            ends.append(len(links) - 1)
        else:
            tails[k] = i
            ends[k] = len(links) - 1
    run, at = [], ends[-1] if ends else None
    while at is not None:
        run.append(pairs[at])
        at = links[at]
    return run[::-1]


def _difflib(a: list, a0: int, a1: int, b: list, b0: int, b1: int, out: list, n_old: int) -> None:
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False).get_opcodes():
        i1, i2, j1, j2 = i1 + a0, i2 + a0, j1 + b0, j2 + b0
        for j in range(j1, j2):
            if tag == "equal":
                out[j] = i1 + (j - j1) + 1
            elif tag == "insert":
                out[j] = min(i1, max(n_old - 1, 0)) + 1
        if tag == "replace":
            _pair(a, i1, i2, b, j1, j2, out)


def _pair(a: list, i1: int, i2: int, b: list, j1: int, j2: int, out: list) -> None:
    """Lines ``b[j1:j2]`` replacing ``a[i1:i2]``: as many, line for line. A different
    number of them: where a rule
    renamed these and inserted a few lines among them (tf-api's ``disable_v2_behavior()``
    above a script it renamed), each old line is paired with a new line at least half
    like it, in order, the best total likeness, the k extra new lines skipped (O(n·k)
    comparisons: each old line can only be one of k + 1 new ones); an inserted line
    stands for the old line after it. Otherwise (fewer new lines, many more, or an old
    line like none: a call expanded into several statements, say) they pair in order as
    far as they go, which is as near as can be told."""
    n, k = i2 - i1, (j2 - j1) - (i2 - i1)
    if not 0 < k <= 8:
        _in_order(i1, i2, j1, j2, out)
        return
    cache: dict = {}

    def like(i: int, j: int) -> float:
        if (i, j) not in cache:
            m = difflib.SequenceMatcher(None, a[i1 + i], b[j1 + j], autojunk=False)
            cache[i, j] = m.ratio() if m.real_quick_ratio() >= 0.5 and m.quick_ratio() >= 0.5 else 0.0
        return cache[i, j]

    low = float("-inf")
    best = [[low] * (k + 1) for _ in range(n + 1)]  # best[i][s]: i old lines paired, s new lines skipped
    best[0][0] = 0.0
    for i in range(n + 1):
        for s_ in range(k + 1):
            here = best[i][s_]
            if here == low:
                continue
            if s_ < k and here > best[i][s_ + 1]:
                best[i][s_ + 1] = here  # new line i + s_ inserted
            if i < n:
                score = like(i, i + s_)
                if score >= 0.5 and here + score > best[i + 1][s_]:
                    best[i + 1][s_] = here + score
    if best[n][k] == low:
        _in_order(i1, i2, j1, j2, out)
        return
    paired, i, s_ = {}, n, k
    while i > 0 or s_ > 0:  # back from the end: a pair where it accounts for the score
        if i > 0 and best[i - 1][s_] != low and like(i - 1, i - 1 + s_) >= 0.5 \
                and best[i][s_] == best[i - 1][s_] + like(i - 1, i - 1 + s_):
            paired[i - 1 + s_] = i - 1
            i -= 1
        else:
            s_ -= 1
    after = n - 1  # the old line an unpaired new line stands before (the block's last)
    for j in reversed(range(n + k)):
        after = paired.get(j, after)
        out[j1 + j] = i1 + after + 1


def _in_order(i1: int, i2: int, j1: int, j2: int, out: list) -> None:
    for j in range(j1, j2):
        out[j] = i1 + min(j - j1, i2 - i1 - 1) + 1


def _compose(first: Optional[list[int]], then: list[int]) -> list[int]:
    return then if first is None else [_original_line(first, line) for line in then]


# the other lines of its file a finding's message names ("at line 12", "(lines 3, 7)"):
# of the text the rule saw, which earlier rules may have changed
_LINE_REFERENCES = re.compile(r"\b(lines? )(\d+(?:(?:, | and )\d+)*)")


def _original_lines_in(lines: list[int], message: str) -> str:
    """``message`` with the lines it names (``line 30``: ``RuleContext.line`` of the text
    the rule saw) as lines of the file the user has (``line 27``), as its own line is."""
    def original(match: re.Match) -> str:
        numbers = re.sub(r"\d+", lambda n: str(_original_line(lines, int(n.group()))), match.group(2))
        if "," in numbers and " and " not in numbers:  # two lines of one: said once
            unique = list(dict.fromkeys(numbers.split(", ")))
            if len(unique) == 1:
                return match.group(1).replace("lines", "line") + unique[0]
            numbers = ", ".join(unique)
        return match.group(1) + numbers
    return _LINE_REFERENCES.sub(original, message)


def _original_line(lines: Optional[list[int]], line: int) -> int:
    if lines is None or line <= 0:
        return line
    if not lines:
        return 1
    return lines[min(line, len(lines)) - 1]


def project_for(project: Optional[Project], home_text: str, wanted: set, stage: int) -> Optional[Project]:
    """The group's other modules as a rule of ``stage`` reads them, the rules of ``wanted``
    before it (``_project_after``) having run on them; ``project`` itself when none of
    those reads across modules."""
    if project is not None and any(c.cross_module and c.id in wanted and project.stage <= c.stage < stage
                                   for c in rules_pkg.REGISTRY):
        return _project_after(project, home_text, wanted, stage)
    return project


def _project_after(project: Project, home_text: str, wanted: set, stage: int) -> Project:
    """The other modules of the group as the rules before ``stage`` leave them (each run
    with the whole group, as its own worker runs it): a later rule must see, say, the
    scopes stage 1 resolved there gone and those it left still in place."""
    earlier = [c.id for c in rules_pkg.REGISTRY if c.id in wanted and c.stage < stage and c.cross_module]
    texts = {}
    for name, text in project.texts.items():
        others = {n: t for n, t in project.texts.items() if n != name}
        others[project.name] = home_text
        try:
            texts[name] = transform_text(text, earlier, project=Project(name, others, stage=stage))[0]
        except Exception:  # that module's own worker reports it; here it is read as it is
            texts[name] = text
    return Project(project.name, texts, stage=stage)


class RuleCrash(Exception):
    def __init__(self, rule_id: str, error: Exception):
        super().__init__(f"rule {rule_id} crashed: {type(error).__name__}: {error}")
        self.rule_id = rule_id


def migrate_file(path: str, options: Options) -> FileResult:
    with _no_cyclic_gc():
        return _migrate_file(path, options)


@contextlib.contextmanager
def _no_cyclic_gc():
    """Python's cyclic collector, with a file's LibCST and ast trees alive (millions of
    objects for a large file), runs ever more often and ever longer as they grow: a
    10,000-line file spent a third of its time in it (18.2 s, 12.8 s without). The
    trees are freed by reference counting; what cycles there are wait for the next
    collection after the file."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _migrate_file(path: str, options: Options) -> FileResult:
    try:
        doc = documents.load(path, prefilter=not _foreign_tf(options))
    except textio.NotTouched as e:
        return FileResult(path, "skipped", reason=str(e))
    except textio.SourceError as e:
        return FileResult(path, "failed", error=str(e), error_line=e.line)
    if doc is None or not (rules_pkg.PREFILTER.search(doc.text) or _foreign_tf(options)):
        return FileResult(path, "skipped", reason="no TensorFlow")
    if SKIP_FILE.search(doc.text):
        return FileResult(path, "skipped", reason="tf1to2: skip-file")
    if not options.explicit and GENERATED.search(doc.text[:4096]):
        return FileResult(path, "skipped", reason="@generated")
    return migrate_document(doc, options)


def located(doc, findings: list[Finding]) -> list[Finding]:
    """Findings with lines as the user sees them (a notebook's: line in its cell)."""
    out = []
    for f in findings:
        line, prefix = doc.where(f.line)
        out.append(Finding(f.rule, line, prefix + f.message, f.index))
    return out


def _compile_error(text: str, path: str) -> Optional[tuple[str, Optional[int]]]:
    """CPython's own verdict (LibCST accepts some text CPython rejects: a NUL byte, too
    deep nesting; and its trees can express code that does not compile: a duplicate
    parameter). Notebook text may ``await`` at top level, as IPython allows."""
    try:
        compile(text, path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as e:
        return e.msg, e.lineno
    except (ValueError, RecursionError, MemoryError) as e:
        return str(e) or type(e).__name__, None
    return None


def migrate_document(doc, options: Options) -> FileResult:
    path = doc.path
    name_map: dict = {}
    rejected = _compile_error(doc.text, path)
    if rejected is not None:
        message, line = rejected
        return FileResult(path, "failed", error=f"does not parse: {message}", error_line=line)
    try:
        new_text, changes, warnings = transform_text(doc.text, options.rule_ids, options.accepted, name_map,
                                                     options.group(), **options.known())
    except cst.ParserSyntaxError as e:
        message, line = syntax_error(doc.text, path, e)
        return FileResult(path, "failed", error=f"does not parse: {message}", error_line=line)
    except RuleCrash as e:
        detail = "".join(traceback.format_exception_only(type(e.__cause__), e.__cause__)).strip()
        return FileResult(path, "failed", error=f"rule {e.rule_id} crashed: {detail}")
    except RecursionError:
        return FileResult(path, "failed", error="too deeply nested to process")
    warnings += foreign_tf_findings(options)
    return finish_document(doc, new_text, located(doc, changes), located(doc, warnings), name_map)


def foreign_tf_findings(options: Options) -> list[Finding]:
    """Stage 0's warnings at the file's imports of another module's TensorFlow names that
    the rules cannot follow (made in a function or class: ``followed_foreign``)."""
    return [Finding(TfApi.id, line, foreign_tf_warning(name, dotted, module))
            for name, dotted, module, line, top in _foreign_tf(options) if not top]


def _foreign_tf(options: Options) -> tuple:
    """The imports of another module's TensorFlow names to report (``Options.foreign_tf``):
    stage 0 says what it cannot follow, when it runs."""
    return options.foreign_tf if TfApi.id in options.rule_ids else ()


def finish_document(doc, new_text: str, changes: list[Finding], warnings: list[Finding],
                    name_map: Optional[dict] = None) -> FileResult:
    """The result of rewriting ``doc`` to ``new_text``: unchanged, or changed with the
    bytes to write and the diff, or failed. What would be written must compile (CPython's
    verdict, stricter than LibCST's parser, and a fifth of its cost): a rule bug never
    reaches the disk."""
    path = doc.path
    if new_text == doc.text:
        return FileResult(path, "unchanged", changes=changes, warnings=warnings)
    rejected = _compile_error(new_text, path)
    if rejected is not None:
        message, line = rejected
        return FileResult(path, "failed", error=f"internal error: the rewritten file would not compile "
                          f"({message}, line {line} of the rewrite); not written", error_line=None)
    try:
        new_bytes = doc.render(new_text)
        diff = doc.diff(new_text)
    except textio.SourceError as e:
        return FileResult(path, "failed", error=str(e), error_line=e.line)
    return FileResult(path, "changed", new_bytes, changes, warnings, name_map=name_map or {}, diff=diff,
                      digest=getattr(doc, "digest", None))


def syntax_error(text: str, path: str, error: cst.ParserSyntaxError) -> tuple[str, int]:
    """Python's own message and line where it has one: LibCST reports where it gave up,
    often a line or two after the mistake."""
    rejected = _compile_error(text, path)
    if rejected is not None and rejected[1]:
        return rejected
    return error.message, error.raw_line


def _worker(args: tuple[str, Options]) -> FileResult:
    return migrate_file(*args)


def run(work: list[tuple[str, Options]], jobs: int) -> Iterator[FileResult]:
    """Results in the order of ``work``: (path, options) pairs."""
    jobs = max(1, min(jobs, len(work)))
    if jobs == 1:
        yield from map(_worker, work)
        return
    from codemod import workers

    with workers.pool(jobs) as pool:
        # The biggest files first, one at a time: a big file handed out last keeps one
        # worker busy while the others wait (tf_slim's layers.py is 3,400 lines). Results
        # still come back in the order of ``work``.
        futures = {i: pool.submit(_worker, work[i]) for i in sorted(range(len(work)), key=lambda i: -_size(work[i][0]))}
        for i in range(len(work)):
            yield futures.pop(i).result()


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
