"""``--interactive``: each change of each rule, offered on its own, like ``git add -p``.

An offered hunk is one change as the rule makes it (``RuleContext.change``): the diff of
the file with that change alone applied, imports included, so accepting it never leaves
half a rewrite. Rules run one after another in stage order, each on the text the
accepted changes of the previous ones produced. What is accepted is re-parsed and
written atomically; nothing that would not parse is ever written.
"""
from __future__ import annotations

import difflib
import sys
from typing import Callable, Optional, TextIO

import libcst as cst

import rules as rules_pkg
from codemod import documents, textio
from codemod.pipeline import FileResult, located, transform_text

PROMPT = "Apply this change? [y,n,a,d,q,?] "
HELP = """y - apply this change
n - do not apply this change
a - apply this change and all remaining changes in this file
d - do not apply this change nor any remaining change in this file
q - quit; changes accepted so far are written
? - print help
"""


class Quit(Exception):
    pass


def _colour(diff: str, on: bool) -> str:
    if not on:
        return diff
    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(f"\033[1m{line.rstrip(chr(10))}\033[0m\n")
        elif line.startswith("+"):
            out.append(f"\033[32m{line.rstrip(chr(10))}\033[0m\n")
        elif line.startswith("-"):
            out.append(f"\033[31m{line.rstrip(chr(10))}\033[0m\n")
        elif line.startswith("@@"):
            out.append(f"\033[36m{line.rstrip(chr(10))}\033[0m\n")
        else:
            out.append(line)
    return "".join(out)


class Session:
    def __init__(self, rule_ids: tuple[str, ...], out: TextIO, ask: Callable[[str], str], colour: bool):
        self.rule_ids, self.out, self.ask, self.colour = rule_ids, out, ask, colour

    def _answer(self) -> str:
        while True:
            answer = self.ask(PROMPT).strip().lower()[:1]
            if answer in ("y", "n", "a", "d", "q"):
                return answer
            self.out.write(HELP)

    def file(self, path: str) -> FileResult:
        """Offer every change in ``path``; write what was accepted. Raises Quit (after
        writing) when asked to stop."""
        try:
            doc = documents.load(path)
        except textio.SourceError as e:
            return FileResult(path, "failed", error=str(e), error_line=e.line)
        text = doc.text
        changes, warnings = [], []
        mode: Optional[str] = None  # "all" / "none" for the rest of this file
        quitting = False
        for cls in rules_pkg.REGISTRY:
            if cls.id not in self.rule_ids or quitting:
                continue
            try:
                _, offered, rule_warnings = transform_text(text, [cls.id])
            except cst.ParserSyntaxError as e:
                return FileResult(path, "failed", error=f"does not parse: {e.message}", error_line=e.raw_line)
            rule_warnings = located(doc, rule_warnings)
            for w in rule_warnings:
                self.out.write(f"{path}:{w.line}: {w.rule}: {w.message}\n")
            warnings += rule_warnings
            accepted: set[int] = set()
            for change, shown in zip(offered, located(doc, offered)):
                if mode is None:
                    alone, _, _ = transform_text(text, [cls.id], {cls.id: {change.index}})
                    self.out.write(f"\n{cls.id} · {path}:{shown.line}: {shown.message}\n")
                    # Against the text so far (earlier rules' accepted changes included).
                    self.out.write(_colour(_text_diff(doc, text, alone), self.colour))
                    answer = self._answer()
                    if answer == "q":
                        quitting = True
                        break
                    if answer in ("a", "d"):
                        mode = "all" if answer == "a" else "none"
                    if answer in ("y", "a"):
                        accepted.add(change.index)
                elif mode == "all":
                    accepted.add(change.index)
            if accepted:
                text, made, _ = transform_text(text, [cls.id], {cls.id: accepted})
                changes += located(doc, made)
        result = self._write(doc, text, changes, warnings)
        if quitting:
            raise Quit(result)
        return result

    @staticmethod
    def _write(doc, text, changes, warnings) -> FileResult:
        path = doc.path
        if text == doc.text:
            return FileResult(path, "unchanged", changes=changes, warnings=warnings)
        try:
            cst.parse_module(text)
        except cst.ParserSyntaxError as e:
            return FileResult(path, "failed", error=f"internal error: the accepted changes would not parse "
                              f"({e.message}); not written", error_line=e.raw_line)
        try:
            textio.write_atomic(path, doc.render(text))
        except textio.SourceError as e:
            return FileResult(path, "failed", error=str(e), error_line=e.line)
        return FileResult(path, "changed", doc.text, text, None, changes, warnings, diff=doc.diff(text))


def _text_diff(doc, old: str, new: str) -> str:
    """The diff between two versions of ``doc``'s text (old includes the changes
    already accepted), shown the document's way: a notebook's cell by cell."""
    if isinstance(doc, documents.NotebookDocument):
        out = []
        for (_, i), a, b in zip(doc.offsets, doc._split(old), doc._split(new)):
            if a != b:
                out.append("".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                                        f"a/{doc.path} (cell {i + 1})", f"b/{doc.path} (cell {i + 1})")))
        return "".join(out)
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{doc.path}", f"b/{doc.path}"))


def run(paths: list[str], rule_ids: tuple[str, ...], out: TextIO = sys.stdout) -> list[FileResult]:
    session = Session(rule_ids, out, input, colour=out.isatty())
    results = []
    for path in paths:
        try:
            results.append(session.file(path))
        except Quit as q:
            results.append(q.args[0])
            break
        except EOFError:
            out.write("\n")
            break
    return results
