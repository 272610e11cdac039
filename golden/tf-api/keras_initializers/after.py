"""TF1's tf.keras.initializers were TF1's own initializers (they honour tf.set_random_seed,
take dtype= and get_variable's partition_info); TensorFlow 2.21's are Keras 3's. In TF1
code they become the tf.compat.v1 initializer TF1's Keras made, with the defaults it set
(RandomNormal's stddev=0.05, he_normal's scale=2.0 ...), however spelled; given to a
Keras layer directly, or spelled through tf.compat.v2, Keras 3's stay. tensorpack's
Conv2D default is the first: VarianceScaling(2.0, distribution='untruncated_normal')."""
import tensorflow as tf
import tensorflow.compat.v1 as v1
from tensorflow.keras import initializers


def model(x):
    w = tf.compat.v1.get_variable("w", [3, 4], initializer=tf.compat.v1.variance_scaling_initializer(2.0, distribution='untruncated_normal'))
    b = tf.compat.v1.get_variable("b", [4], initializer=tf.compat.v1.random_normal_initializer(0.1, stddev=0.05))
    c = tf.compat.v1.get_variable("c", [4], initializer=tf.compat.v1.variance_scaling_initializer(seed=3, scale=2.0, mode="fan_in", distribution="truncated_normal"))
    d = tf.compat.v1.get_variable("d", [4], initializer=tf.compat.v1.random_uniform_initializer(maxval=0.2, minval=-0.05))
    e = tf.compat.v1.get_variable("e", [4], initializer=tf.compat.v1.truncated_normal_initializer(
        mean=1.0, stddev=0.3, dtype=tf.float32))
    f = tf.compat.v1.get_variable("f", [4], initializer=tf.compat.v1.variance_scaling_initializer(scale=1.0, mode="fan_in", distribution="uniform"))
    g = tf.compat.v1.get_variable("g", [4, 4], initializer=tf.compat.v1.orthogonal_initializer(gain=2.0))
    h = tf.compat.v1.get_variable("h", [4], initializer=tf.compat.v1.glorot_uniform_initializer)
    kernel_initializer = tf.compat.v1.random_uniform_initializer(minval=-0.05, maxval=0.05)
    y = tf.compat.v1.layers.dense(x, 4, kernel_initializer=kernel_initializer, bias_initializer=tf.compat.v1.constant_initializer(0.5),
                        name="dense")
    return tf.matmul(y + w[0] + b + c + d + e + f + h, g)


def keras_3(x):
    dense = tf.keras.layers.Dense(4, kernel_initializer=tf.keras.initializers.he_normal(),
                                  bias_initializer=tf.keras.initializers.Zeros)
    return dense(x) + tf.compat.v2.keras.initializers.Ones()([4])


def refused():
    return tf.compat.v1.get_variable("r", [4], initializer=tf.keras.initializers.RandomNormal)
