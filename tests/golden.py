"""Loading golden cases: golden/<rule>/<case>/before.py (+ after.py, warnings.txt,
name_map.json, numerics.json). A case without after.py must come out unchanged."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@dataclass
class Case:
    rule: str
    name: str
    path: Path

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.name}"

    @property
    def before(self) -> str:
        return (self.path / "before.py").read_text(encoding="utf-8")

    @property
    def after(self) -> Optional[str]:
        p = self.path / "after.py"
        return p.read_text(encoding="utf-8") if p.exists() else None

    @property
    def warnings(self) -> list[str]:
        """Expected warnings, one per line: "LINE: message"."""
        p = self.path / "warnings.txt"
        if not p.exists():
            return []
        return [line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]

    @property
    def name_map(self) -> dict:
        """Expected old → new variable names (name_map.json; none when absent)."""
        p = self.path / "name_map.json"
        return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}

    @property
    def numerics(self) -> Optional[dict]:
        p = self.path / "numerics.json"
        return json.loads(p.read_text(encoding="utf-8")) if p.exists() else None


def cases(rule: Optional[str] = None) -> list[Case]:
    out = []
    for rule_dir in sorted(GOLDEN.iterdir()):
        if not rule_dir.is_dir() or (rule and rule_dir.name != rule):
            continue
        for case_dir in sorted(rule_dir.iterdir()):
            if (case_dir / "before.py").exists():
                out.append(Case(rule_dir.name, case_dir.name, case_dir))
    return out
