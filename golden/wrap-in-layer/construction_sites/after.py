"""Where a layer may be built: only where the function's one call runs once, at module
level or in TF1 graph-building code. A call in an eager training step, in a loop or a
method, or one of several calls, keeps the function; its layer is added beside it, to
be built once by hand."""
import tensorflow.compat.v1 as tf
import tensorflow
from tf1to2 import track_tf1_style_variables


def encoder(x, units=16):
    with tf.variable_scope('encoder'):
        return tf.layers.dense(x, units, name='hidden')


class Encoder(tensorflow.keras.layers.Layer):
    """encoder() as a Keras layer: build it once, call it like encoder()."""

    def __init__(self, units=16, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, x):
        return encoder(x, units=self.units)


def train_step(x, y, optimizer):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(encoder(x) - y))
    grads = tape.gradient(loss, tf.trainable_variables())
    optimizer.apply_gradients(zip(grads, tf.trainable_variables()))
    return loss


def head(x, num_classes=3):
    with tf.variable_scope('head'):
        return tf.layers.dense(x, num_classes, name='logits')


class Head(tensorflow.keras.layers.Layer):
    """head() as a Keras layer: build it once, call it like head()."""

    def __init__(self, num_classes=3, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes

    @track_tf1_style_variables
    def call(self, x):
        return head(x, num_classes=self.num_classes)


def build_graph():
    x = tf.placeholder(tf.float32, [None, 5])
    logits = head(x)
    return x, logits


def scorer(x):
    with tf.variable_scope('scorer'):
        return tf.layers.dense(x, 1, name='score')


class Scorer(tensorflow.keras.layers.Layer):
    """scorer() as a Keras layer: build it once, call it like scorer()."""

    @track_tf1_style_variables
    def call(self, x):
        return scorer(x)


class Ranker(object):
    def score(self, x):
        return scorer(x)


def projection(x):
    return tf.layers.dense(x, 4, name='projection', reuse=tf.AUTO_REUSE)


class Projection(tensorflow.keras.layers.Layer):
    """projection() as a Keras layer: build it once, call it like projection()."""

    @track_tf1_style_variables
    def call(self, x):
        return projection(x)


def stage(x, depth):
    return tf.layers.dense(x, depth, name='stage')


class Stage(tensorflow.keras.layers.Layer):
    """stage() as a Keras layer: build it once, call it like stage()."""

    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth

    @track_tf1_style_variables
    def call(self, x):
        return stage(x, depth=self.depth)


class Once(tensorflow.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        return tf.layers.dense(x, 2, name='once')


if __name__ == '__main__':
    left = projection(tf.ones([2, 3]))
    right = projection(tf.zeros([2, 3]))
    features = tf.ones([2, 3])
    for depth in (4, 8):
        with tf.variable_scope('stage%d' % depth):
            features = stage(features, depth)
    result = Once()(features)
