"""Every rule over real TF1 code (the tf_slim package's own source, 86 files): nothing
crashes, every output parses, and a second run changes nothing."""
from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst
import pytest

import rules
from codemod.pipeline import transform_text

TF_SLIM = Path(sysconfig.get_paths()["purelib"]) / "tf_slim"
FILES = sorted(TF_SLIM.rglob("*.py"))


def test_the_tree_is_there():
    assert len(FILES) >= 80, "tf-slim must be installed (pip install -e '.[test]')"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(TF_SLIM)) for p in FILES])
def test_all_rules_on_tf_slim_source(path):
    source = path.read_text(encoding="utf-8")
    ids = [r.id for r in rules.REGISTRY]
    out, _, _ = transform_text(source, ids)
    cst.parse_module(out)
    again, changes, _ = transform_text(out, ids)
    assert again == out and not changes
