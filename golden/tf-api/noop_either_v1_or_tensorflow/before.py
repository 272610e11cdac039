try:
    import tensorflow.compat.v1 as tf
except ImportError:
    import tensorflow as tf

if True:
    from tensorflow.compat import v1
else:
    import tensorflow as v1


def f(x):
    return tf.layers.dense(x, 3), tf.estimator.Estimator, v1.log(x), tf.Session()
