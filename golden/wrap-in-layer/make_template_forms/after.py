"""The forms a template's one caller takes: tf.compat.v1 under another alias, the template
made over several lines with a comment, called inside a variable scope with keyword
arguments, the caller taking a setting and training; two templates of one caller, one of
them wrapping a function with v1 layers. Both move into the caller's layer __init__; the
variables keep their TF1 names (model/proj/dense/kernel, model/gain/g)."""
import tensorflow.compat.v1 as v1
import tensorflow
from tf1to2 import track_tf1_style_variables


def project(inputs, units, training=False):
    out = v1.layers.dense(inputs, units, name="dense")
    return v1.layers.dropout(out, rate=0.5, training=training)


def gain(x, name_of_gain):
    g = v1.get_variable(name_of_gain, shape=[x.shape[-1]],
                        initializer=v1.random_normal_initializer(),
                        regularizer=lambda w: 0.01 * v1.reduce_sum(w * w))
    return x * g


class Model(tensorflow.keras.layers.Layer):
    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth
        # projects to `units` features
        self.proj = v1.make_template(
            "proj",
            project,
            units=4)  # four
        self.scale = v1.make_template(func_=gain, name_="gain", name_of_gain="g")

    @track_tf1_style_variables
    def call(self, features, training=None):
        with v1.variable_scope("model"):
            hidden = self.proj(inputs=features, training=training)
            for _ in range(self.depth):
                hidden = self.scale(hidden)
            return v1.nn.relu(hidden)
