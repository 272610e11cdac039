"""``tf.compat.v1.layers.batch_normalization`` with every argument it takes: by keyword
(fused form, last axis), again by name with ``reuse=True`` (frozen: a second update of one
moving average in one TF1 step would race with the first), by position in TF1's order
(channels-first, axis 1, not trainable, fused), over two axes (plain form), and
``BatchNormalization`` built with every argument of the class (not fused). The moving
statistics after a training step are compared too."""
import tensorflow as tf


def model(x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    keywords = tf.compat.v1.layers.batch_normalization(
        inputs=x, axis=-1, momentum=0.9, epsilon=1e-2, center=True, scale=True,
        beta_initializer=tf.compat.v1.constant_initializer(0.1), gamma_initializer=tf.ones_initializer(),
        moving_mean_initializer=tf.zeros_initializer(), moving_variance_initializer=tf.ones_initializer(),
        beta_regularizer=tf.keras.regularizers.l1(0.01), gamma_regularizer=l2,
        beta_constraint=tf.keras.constraints.NonNeg(), gamma_constraint=tf.keras.constraints.MaxNorm(2.0),
        training=training, trainable=True, name="keywords", reuse=None, renorm=False, renorm_clipping=None,
        renorm_momentum=0.99, fused=None, virtual_batch_size=None, adjustment=None)
    again = tf.compat.v1.layers.batch_normalization(x, momentum=0.9, epsilon=1e-2, training=training,
                                                    trainable=False, name="keywords", reuse=True)
    first = tf.compat.v1.layers.batch_normalization(
        tf.transpose(x, [0, 3, 1, 2]), 1, 0.8, 1e-3, False, True, tf.zeros_initializer(), tf.ones_initializer(),
        tf.zeros_initializer(), tf.ones_initializer(), None, l2, None, None, training, False, "positional", None,
        False, None, 0.99, True, None, None)
    unfused = tf.compat.v1.layers.batch_normalization(
        tf.reshape(x, [2, 12, 9]), axis=[1, 2], training=training, scale=False, fused=False, name="unfused")
    layer = tf.compat.v1.layers.BatchNormalization(
        axis=-1, momentum=0.7, epsilon=1e-3, center=True, scale=True, beta_initializer=tf.zeros_initializer(),
        gamma_initializer=tf.ones_initializer(), moving_mean_initializer=tf.zeros_initializer(),
        moving_variance_initializer=tf.ones_initializer(), beta_regularizer=None, gamma_regularizer=l2,
        beta_constraint=None, gamma_constraint=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99,
        fused=False, trainable=True, virtual_batch_size=None, adjustment=None, name="object")
    return keywords, again, first, unfused, layer(x, training=training)
