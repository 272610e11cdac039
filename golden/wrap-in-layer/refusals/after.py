import tensorflow.compat.v1 as tf
import tensorflow
from tf1to2 import track_tf1_style_variables


def uses_graph(x):
    g = tf.get_default_graph()
    with g.as_default():
        return tf.layers.dense(x, 3)


def tower(x, depth):
    for _ in range(x.shape[-1]):
        x = tf.layers.dense(x, depth)
    return x


def templated(x):
    return tf.layers.dense(x, 3)


def training_step(x, labels):
    logits = tf.layers.dense(x, 2)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    return tf.train.AdamOptimizer().minimize(loss)


def block(x, name):
    with tf.variable_scope(name):
        return tf.layers.dense(x, 3)


def varargs(x, *rest):
    return tf.layers.dense(x, 3)


net = tf.make_template("net", templated)


class Net(tensorflow.keras.layers.Layer):
    """net (a make_template template) as a Keras layer: build it once, call it like net."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net = tf.make_template("net", templated)

    @track_tf1_style_variables
    def call(self, x):
        return self.net(x)
