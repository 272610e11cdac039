"""Functional ``tf.compat.v1.layers`` calls the earlier stages left → ``tf1to2.layers``.

## What it does
Rewrites every use of a functional v1 layer (``tf.compat.v1.layers.conv2d``, ``dense``,
``batch_normalization``, ``dropout``, poolings, ``flatten``, ...; however it is spelled or
imported: ``tf.layers.dense``, ``from tensorflow.compat.v1.layers import dense``) to the
same function of the runtime shim, ``tf1to2.layers.<name>``, and imports
``tf1to2.layers``. Calls keep their arguments: the shim's functions take TF1's.

## Why
``tf.compat.v1.layers`` exists only with tf-keras and ``TF_USE_LEGACY_KERAS=1``; under
TensorFlow 2.21's default Keras 3 every such call raises. Stage 2 writes them (slim
becomes v1 layers), and stages 4–5 leave the ones they cannot turn into Keras layers
(arguments computed in the forward pass, helpers, loops). The shim's functions create
the same variables (names, initializers, regularizers, batch-norm statistics) on
``get_variable``, which the shim's ``track_tf1_style_variables`` serves under either
Keras, and which a TF1 graph serves as before.

## Example
```python
net = tf.compat.v1.layers.conv2d(images, 32, 3, kernel_regularizer=regularizer)
```
becomes
```python
net = tf1to2.layers.conv2d(images, 32, 3, kernel_regularizer=regularizer)
```

## Will not touch (and says why, on the line)
- the layer classes (``tf.compat.v1.layers.Conv2D``): stage 5 turns the ones it can into
  Keras layers; a class left here needs tf-keras, which the warning says.

## Fix safety
Exact: ``tests/test_v1_layer_forms.py`` builds one model with every form through
``tf.compat.v1.layers`` in a TF1 graph and through ``tf1to2.layers`` in a TF1 graph and
in TF2 eager under Keras 3 and tf-keras: same variable names, outputs, regularization
losses and batch-norm statistics (1e-4).
"""
from __future__ import annotations

import libcst as cst

from rules.aliases import TFTransformer, dotted_parts
from rules.base import Rule, RuleContext
from rules.edit import add_import, remove_unused_imports
from rules.v1_layers import BY_CLASS, SPECS, V1_LAYERS

# Every functional v1 layer has a tf1to2.layers form (the shim mirrors rules.v1_layers'
# table); the classes have none.
FUNCTIONS = frozenset(SPECS)
CLASSES = frozenset(BY_CLASS) | {"Layer", "InputSpec"}
PREFIX = V1_LAYERS + "."


class _Rewriter(TFTransformer):
    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        self.replaced = False
        self.stale_imports: set = set()

    def _target(self, node: cst.BaseExpression):
        name = self.qualify(node)
        if not name or not name.startswith(PREFIX):
            return None
        return name[len(PREFIX):]

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return dotted_parts(node) is None  # a whole dotted name is handled on leaving

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if dotted_parts(original_node) is None:
            return updated_node
        return self._replace(original_node, updated_node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name):
        imported = self.aliases.imported_from(original_node)
        if imported is None:
            return updated_node
        new = self._replace(original_node, updated_node)
        if new is not updated_node:
            self.stale_imports.add(imported)
        return new

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False  # the names an import binds are not uses

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def _replace(self, original, updated):
        target = self._target(original)
        if target is None:
            return updated
        if target in FUNCTIONS:
            if self.ctx.change(original, f"tf.compat.v1.layers.{target} → tf1to2.layers.{target} (runs on Keras 3)"):
                self.replaced = True
                return cst.parse_expression(f"tf1to2.layers.{target}")
            return updated
        if target in CLASSES:
            self.ctx.warn(original, f"tf.compat.v1.layers.{target} is a v1 layer class: it exists only with tf-keras "
                          "and TF_USE_LEGACY_KERAS=1 (the keras-layers stage turns the ones it can into Keras layers)")
        return updated


class V1LayersShim(Rule):
    id = "v1-layers-shim"
    stage = 7
    summary = "functional tf.compat.v1.layers calls left by earlier stages → tf1to2.layers (they run on Keras 3)"
    needles = ("layers",)
    example_before = (
        "import tensorflow as tf\n\n"
        "net = tf.compat.v1.layers.conv2d(images, 32, 3, kernel_regularizer=regularizer)\n"
    )
    example_after = (
        "import tensorflow as tf\nimport tf1to2.layers\n\n"
        "net = tf1to2.layers.conv2d(images, 32, 3, kernel_regularizer=regularizer)\n"
    )

    def transform(self, ctx: RuleContext) -> cst.Module:
        rewriter = _Rewriter(ctx)
        module = ctx.module.visit(rewriter)
        if not rewriter.replaced:
            return ctx.module
        module = add_import(module, "tf1to2.layers")
        return remove_unused_imports(module, sorted(rewriter.stale_imports))
