"""``rules.base.module_code``: a module's text made of its top-level nodes' code, each
rendered once while it lives on from rule to rule, is ``Module.code`` -- for every module
the engine renders while it runs every rule over the golden cases and tf_slim's nets and
biggest module, and for texts made to be hard on it (no trailing newline, CRLF, tabs, an
empty module, comments before the first statement and after the last)."""
from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst
import pytest

import rules as rules_pkg
from codemod import pipeline
from rules import base
from tests.golden import cases

HARD = {
    "no trailing newline": "import tensorflow as tf\nx = tf.log(1.0)",
    "CRLF": "import tensorflow as tf\r\n\r\n\r\ndef f(x):\r\n    return tf.log(x)\r\n",
    "tabs": "import tensorflow as tf\n\n\ndef f(x):\n\tif x:\n\t\treturn tf.log(x)\n",
    "empty": "",
    "only a comment": "# tensorflow\n",
    "comments around": "# head\n\nimport tensorflow as tf  # tf\n\nx = tf.log(1.0)\n# foot\n\n",
    "a statement on the last line, no newline, after a block": "import tensorflow as tf\nif 1:\n    x = tf.log(1.0)",
}


@pytest.fixture
def rendered(monkeypatch):
    """Every text ``module_code`` gives, with the module it rendered."""
    seen: list = []
    original = base.module_code

    def checked(module):
        nodes = (*module.header, *module.body, *module.footer)
        kept = sum(base._STATEMENT_CODE.get(id(n), (None,))[0] is n for n in nodes)
        text = original(module)
        seen.append((text, module, kept))
        return text

    for place in ("rules.base", "codemod.pipeline", "rules.edit", "rules.v1_layers_shim"):
        monkeypatch.setattr(f"{place}.module_code", checked)
    return seen


@pytest.mark.parametrize("name", sorted(HARD))
def test_hard_texts(name):
    module = cst.parse_module(HARD[name])
    assert base.module_code(module) == module.code == HARD[name]
    edited = module.with_changes(body=module.body[:1])  # a new module sharing a statement
    assert base.module_code(edited) == edited.code
    base.release()


def test_every_module_the_rules_render_is_its_code(rendered):
    tf_slim = Path(sysconfig.get_paths()["purelib"]) / "tf_slim"
    texts = [c.before for c in cases()]
    texts += [p.read_text(encoding="utf-8")
              for p in [*sorted((tf_slim / "nets").rglob("*.py")), tf_slim / "layers" / "layers.py"]]
    every = [r.id for r in rules_pkg.REGISTRY]
    for text in texts:
        start = len(rendered)
        pipeline.transform_text(text, every)
        for out, module, _ in rendered[start:]:
            assert out == module.code
    # most statements were rendered once, and their code used again by later renders
    assert len(rendered) > 300 and sum(kept for _, _, kept in rendered) > 3000
