"""What the rules see of a file, and how their result goes back into it.

A ``.py`` file is its decoded text. A notebook (``.ipynb``) is its code cells joined into
one module (cells share imports, so ``tf`` imported in cell 1 is known in cell 5), with a
marker line between cells; IPython magics and shell lines (``%time``, ``!pip``,
``x = !ls``, ``%%bash`` cells, ``obj?``) are swapped for placeholders while the rules run
and put back after. Outputs, metadata and cell ids are untouched, and the JSON is
written in the layout it had: a notebook whose layout cannot be reproduced exactly is
refused rather than reformatted. Diffs of notebooks show the changed cells.
"""
from __future__ import annotations

import difflib
import json
import re
from typing import Optional

from codemod import textio
from rules import PREFILTER

CELL_MARKER = "# tf1to2-cell-boundary {index}"
_MARKER_RE = re.compile(r"^# tf1to2-cell-boundary (\d+)\n", re.M)
_PLACEHOLDER = "# tf1to2-ipython-line {index}"
_PLACEHOLDER_RE = re.compile(r"^([ \t]*)# tf1to2-ipython-line (\d+)$", re.M)
# IPython syntax that is not Python: line magics, shell escapes, help, shell assignment.
_IPYTHON_LINE = re.compile(r"^\s*(?:[%!?]|\S.*\?\s*$)|^\s*[\w.,\s]+=\s*[!%]")


def _diff(old: str, new: str, fromfile: str, tofile: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=fromfile, tofile=tofile))


def _newline_ended(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _labels(path: str, suffix: str = "") -> tuple[str, str]:
    import os

    if os.path.isabs(path):
        return _quoted(path + suffix), _quoted(path + suffix)
    return _quoted(f"a/{path}{suffix}"), _quoted(f"b/{path}{suffix}")


_ESCAPES = {"\n": "\\n", "\t": "\\t", '"': '\\"', "\\": "\\\\", "\r": "\\r"}


def _quoted(label: str) -> str:
    """A diff header's file name as git writes it: in double quotes with C escapes when
    it holds a newline, tab, quote, backslash or other control character (a newline
    would otherwise end the header line and break the patch)."""
    if not any(c in _ESCAPES or ord(c) < 32 or ord(c) == 127 for c in label):
        return label
    body = "".join(_ESCAPES.get(c) or (f"\\{ord(c):03o}" if ord(c) < 32 or ord(c) == 127 else c) for c in label)
    return f'"{body}"'


class PythonDocument:
    def __init__(self, path: str, source: textio.SourceText):
        self.path, self.source, self.text = path, source, source.text

    def render(self, new_text: str) -> bytes:
        return self.source.encode(new_text)

    def diff(self, new_text: str, old_text: Optional[str] = None) -> str:
        """Diff from ``old_text`` (default: the file as read) to ``new_text``."""
        return _diff(self.text if old_text is None else old_text, new_text, *_labels(self.path))

    def where(self, line: int) -> tuple[int, str]:
        return line, ""


class NotebookDocument:
    def __init__(self, path: str, raw: bytes):
        self.path = path
        try:
            self.raw_text = raw.decode("utf-8")
            self.nb = json.loads(self.raw_text)
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise textio.SourceError(f"not a readable notebook: {e}") from e
        self.layout = self._layout()
        if self.layout is None:
            raise textio.NotTouched("notebook JSON layout cannot be reproduced exactly; not touched")
        self.code_cells = [i for i, c in enumerate(self.nb.get("cells", []))
                           if c.get("cell_type") == "code" and not self._cell_text(c).lstrip().startswith("%%")]
        self.ipython_lines: list[str] = []
        parts = []
        self.offsets = []  # (first line in the joined text, cell index)
        line = 1
        for n, i in enumerate(self.code_cells):
            body = self._mask(self._cell_text(self.nb["cells"][i]))
            if not body.endswith("\n"):
                body += "\n"
            marker = CELL_MARKER.format(index=n) + "\n"
            parts.append(marker + body)
            self.offsets.append((line + 1, i))
            line += 1 + body.count("\n")
        self.text = "".join(parts)

    @staticmethod
    def _cell_text(cell) -> str:
        src = cell.get("source", "")
        return "".join(src) if isinstance(src, list) else src

    def _mask(self, text: str) -> str:
        out = []
        for line in text.splitlines(keepends=True):
            if _IPYTHON_LINE.match(line):
                indent = line[: len(line) - len(line.lstrip())]
                end = "\n" if line.endswith("\n") else ""
                out.append(f"{indent}{_PLACEHOLDER.format(index=len(self.ipython_lines))}{end}")
                self.ipython_lines.append(line.rstrip("\n"))
            else:
                out.append(line)
        return "".join(out)

    def _unmask(self, text: str) -> str:
        return _PLACEHOLDER_RE.sub(lambda m: self.ipython_lines[int(m.group(2))], text)

    def _layout(self) -> Optional[dict]:
        trailing = self.raw_text.endswith("\n")
        for indent in (1, 2, 4, None):
            for ensure_ascii in (False, True):
                text = json.dumps(self.nb, indent=indent, ensure_ascii=ensure_ascii)
                if (text + "\n" if trailing else text) == self.raw_text:
                    return {"indent": indent, "ensure_ascii": ensure_ascii, "trailing": trailing}
        return None

    def _split(self, new_text: str) -> list[str]:
        pieces = _MARKER_RE.split(new_text)
        # pieces: [before first marker, idx, body, idx, body, ...]
        head, rest = pieces[0], pieces[1:]
        indices = [int(x) for x in rest[0::2]]
        if indices != list(range(len(self.code_cells))):
            raise textio.SourceError("internal error: cell boundaries were lost; not written")
        bodies = rest[1::2]
        bodies[0] = head + bodies[0]  # anything a rule put above the first cell (imports) goes into it
        return [self._unmask(b) for b in bodies]

    def _cell_sources(self, text: str) -> dict[int, str]:
        """cell index → its source in ``text`` (a version of the joined code), ending
        with a newline exactly where the notebook's cell did."""
        sources = {}
        for (_, i), body in zip(self.offsets, self._split(text)):
            had_newline = self._cell_text(self.nb["cells"][i]).endswith("\n")
            sources[i] = body if had_newline or not body.endswith("\n") else body[:-1]
        return sources

    def _new_cells(self, new_text: str) -> dict[int, str]:
        """cell index → new source, for the cells that changed."""
        return {i: s for i, s in self._cell_sources(new_text).items()
                if s != self._cell_text(self.nb["cells"][i])}

    def render(self, new_text: str) -> bytes:
        nb = json.loads(self.raw_text)
        for i, source in self._new_cells(new_text).items():
            cell = nb["cells"][i]
            if isinstance(cell.get("source"), list):
                cell["source"] = source.splitlines(keepends=True)
            else:
                cell["source"] = source
        text = json.dumps(nb, indent=self.layout["indent"], ensure_ascii=self.layout["ensure_ascii"])
        return (text + "\n" if self.layout["trailing"] else text).encode("utf-8")

    def diff(self, new_text: str, old_text: Optional[str] = None) -> str:
        """Diff of the cells that differ between ``old_text`` (default: the notebook as
        read) and ``new_text``, cell by cell."""
        before = (self._cell_sources(old_text) if old_text is not None
                  else {i: self._cell_text(self.nb["cells"][i]) for i in self.code_cells})
        out = []
        for i, new in self._cell_sources(new_text).items():
            old = before[i]
            if new != old:
                out.append(_diff(_newline_ended(old), _newline_ended(new), *_labels(self.path, f" (cell {i + 1})")))
        return "".join(out)

    def where(self, line: int) -> tuple[int, str]:
        """A line of the joined text → (line in its cell, "cell N: ")."""
        for first, i in reversed(self.offsets):
            if line >= first:
                return line - first + 1, f"cell {i + 1}: "
        return line, ""


# rules.PREFILTER on the bytes of a source file (its encodings keep ASCII as it is)
PREFILTER_BYTES = re.compile(PREFILTER.pattern.encode())


def load(path: str, prefilter: bool = True):
    """The document at ``path``; None for a ``.py`` file that never mentions TensorFlow
    (it is not even decoded), unless ``prefilter`` is off (it reaches TensorFlow through
    another module's name). Its ``digest`` is that of the bytes read: the file is written
    only if it still has them (``textio.write_atomic``)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise textio.SourceError(f"cannot read: {e.strerror}") from e
    if path.endswith(".ipynb"):
        doc = NotebookDocument(path, data)
    elif prefilter and not PREFILTER_BYTES.search(data):
        return None  # never mentions TensorFlow: not decoded (an odd encoding is not this tool's business)
    else:
        doc = PythonDocument(path, textio.decode(data))
    doc.digest = textio.digest(data)
    return doc
