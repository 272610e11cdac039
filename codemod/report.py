"""Diffs, the summary and the JSON report of a run."""
from __future__ import annotations

import json
import os
from collections import Counter
from typing import TextIO

from codemod.pipeline import FileResult

JSON_SCHEMA_VERSION = 1


# Line prefix → ANSI style, first match wins (file headers before +/- lines).
_STYLES = (("+++", "1"), ("---", "1"), ("@@", "36"), ("+", "32"), ("-", "31"))


def colour_wanted(out: TextIO) -> bool:
    """Colours on a terminal, unless ``NO_COLOR`` is set (no-color.org)."""
    return hasattr(out, "isatty") and out.isatty() and not os.environ.get("NO_COLOR")


def coloured(diff: str, on: bool) -> str:
    """A unified diff with git's colours (bold headers, cyan hunks, green/red lines)."""
    if not on:
        return diff
    out = []
    for line in diff.splitlines(keepends=True):
        style = next((code for prefix, code in _STYLES if line.startswith(prefix)), None)
        out.append(f"\033[{style}m{line.rstrip(chr(10))}\033[0m\n" if style else line)
    return "".join(out)


class Progress:
    """A one-line progress bar over files on stderr, redrawn in place; only on a
    terminal, never in CI or when piped."""

    WIDTH = 30

    def __init__(self, total: int, out: TextIO):
        self.total, self.done, self.out = total, 0, out

    @staticmethod
    def wanted(out: TextIO, quiet: bool) -> bool:
        return not quiet and not os.environ.get("CI") and hasattr(out, "isatty") and out.isatty()

    def step(self) -> None:
        self.done += 1
        filled = self.WIDTH * self.done // max(self.total, 1)
        self.out.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total} files")
        self.out.flush()

    def clear(self) -> None:
        self.out.write("\r\033[K")
        self.out.flush()


def errors(results: list[FileResult], discovery_errors: list[tuple[str, str]], out: TextIO) -> None:
    for path, message in discovery_errors:
        out.write(f"error: {path}: {message}\n")
    for r in results:
        if r.status == "failed":
            where = f"{r.path}:{r.error_line}" if r.error_line else r.path
            out.write(f"error: {where}: {r.error}\n")


def summary(results: list[FileResult], discovery_errors: list[tuple[str, str]], wrote: bool, out: TextIO) -> None:
    status = Counter(r.status for r in results)
    failed = status["failed"] + len(discovery_errors)
    verb = "changed" if wrote else "would change"
    scanned = len(results)
    out.write(
        f"tf1to2: {scanned} file{'' if scanned == 1 else 's'} scanned, {status['changed']} {verb}, "
        f"{failed} failed, {status['skipped']} skipped\n"
    )
    per_rule_changes = Counter(f.rule for r in results for f in r.changes)
    per_rule_warnings = Counter(f.rule for r in results for f in r.warnings)
    rule_ids = sorted(set(per_rule_changes) | set(per_rule_warnings))
    if rule_ids:
        width = max(len("rule"), *(len(r) for r in rule_ids))
        out.write(f"  {'rule':<{width}}  changes  warnings\n")
        for rid in rule_ids:
            out.write(f"  {rid:<{width}}  {per_rule_changes[rid]:>7}  {per_rule_warnings[rid]:>8}\n")
    findings(results, out)
    errors(results, discovery_errors, out)


def findings(results: list[FileResult], out: TextIO) -> None:
    """Each warning at its file and line, and each file skipped for a reason worth knowing."""
    for r in results:
        for w in r.warnings:
            out.write(f"{r.path}:{w.line}: {w.rule}: {w.message}\n")
        if r.status == "skipped" and r.reason not in QUIET_SKIPS:
            out.write(f"skipped: {r.path}: {r.reason}\n")


# skips that are the normal case and would drown the rest: not named one by one
QUIET_SKIPS = ("no TensorFlow",)


def _gh(text: str, prop: bool = False) -> str:
    """GitHub workflow-command escaping (of a message, or of a property value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github(results: list[FileResult], discovery_errors: list[tuple[str, str]], wrote: bool, out: TextIO) -> None:
    """GitHub Actions annotations (as ruff's ``--output-format github``): each change as
    a warning titled with its rule ("would change" on a dry run), each warning, each
    error; on a pull request they appear at their lines."""
    verb = "changed" if wrote else "would change"
    for path, message in discovery_errors:
        out.write(f"::error file={_gh(path, True)},title=tf1to2::{_gh(message)}\n")
    for r in results:
        for f in r.changes:
            out.write(f"::warning file={_gh(r.path, True)},line={f.line},title={_gh('tf1to2 ' + f.rule, True)}::"
                      f"{_gh(verb + ': ' + f.message)}\n")
        for f in r.warnings:
            out.write(f"::warning file={_gh(r.path, True)},line={f.line},title={_gh('tf1to2 ' + f.rule, True)}::"
                      f"{_gh(f.message)}\n")
        if r.status == "failed":
            line = f",line={r.error_line}" if r.error_line else ""
            out.write(f"::error file={_gh(r.path, True)}{line},title=tf1to2::{_gh(r.error or '')}\n")


def json_report(results: list[FileResult], discovery_errors: list[tuple[str, str]], wrote: bool) -> str:
    files = []
    for r in results:
        entry = {
            "path": r.path,
            "status": r.status,
            "changes": [f.as_dict() for f in r.changes],
            "warnings": [f.as_dict() for f in r.warnings],
            "error": None if r.error is None else {"message": r.error, "line": r.error_line},
            "skipped_because": r.reason,
        }
        if r.status == "changed":
            entry["diff"] = r.diff
        files.append(entry)
    for path, message in discovery_errors:
        files.append({"path": path, "status": "failed", "changes": [], "warnings": [],
                      "error": {"message": message, "line": None}})
    status = Counter(f["status"] for f in files)
    return json.dumps(
        {
            "version": JSON_SCHEMA_VERSION,
            "written": wrote,
            "summary": {
                "scanned": len(results),
                "changed": status["changed"],
                "failed": status["failed"],
                "skipped": status["skipped"],
                "changes": sum(len(r.changes) for r in results),
                "warnings": sum(len(r.warnings) for r in results),
            },
            "files": files,
        },
        indent=2,
    )
