"""Every rule over real TF1 code (the tf_slim package's own source, 86 files): nothing
crashes, every output parses, and a second run changes nothing."""
from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst

import rules
from codemod.pipeline import transform_text

TF_SLIM = Path(sysconfig.get_paths()["purelib"]) / "tf_slim"
FILES = sorted(TF_SLIM.rglob("*.py"))


def test_the_tree_is_there():
    assert len(FILES) >= 80, "tf-slim must be installed (pip install -e '.[test]')"


def _alone(path: Path) -> str:
    """Every rule over one file on its own (no other module of its package in the run, as
    a pre-commit hook sees it): "" when the output parses, a second run changes nothing,
    and the engine's shortcut (a rule whose ``may_act`` says no is not run) gives what
    running every rule whose needles are in the text gives; else what went wrong."""
    from codemod import pipeline

    source = path.read_text(encoding="utf-8")
    ids = [r.id for r in rules.REGISTRY]
    try:
        result = transform_text(source, ids)
        out = result[0]
        cst.parse_module(out)
        again, changes, _ = transform_text(out, ids)
        shortcut = pipeline._acts
        pipeline._acts = lambda rule, text, facts: rule.applies_to(text)
        try:
            unshortened = transform_text(source, ids)
        finally:
            pipeline._acts = shortcut
    except Exception as e:  # noqa: BLE001 - reported with the file's name
        return f"{type(e).__name__}: {e}"
    if unshortened != result:
        return "running the rules may_act rules out gives something else"
    return "" if again == out and not changes else f"a second run changes it ({len(changes)} changes)"


def test_all_rules_on_each_tf_slim_file_alone():
    """Each of the 86 files alone, over two fresh processes (both cores); with and
    without the rules' ``may_act`` shortcut."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        problems = {str(p.relative_to(TF_SLIM)): why for p, why in zip(FILES, pool.map(_alone, FILES)) if why}
    assert problems == {}
