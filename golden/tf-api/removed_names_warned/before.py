import tensorflow as tf


def model_fn(features, labels, mode):
    spec = tf.estimator.EstimatorSpec(mode, loss=tf.constant(0.0))
    return spec, tf.train.NoSuchOptimizer, tf.nn.not_a_function(features)
