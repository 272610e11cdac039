"""The forms a template's one caller takes: tf.compat.v1 under another alias, the template
made over several lines with a comment, called inside a variable scope with keyword
arguments, the caller taking a setting and training; two templates of one caller, one of
them wrapping a function with v1 layers. Both move into the caller's layer __init__; the
variables keep their TF1 names (model/proj/dense/kernel, model/gain/g)."""
import tensorflow.compat.v1 as v1


def project(inputs, units, training=False):
    out = v1.layers.dense(inputs, units, name="dense")
    return v1.layers.dropout(out, rate=0.5, training=training)


def gain(x, name_of_gain):
    g = v1.get_variable(name_of_gain, shape=[x.shape[-1]],
                        initializer=v1.random_normal_initializer(),
                        regularizer=lambda w: 0.01 * v1.reduce_sum(w * w))
    return x * g


# projects to `units` features
proj = v1.make_template(
    "proj",
    project,
    units=4)  # four
scale = v1.make_template(func_=gain, name_="gain", name_of_gain="g")


def model(features, depth, is_training=False):
    with v1.variable_scope("model"):
        hidden = proj(inputs=features, training=is_training)
        for _ in range(depth):
            hidden = scale(hidden)
        return v1.nn.relu(hidden)
