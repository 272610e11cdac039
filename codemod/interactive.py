"""``--interactive``: each change of each rule, offered on its own, like ``git add -p``.

An offered hunk is one change as the rule makes it (``RuleContext.change``): the diff of
the file with that change alone applied, imports included, so accepting it never leaves
half a rewrite. Rules run one after another in stage order, each on the text the
accepted changes of the previous ones produced. What is accepted is re-parsed and
written atomically; nothing that would not parse is ever written.
"""
from __future__ import annotations

import sys
from typing import Callable, Optional, TextIO

import libcst as cst

import rules as rules_pkg
from codemod import documents, textio
from codemod.report import colour_wanted, coloured
from codemod.pipeline import (FileResult, Options, finish_document, foreign_tf_findings, located, project_for,
                              syntax_error, transform_text)

PROMPT = "Apply this change? [y,n,a,d,q,?] "
HELP = """y - apply this change
n - do not apply this change
a - apply this change and all remaining changes in this file
d - do not apply this change nor any remaining change in this file
q - quit; changes accepted so far are written (end of input, Ctrl-D, does the same)
? - print help
"""


class Quit(Exception):
    pass


class Session:
    def __init__(self, rule_ids: tuple[str, ...], out: TextIO, ask: Callable[[str], str], colour: bool):
        self.rule_ids, self.out, self.ask, self.colour = rule_ids, out, ask, colour

    def _answer(self) -> str:
        while True:
            try:
                answer = self.ask(PROMPT).strip().lower()[:1]
            except EOFError:  # end of input (Ctrl-D) is q: what was accepted is written
                self.out.write("\n")
                return "q"
            if answer in ("y", "n", "a", "d", "q"):
                return answer
            self.out.write(f"{answer!r} is not one of y, n, a, d, q, ?\n" if answer and answer != "?" else "")
            self.out.write(HELP)

    def file(self, path: str, options: Optional[Options] = None) -> FileResult:
        """Offer every change in ``path``; write what was accepted. Raises Quit (after
        writing) when asked to stop. ``options``: what the run's other files know of this
        one (``codemod.project.cross_file``), read by the rules as in a run without
        ``--interactive``, so accepting every change writes what that run writes."""
        options = options or Options(self.rule_ids)
        try:
            doc = documents.load(path, prefilter=not (options.foreign_tf and rules_pkg.TfApi.id in self.rule_ids))
        except textio.NotTouched as e:
            return FileResult(path, "skipped", reason=str(e))
        except textio.SourceError as e:
            return FileResult(path, "failed", error=str(e), error_line=e.line)
        if doc is None:
            return FileResult(path, "skipped", reason="no TensorFlow")
        text = doc.text
        foreign = foreign_tf_findings(options)
        changes, warnings = [], []
        name_map: dict = {}
        mode: Optional[str] = None  # "all" / "none" for the rest of this file
        quitting = False
        group = options.group()
        for cls in rules_pkg.REGISTRY:
            if cls.id not in self.rule_ids or quitting:
                continue
            known = dict(project=project_for(group, doc.text, set(self.rule_ids), cls.stage), **options.known())
            try:
                _, offered, rule_warnings = transform_text(text, [cls.id], **known)
            except cst.ParserSyntaxError as e:  # the file changed since it was scanned
                message, line = syntax_error(text, path, e)
                return FileResult(path, "failed", error=f"does not parse: {message}", error_line=line)
            if cls.id == rules_pkg.TfApi.id:
                rule_warnings += foreign
            rule_warnings = located(doc, rule_warnings)
            for w in rule_warnings:
                self.out.write(f"{path}:{w.line}: {w.rule}: {w.message}\n")
            warnings += rule_warnings
            accepted: set[int] = set()
            for change, shown in zip(offered, located(doc, offered)):
                if mode is None:
                    alone, _, _ = transform_text(text, [cls.id], {cls.id: {change.index}}, **known)
                    self.out.write(f"\n{cls.id} · {path}:{shown.line}: {shown.message}\n")
                    # Against the text so far (earlier rules' accepted changes included).
                    self.out.write(coloured(doc.diff(alone, old_text=text), self.colour))
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
                text, made, _ = transform_text(text, [cls.id], {cls.id: accepted}, name_map=name_map, **known)
                changes += located(doc, made)
        result = self._write(doc, text, changes, warnings, name_map)
        if quitting:
            raise Quit(result)
        return result

    @staticmethod
    def _write(doc, text, changes, warnings, name_map) -> FileResult:
        result = finish_document(doc, text, changes, warnings, name_map)
        if result.status == "changed":
            try:
                textio.write_atomic(doc.path, result.new_bytes, expected=result.digest)
            except textio.SourceError as e:
                return FileResult(doc.path, "failed", error=str(e), error_line=e.line)
        return result


def run(work: list[tuple[str, Options]], rule_ids: tuple[str, ...], out: TextIO = sys.stdout) -> list[FileResult]:
    """Ask about each file of ``work`` (path, the run's ``Options`` for it) in turn."""
    session = Session(rule_ids, out, input, colour=colour_wanted(out))
    results = []
    for path, options in work:
        try:
            results.append(session.file(path, options))
        except Quit as q:
            results.append(q.args[0])
            break
    return results
