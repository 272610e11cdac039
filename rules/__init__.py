"""The rules, in the order a migration runs them (see DESIGN.md, "Stages").

Adding a rule: write ``rules/<rule_id>.py`` with one ``Rule`` subclass, list it here, and run
``python -m codemod.catalog`` (the copy of the list ``tf1to2 rules`` prints).
"""
from __future__ import annotations

import re

from rules.base import Finding, Rule, RuleContext
from rules.keras_layers import KerasLayers
from rules.layers_to_attributes import LayersToAttributes
from rules.native_keras import NativeKeras
from rules.optimizers import Optimizers
from rules.slim_arg_scope import SlimArgScope
from rules.slim_to_layers import SlimToLayers
from rules.tf_api import TfApi
from rules.tf_hub import TfHub
from rules.training_step import TrainingStep
from rules.v1_layers_shim import V1LayersShim
from rules.wrap_in_layer import WrapInLayer

REGISTRY: tuple[type[Rule], ...] = tuple(sorted((TfApi, SlimArgScope, SlimToLayers, WrapInLayer, LayersToAttributes, KerasLayers, Optimizers, V1LayersShim, NativeKeras, TrainingStep, TfHub), key=lambda r: r.stage))

# The stages of a migration (DESIGN.md). Ids and numbers of stages whose rule is not
# written yet are still valid in --select / --ignore and configuration: they select nothing.
STAGES: dict[int, str] = {
    0: "tf-api",
    1: "slim-arg-scope",
    2: "slim-to-layers",
    3: "wrap-in-layer",
    4: "layers-to-attributes",
    5: "keras-layers",
    6: "optimizers",
    7: "v1-layers-shim",
    8: "native-keras",
    9: "training-step",
    10: "tf-hub",
}

# A file none of whose text matches this is not TensorFlow code: it is never parsed.
PREFILTER = re.compile(r"tensorflow|tf_slim|\bslim\b")


def all_rules() -> list[Rule]:
    return [cls() for cls in REGISTRY]


def by_id() -> dict[str, type[Rule]]:
    return {cls.id: cls for cls in REGISTRY}


def select(select: list[str] | None, ignore: list[str] | None) -> list[type[Rule]]:
    """Rules chosen by id or stage number; raises KeyError naming an unknown one."""
    def matches(cls: type[Rule], token: str) -> bool:
        return token == cls.id or token == str(cls.stage)

    known = {c.id for c in REGISTRY} | {str(c.stage) for c in REGISTRY} | set(STAGES.values()) | {str(n) for n in STAGES}
    for token in (select or []) + (ignore or []):
        if token not in known:
            raise KeyError(token)
    chosen = [c for c in REGISTRY if not select or any(matches(c, t) for t in select)]
    return [c for c in chosen if not any(matches(c, t) for t in (ignore or []))]


__all__ = ["REGISTRY", "PREFILTER", "Finding", "Rule", "RuleContext", "all_rules", "by_id", "select"]
