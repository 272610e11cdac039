"""Where a layer may be built: only where the function's one call runs once, at module
level or in TF1 graph-building code. A call in an eager training step, in a loop or a
method, or one of several calls, keeps the function; its layer is added beside it, to
be built once by hand."""
import tensorflow.compat.v1 as tf


def encoder(x, units=16):
    with tf.variable_scope('encoder'):
        return tf.layers.dense(x, units, name='hidden')


def train_step(x, y, optimizer):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(encoder(x) - y))
    grads = tape.gradient(loss, tf.trainable_variables())
    optimizer.apply_gradients(zip(grads, tf.trainable_variables()))
    return loss


def head(x, num_classes=3):
    with tf.variable_scope('head'):
        return tf.layers.dense(x, num_classes, name='logits')


def build_graph():
    x = tf.placeholder(tf.float32, [None, 5])
    logits = head(x)
    return x, logits


def scorer(x):
    with tf.variable_scope('scorer'):
        return tf.layers.dense(x, 1, name='score')


class Ranker(object):
    def score(self, x):
        return scorer(x)


def projection(x):
    return tf.layers.dense(x, 4, name='projection', reuse=tf.AUTO_REUSE)


def stage(x, depth):
    return tf.layers.dense(x, depth, name='stage')


def once(x):
    return tf.layers.dense(x, 2, name='once')


if __name__ == '__main__':
    left = projection(tf.ones([2, 3]))
    right = projection(tf.zeros([2, 3]))
    features = tf.ones([2, 3])
    for depth in (4, 8):
        with tf.variable_scope('stage%d' % depth):
            features = stage(features, depth)
    result = once(features)
