"""tf1to2.contrib_training.HParams against tensor2tensor's copy of TF1's HParams
(``tensor2tensor/utils/hparam.py``, its path the first argument): the same operations on
both, each's result or exception type and message; prints JSON {operation: [ours,
theirs]} for those that differ (``tests/test_shim.py``)."""
import importlib.util
import json
import sys

from tf1to2 import contrib_training as ours

_spec = importlib.util.spec_from_file_location("t2t_hparam", sys.argv[1])
t2t = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(t2t)


def run(mod, op):
    try:
        return ("ok", op(mod))
    except Exception as e:
        return (type(e).__name__, str(e))


OPS = {
 "values": lambda m: m.HParams(a=1, b=2.0, c="x", d=True, e=[1, 2]).values(),
 "parse scalars": lambda m: m.HParams(a=1, b=2.0, c="x", d=True).parse("a=3,b=4,c=yy,d=false").values(),
 "parse bool int": lambda m: m.HParams(d=True).parse("d=0").values(),
 "parse bool bad": lambda m: m.HParams(d=True).parse("d=maybe").values(),
 "parse list": lambda m: m.HParams(e=[1, 2]).parse("e=[3, 4,5]").values(),
 "parse list spaces": lambda m: m.HParams(e=[1, 2]).parse("e=[3 4]").values(),
 "parse empty list": lambda m: m.HParams(e=[1, 2]).parse("e=[]").values(),
 "parse index": lambda m: m.HParams(e=[1, 2]).parse("e[1]=5").values(),
 "parse list to index": lambda m: m.HParams(e=[1, 2]).parse("e[0]=[1,2]").values(),
 "parse index after scalar, bad value": lambda m: m.HParams(e=[1, 2]).parse("e=[1],e[0]=x").values(),
 "parse index twice": lambda m: m.HParams(e=[1, 2]).parse("e[0]=1,e[0]=2").values(),
 "parse_values": lambda m: m.parse_values("x=5,L=[1,2],arr[1]=3", {"x": int, "L": int, "arr": int}),
 "parse_values unknown ignored": lambda m: m.parse_values("x=5,y=1", {"x": int}, ignore_unknown=True),
 "parse float to int": lambda m: m.HParams(a=1).parse("a=1.5").values(),
 "parse int to float": lambda m: m.HParams(b=1.0).parse("b=3").values(),
 "parse unknown": lambda m: m.HParams(a=1).parse("z=1").values(),
 "parse reuse": lambda m: m.HParams(a=1).parse("a=1,a=2").values(),
 "parse malformed": lambda m: m.HParams(a=1).parse("a").values(),
 "parse dotted": lambda m: m.HParams(**{"x.y": 1}).parse("x.y=4").values(),
 "set int to float": lambda m: (lambda h: (h.set_hparam("b", 3), h.values())[1])(m.HParams(b=1.0)),
 "set float to int": lambda m: (lambda h: (h.set_hparam("a", 3.5), h.values())[1])(m.HParams(a=1)),
 "set bool to int": lambda m: (lambda h: (h.set_hparam("a", True), h.values())[1])(m.HParams(a=1)),
 "set str to int": lambda m: (lambda h: (h.set_hparam("a", "3"), h.values())[1])(m.HParams(a=1)),
 "set list single": lambda m: (lambda h: (h.set_hparam("a", [3]), h.values())[1])(m.HParams(a=1)),
 "set single list": lambda m: (lambda h: (h.set_hparam("e", 3), h.values())[1])(m.HParams(e=[1])),
 "set None type": lambda m: (lambda h: (h.set_hparam("n", "anything"), h.values())[1])(m.HParams(n=None)),
 "add reserved": lambda m: m.HParams(a=1).add_hparam("a", 2),
 "add reserved method": lambda m: m.HParams().add_hparam("values", 2),
 "add empty list": lambda m: m.HParams().add_hparam("e", []),
 "add tuple": lambda m: (lambda h: (h.add_hparam("t", (1, 2)), h.values())[1])(m.HParams()),
 "del": lambda m: (lambda h: (h.del_hparam("a"), h.values(), "a" in h)[1:])(m.HParams(a=1, b=2)),
 "json": lambda m: m.HParams(a=1, b=[1.5], c="x", f=len).to_json(sort_keys=True),
 "parse_json": lambda m: m.HParams(a=1, b=[1.5]).parse_json('{"a": 4, "b": [2, 3]}').values(),
 "get": lambda m: (m.HParams(a=1).get("a"), m.HParams(a=1).get("z", 7), m.HParams(a=1).get("a", 5)),
 "get bad default": lambda m: m.HParams(a=1).get("a", "x"),
 "get list default": lambda m: m.HParams(e=[1]).get("e", 3),
 "contains": lambda m: ("a" in m.HParams(a=1), "b" in m.HParams(a=1)),
 "str": lambda m: str(m.HParams(a=1, b="x")),
 "repr": lambda m: repr(m.HParams(b="x", a=1)),
 "model structure": lambda m: m.HParams(model_structure="s", a=1).get_model_structure(),
 "override": lambda m: m.HParams(a=1, b=2.0).override_from_dict({"a": 3, "b": 4}).values(),
}
differ = {name: [run(ours, op), run(t2t, op)] for name, op in OPS.items()}
print(json.dumps({"count": len(OPS), "differ": {k: v for k, v in differ.items() if v[0] != v[1]}}, default=repr))
