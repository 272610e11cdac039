"""What ``tf.contrib.training`` had of its own that TF1 model code reads everywhere and
TensorFlow 2.21 has nowhere: ``HParams``, the hyperparameter container (Magenta builds
its configurations from it). tf.contrib.training's other names TF1 code calls are
TensorFlow's own, under their ``tf.compat.v1`` names (stage 0 renames them); its input
pipelines and Estimator hooks are gone with TF1's queues and tf.estimator, and stage 0
warns of them.

``HParams`` here is written for this shim after TF 1.15's (``contrib/training/python/
training/hparam.py``), to behave as it did: hyperparameters as attributes, each with the
type of its first value (a list's, of its first item); ``set_hparam`` / ``parse`` /
``override_from_dict`` / ``parse_json`` cast to it where TF1 did (an int to a float) and
raise ``ValueError`` where TF1 did (a float to an int, a number to a bool or a string);
``parse("a=1,b=[1,2],c=x,d[0]=3")`` with TF1's syntax; ``values()`` / ``to_json()``;
``model_structure``. TF1's protocol-buffer form (``hparam_def``, ``to_proto``,
``from_proto``) raises, saying so. ``tests/test_shim.py`` checks it against
tensor2tensor's copy of TF1's class, operation by operation.
"""
from __future__ import annotations

import json
import numbers
import re

__all__ = ["HParams"]

_PARAM = re.compile(r"""
  (?P<name>[a-zA-Z][\w\.]*)      # a name: "learning_rate", "layer.size"
  (\[\s*(?P<index>\d+)\s*\])?    # an index: "[1]" (optional)
  \s*=\s*
  ((?P<val>[^,\[]*)              # one value: "0.1"
   |
   \[(?P<vals>[^\]]*)\])         # or a list: "[1, 2, 3]"
  ($|,\s*)""", re.VERBOSE)


def _parse_fail(name, var_type, value, values):
    raise ValueError(f"Could not parse hparam '{name}' of type '{var_type.__name__}' with value '{value}' "
                     f"in {values}")


def _reuse_fail(name, values):
    raise ValueError(f"Multiple assignments to variable '{name}' in {values}")


def _bool(value: str) -> bool:
    if value in ("true", "True"):
        return True
    if value in ("false", "False"):
        return False
    # TF1's parse accepted an integer too: 0 is False, any other True
    return bool(int(value))


def _cast(name, param_type, value):
    """``value`` as ``param_type``, where TF1's HParams cast it; ValueError otherwise."""
    fail = f"Could not cast hparam '{name}' of type '{param_type}' from value {value!r}"
    if type(value) == param_type:  # noqa: E721 - exact: isinstance(True, int) holds
        return value
    if issubclass(param_type, type(None)):  # a hyperparameter first set to None takes anything
        return value
    if issubclass(param_type, (str, bytes)) and not isinstance(value, (str, bytes)):
        raise ValueError(fail)
    if issubclass(param_type, bool) != isinstance(value, bool):
        raise ValueError(fail)
    if issubclass(param_type, numbers.Integral) and not isinstance(value, numbers.Integral):
        raise ValueError(fail)
    if issubclass(param_type, numbers.Number) and not isinstance(value, numbers.Number):
        raise ValueError(fail)
    return param_type(value)


def parse_values(values: str, type_map: dict, ignore_unknown: bool = False) -> dict:
    """TF1's ``parse_values``: a string of ``name=value`` pairs, comma-separated, → a dict
    of the values parsed as ``type_map`` (name → type) says; ``name[i]=value`` sets one
    item of a list (``{name: {i: value}}``); ``name=[v1, v2]`` a whole list."""
    results: dict = {}
    pos = 0
    while pos < len(values):
        m = _PARAM.match(values, pos)
        if not m:
            raise ValueError(f"Malformed hyperparameter value: {values[pos:]}")
        pos = m.end()
        d = m.groupdict()
        name = d["name"]
        if name not in type_map:
            if ignore_unknown:
                continue
            raise ValueError(f"Unknown hyperparameter type for {name}")
        var_type = type_map[name]
        parse = _bool if var_type == bool else var_type

        def one(text, _name=name, _type=var_type, _parse=parse):
            try:
                return _parse(text)
            except ValueError:
                _parse_fail(_name, _type, text, values)

        if d["index"] is not None and d["vals"] is not None:
            raise ValueError("Assignment of a list to a list index.")
        if d["index"] is not None:  # ``name[i]=value``: parsed first, as TF1 did
            value = one(d["val"])
            index = int(d["index"])
            items = results.setdefault(name, {})
            if not isinstance(items, dict):
                _reuse_fail(name, values)
            if index in items:
                _reuse_fail(f"{name}[{index}]", values)
            items[index] = value
            continue
        if name in results:
            _reuse_fail(name, values)
        if d["vals"] is not None:  # ``name=[v1, v2]``
            try:
                results[name] = [parse(t) for t in re.split("[ ,]", d["vals"]) if t]
            except ValueError:
                _parse_fail(name, var_type, d["vals"], values)
        else:
            results[name] = one(d["val"])
    return results


class HParams:
    """TF1's ``tf.contrib.training.HParams`` (see the module's docstring)."""

    _HAS_DYNAMIC_ATTRIBUTES = True  # for pytype, as TF1's said

    def __init__(self, hparam_def=None, model_structure=None, **kwargs):
        self._hparam_types: dict = {}
        self._model_structure = model_structure
        if hparam_def is not None:
            raise NotImplementedError("HParams(hparam_def=...): TF1's protocol-buffer form is not in tf1to2's "
                                      "HParams; build it from keyword arguments or a dict (**values)")
        for name, value in kwargs.items():
            self.add_hparam(name, value)

    def add_hparam(self, name, value):
        if getattr(self, name, None) is not None:
            raise ValueError(f"Hyperparameter name is reserved: {name}")
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError(f"Multi-valued hyperparameters cannot be empty: {name}")
            self._hparam_types[name] = (type(value[0]), True)
        else:
            self._hparam_types[name] = (type(value), False)
        setattr(self, name, value)

    def set_hparam(self, name, value):
        param_type, is_list = self._hparam_types[name]
        if isinstance(value, list):
            if not is_list:
                raise ValueError(f"Must not pass a list for single-valued parameter: {name}")
            setattr(self, name, [_cast(name, param_type, v) for v in value])
        else:
            if is_list:
                raise ValueError(f"Must pass a list for multi-valued parameter: {name}.")
            setattr(self, name, _cast(name, param_type, value))

    def del_hparam(self, name):
        if hasattr(self, name):
            delattr(self, name)
            del self._hparam_types[name]

    def parse(self, values):
        type_map = {name: param_type for name, (param_type, _) in self._hparam_types.items()}
        return self.override_from_dict(parse_values(values, type_map))

    def override_from_dict(self, values_dict):
        for name, value in values_dict.items():
            self.set_hparam(name, value)
        return self

    def set_model_structure(self, model_structure):
        self._model_structure = model_structure

    def get_model_structure(self):
        return self._model_structure

    def to_json(self, indent=None, separators=None, sort_keys=False):
        def without_callables(x):  # TF1's left out callable values, at any depth
            if isinstance(x, dict):
                return {k: without_callables(v) for k, v in x.items() if not callable(v)}
            if isinstance(x, list):
                return [without_callables(v) for v in x if not callable(v)]
            return x

        return json.dumps(without_callables(self.values()), indent=indent, separators=separators,
                          sort_keys=sort_keys)

    def parse_json(self, values_json):
        return self.override_from_dict(json.loads(values_json))

    def values(self):
        return {name: getattr(self, name) for name in self._hparam_types}

    def get(self, key, default=None):
        if key not in self._hparam_types:
            return default
        if default is not None:  # the default must be of the hyperparameter's type
            param_type, is_list = self._hparam_types[key]
            kind = f"list<{param_type}>" if is_list else str(param_type)
            fail = f"Hparam '{key}' of type '{kind}' is incompatible with default={default}"
            if is_list != isinstance(default, list):
                raise ValueError(fail)
            try:
                for item in default if is_list else [default]:
                    _cast(key, param_type, item)
            except ValueError as e:
                raise ValueError(f"{fail}. {e}") from e
        return getattr(self, key)

    def __contains__(self, key):
        return key in self._hparam_types

    def __str__(self):
        return ",".join(f"{key}={value}" for key, value in self.values().items())

    def __repr__(self):
        return f"{type(self).__name__}({sorted(self.values().items())})"

    def to_proto(self, export_scope=None):
        raise NotImplementedError("HParams.to_proto: TF1's protocol-buffer form is not in tf1to2's HParams; "
                                  "use to_json() / parse_json()")

    @staticmethod
    def from_proto(hparam_def, import_scope=None):
        raise NotImplementedError("HParams.from_proto: TF1's protocol-buffer form is not in tf1to2's HParams; "
                                  "use to_json() / parse_json()")
