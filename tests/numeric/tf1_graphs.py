"""golden/tf-api/tf1_graphs run: DIR/before.py under TF1 behaviour (``tf1``), DIR/after.py
(stage 0's output, its graphs the shim's ``tf1to2.Graph``) under plain TF 2.21 (``tf2``),
and after.py with TF2's own graph put back where the shim's is (``tf2_graph``: what the
code ran on before tf-api made its graphs TF1's). Prints JSON: what each function
computed, or the error it raised, the kind of each variable it made, and whether TF2's
switches were back on after each (``tf2`` sides: the shim's graph puts them back).

    tf1_graphs.py tf1|tf2|tf2_graph DIR
"""
import json
import sys
from pathlib import Path

import real_models  # (this folder, on the script's path)
from loading import load_module


def main(side: str, folder: Path) -> None:
    if side == "tf1":
        real_models._tf1_environment()
    import tensorflow as tf

    path = folder / ("before.py" if side == "tf1" else "after.py")
    if side == "tf2_graph":
        text = path.read_text(encoding="utf-8")
        path = folder / "tf2_graph.py"
        path.write_text(text.replace("tf1to2.Graph()", "tf.Graph()")
                        .replace("tf1to2.reset_default_graph()", "tf.compat.v1.reset_default_graph()"), encoding="utf-8")
    module = load_module(path, "checked")
    v1 = tf.compat.v1
    out = {}
    for name, call in (("fed_variable", lambda: module.fed_variable(5.0)),
                       ("gradient_after_run", module.gradient_after_run),
                       ("on_the_default_graph", lambda: module.on_the_default_graph(2.0))):
        try:
            out[name] = call()
        except Exception as e:  # what the side raised, by kind
            out[name] = type(e).__name__
        out[name + "_switches"] = [v1.resource_variables_enabled(), v1.control_flow_v2_enabled()]
    graphs = module.graphs_every_way()
    out["graphs"] = [type(g).__module__.split(".")[0] + "." + type(g).__name__ for g in graphs if g is not None]
    out["default_graph"] = type(v1.get_default_graph()).__module__.split(".")[0]
    checked, tf2_graph = module.left_as_they_are(graphs[0])
    out["left"] = [checked, type(tf2_graph).__module__.split(".")[0]]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
