"""``tf.contrib.summary`` (TF1's summaries for eager code, and for graphs through
``all_summary_ops``) → TF2's ``tf.summary``: the part of the training-step stage that
moves summary writing (``rules.training_step`` calls ``plan``).

TF1's ``tf.contrib.summary`` was ``tensorflow.python.ops.summary_ops_v2`` re-exported,
and TensorFlow 2.21 still has those functions there; ``tests/test_summaries.py`` runs
the TF1 code on them and the rewritten code on ``tf.summary``, and compares the events
written. What differs between the two APIs:

- the step: contrib's default is the global step (``get_or_create_global_step()``),
  TF2's is the one set with the writer (``as_default(step=)``, ``set_step``), raising
  where there is none: an omitted step is written out as contrib's;
- recording: ``always_record_summaries()`` / ``never_record_summaries()`` →
  ``record_if(True / False)``; ``record_summaries_every_n_global_steps(n, step)`` →
  ``record_if(lambda: tf.math.equal(tf.math.floormod(step, n), 0))``;
- ``image``'s ``max_images`` is ``max_outputs``; TF1 rescaled each float image (its
  largest value to 255, or 0 to 127 where some were negative), TF2 takes floats in
  [0, 1] as they are (and rounds them otherwise: measured, pixels may differ by one
  level): said at the line;
- tags: TF1 wrote images and sounds under ``<name>/image`` / ``<name>/audio`` (``/0``,
  ``/1``, ... for several), TF2 writes them all under ``<name>``: said at the line
  (scalars and histograms keep theirs);
- ``create_file_writer`` in contrib reused the writer of a logdir it had opened; TF2 opens
  a new event file on each call: said where the call is not at module level;
- ``all_summary_ops()`` / ``initialize()`` (graph mode) → ``tf.compat.v1.summary.
  all_v2_summary_ops()`` / ``tf.compat.v1.summary.initialize()``.

The new calls are spelled ``tf.compat.v2.summary.*`` (as TensorFlow's own upgrade script
spells them): stage 0 reads ``tf.summary.scalar`` as TF1's and would rename it on a second
run. TF2's summary ops are TensorBoard's: they need the ``tensorboard`` package (TensorFlow
2.21 does not install it; ``tf.summary.scalar`` raises saying so), as ``tf_slim`` names
need ``tf-slim``; each change says so.

Not rewritten (stage 0's warning stays, or one here says why): ``family=`` and
``bad_color=`` (no TF2 counterpart), ``*args`` / ``**kwargs``, ``generic``, ``graph``,
``import_event``, ``eval_dir``, ``create_db_writer``, ``summary_writer_initializer_op``,
and contrib reached through another name than the ``tensorflow`` module
(``from tensorflow.contrib import summary``).
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from rules.aliases import TFVisitor, dotted_parts
from rules.base import RuleContext
from rules.edit import bound_arguments, code
from rules.visitors import walk

PREFIX = "tf.contrib.summary."
# contrib's summary ops: name → (its parameters, in order; TF2 keyword for a renamed one)
OPS = {
    "scalar": (("name", "tensor", "family", "step"), {}),
    "histogram": (("name", "tensor", "family", "step"), {}),
    "image": (("name", "tensor", "bad_color", "max_images", "family", "step"), {"max_images": "max_outputs"}),
    "audio": (("name", "tensor", "sample_rate", "max_outputs", "family", "step"), {}),
}
RECORDING = {"always_record_summaries": "True", "never_record_summaries": "False"}
WRITERS = ("create_file_writer", "create_summary_file_writer")
_WRITER = ("compat.v2.summary.create_file_writer", ("logdir", "max_queue", "flush_millis", "filename_suffix", "name"))
# what takes the same arguments in TF2: name → (its TF2 name under tensorflow, contrib's parameters)
SAME_ARGUMENTS = {
    **{name: _WRITER for name in WRITERS},
    "flush": ("compat.v2.summary.flush", ("writer", "name")),
    "initialize": ("compat.v1.summary.initialize", ("graph", "session")),
    "all_summary_ops": ("compat.v1.summary.all_v2_summary_ops", ()),
}
# what stage 0 leaves to this stage, where the name is called through ``tensorflow``
REWRITTEN = frozenset({*OPS, *RECORDING, *SAME_ARGUMENTS, "record_summaries_every_n_global_steps"})
NEEDS_TENSORBOARD = "TensorBoard's op: it needs the tensorboard package, which TensorFlow 2.21 does not install"


class _Calls(TFVisitor):
    """``tf.contrib.summary.<name>(...)`` calls spelled through the tensorflow module:
    (call, name, the root name, whether it runs more than once per module load)."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.found: list = []
        self.nested = 0  # functions, lambdas, loops around

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.FunctionDef, cst.Lambda, cst.For, cst.While)):
            self.nested += 1
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if isinstance(original_node, (cst.FunctionDef, cst.Lambda, cst.For, cst.While)):
            self.nested -= 1
        super().on_leave(original_node)

    def visit_Call(self, node: cst.Call) -> None:
        parts = dotted_parts(node.func)
        if not parts or len(parts) != 4 or parts[1:3] != ["contrib", "summary"]:
            return
        if self.binding(parts[0]) == "tensorflow" and parts[3] in REWRITTEN:
            self.found.append((node, parts[3], parts[0], self.nested > 0))


def plan(ctx: RuleContext, edits: dict) -> None:
    """Each ``tf.contrib.summary`` call this stage rewrites → ``edits[id(call)]`` (its
    replacement), or a warning saying why not."""
    if "contrib" not in ctx.code:
        return
    v = _Calls(ctx)
    walk(ctx.module, v)
    for call, name, tf, repeated in v.found:
        new, why = _rewrite(call, name, tf)
        what = f"{tf}.contrib.summary.{name}"
        if new is None:
            ctx.warn(call, f"{what} does not exist in TensorFlow 2 and is left: {why}")
            continue
        head = new.split("(", 1)[0]
        message = f"{what} → {head}"
        if name in OPS:
            message += f" ({NEEDS_TENSORBOARD})"
        if not ctx.change(call, message):
            continue
        edits[id(call)] = cst.parse_expression(new)
        if name == "image":
            ctx.warn(call, f"{head} takes float images in [0, 1] as they are (values outside are clipped), where "
                           "TF1 rescaled each image, its largest value to 255 (0 to 127 where some were negative): "
                           "scale the images to [0, 1] first if they are not (in [0, 1], pixels may still differ "
                           "by one level, rounded otherwise); and it writes them under the tag "
                           "<name>, where TF1 wrote <name>/image (<name>/image/0, /1, ... for several), which "
                           "code reading the events by tag must follow")
        if name == "audio":
            ctx.warn(call, f"{head} writes its sounds under the tag <name>, where TF1 wrote <name>/audio "
                           "(<name>/audio/0, /1, ... for several), which code reading the events by tag must follow")
        if name in WRITERS and repeated and head.endswith("create_file_writer"):
            ctx.warn(call, f"{head} opens a new event file on every call, where {what} reused the writer it had "
                           "opened for the same logdir: make the writer once and reuse it")


def _rewrite(call: cst.Call, name: str, tf: str) -> tuple[Optional[str], str]:
    """(the new call's code, "") or (None, why not)."""
    if name in OPS:
        params, renamed = OPS[name]
        args = bound_arguments(call, params, known_only=True)
        if args is None:
            return None, "it passes *args or **kwargs, or an argument contrib's op does not have"
        for dropped in ("family", "bad_color"):
            if dropped in args and not _none(args[dropped]):
                return None, (f"{dropped}= has no counterpart in TF2's tf.summary.{name} "
                              + ("(it prefixed the tag: write the full tag as its name, or open "
                                 "tf.name_scope(family) around it)" if dropped == "family" else
                                 "(TF2 clips values outside [0, 1])"))
        if "name" not in args or "tensor" not in args or (name == "audio" and "sample_rate" not in args):
            return None, "an argument it needs is missing"
        out = [code(args["name"]), code(args["tensor"])]
        if name == "audio":
            out.append(code(args["sample_rate"]))
        out.append("step=" + _step(args.get("step"), tf))
        for param in params:
            if param in renamed and param in args:
                out.append(f"{renamed[param]}={code(args[param])}")
        if name == "audio" and "max_outputs" in args:
            out.append(f"max_outputs={code(args['max_outputs'])}")
        return f"{tf}.compat.v2.summary.{name}({', '.join(out)})", ""
    if name in RECORDING:
        if call.args:
            return None, f"{name}() takes no arguments"
        return f"{tf}.compat.v2.summary.record_if({RECORDING[name]})", ""
    if name == "record_summaries_every_n_global_steps":
        args = bound_arguments(call, ("n", "global_step"), known_only=True)
        if args is None or "n" not in args:
            return None, "it passes *args or **kwargs"
        step = _step(args.get("global_step"), tf)
        return (f"{tf}.compat.v2.summary.record_if(lambda: {tf}.math.equal({tf}.math.floormod({step}, "
                f"{code(args['n'])}), 0))"), ""
    target, params = SAME_ARGUMENTS[name]
    args = bound_arguments(call, params, known_only=True)
    if args is None or (name in WRITERS and "logdir" not in args):
        return None, f"{name}() takes no arguments" if not params else "it passes *args or **kwargs"
    if name in WRITERS and _none(args["logdir"]):
        return f"{tf}.compat.v2.summary.create_noop_writer()", ""
    return f"{tf}.{target}({_args(call)})", ""


def _step(step: Optional[cst.BaseExpression], tf: str) -> str:
    """The step as given, else contrib's default: the global step (its ``_choose_step``)."""
    return code(step) if step is not None and not _none(step) else f"{tf}.compat.v1.train.get_or_create_global_step()"


def _args(call: cst.Call) -> str:
    """The call's arguments as written."""
    return code(call.with_changes(func=cst.Name("f")))[2:-1]


def _none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"
