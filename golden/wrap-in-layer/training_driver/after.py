"""kfac's examples: a driver (exported by __all__) that builds the model through a
model function and trains it through a helper running a session with global_step. The
helper cannot run in a layer's call, so neither can the driver that calls it: it is a
training driver, not a forward pass, and stays a function, with nothing said (before,
the driver reached the model's variables and got a layer added for it). The model
function, which the graph code calls, keeps its body, with its layer added after it."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables

__all__ = ["build_model", "train"]


def build_model(images, num_labels):
    w = tf.compat.v1.get_variable("w", [int(images.shape[-1]), num_labels])
    return tf.matmul(images, w)


class BuildModel(tf.keras.layers.Layer):
    """build_model() as a Keras layer: build it once, call it like build_model()."""

    def __init__(self, num_labels, **kwargs):
        super().__init__(**kwargs)
        self.num_labels = num_labels

    @track_tf1_style_variables
    def call(self, images):
        return build_model(images, num_labels=self.num_labels)


def minimize(loss, steps):
    global_step = tf.compat.v1.train.get_or_create_global_step()
    train_op = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=global_step)
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        for _ in range(steps):
            sess.run(train_op)
    return loss


def train(images, steps=10):
    logits = build_model(images, num_labels=10)
    loss = tf.reduce_mean(logits)
    return minimize(loss, steps)
