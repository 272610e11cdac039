"""What every rule is, and what it gets to work with.

A rule is a class with an ``id``, a ``stage``, a one-line ``summary`` and a docstring
(what it does / why / example / what it will not touch), registered in
``rules/__init__.py``. For each file the engine hands it a ``RuleContext``: the current
module, the resolved TensorFlow aliases, and ``change`` / ``warn`` to report what it did
and what needs a human, by line. Rules know nothing about files, processes or terminals.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from rules.aliases import Aliases


@dataclass
class Finding:
    rule: str
    line: int
    message: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "line": self.line, "message": self.message}


@dataclass
class RuleContext:
    module: cst.Module
    rule_id: str = ""
    changes: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    _aliases: Aliases | None = None
    _positions: object = None

    @property
    def aliases(self) -> Aliases:
        if self._aliases is None:
            self._aliases = Aliases(self.module)
        return self._aliases

    def line(self, node: cst.CSTNode) -> int:
        """1-based line of ``node``, which must belong to ``self.module``."""
        if self._positions is None:
            wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
            self._positions = wrapper.resolve(PositionProvider)
        pos = self._positions.get(node)
        return pos.start.line if pos is not None else 0

    def change(self, node: cst.CSTNode, message: str) -> None:
        self.changes.append(Finding(self.rule_id, self.line(node), message))

    def warn(self, node: cst.CSTNode, message: str) -> None:
        self.warnings.append(Finding(self.rule_id, self.line(node), message))


class Rule:
    """Base class. Subclasses set the class attributes and implement ``transform``."""

    id: ClassVar[str] = ""
    stage: ClassVar[int] = 0
    summary: ClassVar[str] = ""
    # The rule does nothing to a file whose text contains none of these: the engine skips
    # it there without walking the tree.
    needles: ClassVar[tuple[str, ...]] = ()
    example_before: ClassVar[str] = ""
    example_after: ClassVar[str] = ""

    def applies_to(self, text: str) -> bool:
        return any(n in text for n in self.needles)

    def transform(self, ctx: RuleContext) -> cst.Module:
        raise NotImplementedError
