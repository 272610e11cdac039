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
    w = tf.get_variable("w", [3, 4], initializer=tf.keras.initializers.VarianceScaling(2.0, distribution='untruncated_normal'))
    b = tf.get_variable("b", [4], initializer=tf.keras.initializers.RandomNormal(0.1))
    c = tf.get_variable("c", [4], initializer=initializers.he_normal(seed=3))
    d = tf.get_variable("d", [4], initializer=v1.keras.initializers.RandomUniform(maxval=0.2))
    e = tf.get_variable("e", [4], initializer=tf.keras.initializers.TruncatedNormal(
        mean=1.0, stddev=0.3, dtype=tf.float32))
    f = tf.get_variable("f", [4], initializer=tf.keras.initializers.lecun_uniform())
    g = tf.get_variable("g", [4, 4], initializer=tf.keras.initializers.Orthogonal(gain=2.0))
    h = tf.get_variable("h", [4], initializer=tf.keras.initializers.glorot_uniform)
    kernel_initializer = tf.keras.initializers.uniform()
    y = tf.layers.dense(x, 4, kernel_initializer=kernel_initializer, bias_initializer=tf.keras.initializers.constant(0.5),
                        name="dense")
    return tf.matmul(y + w[0] + b + c + d + e + f + h, g)


def keras_3(x):
    dense = tf.keras.layers.Dense(4, kernel_initializer=tf.keras.initializers.he_normal(),
                                  bias_initializer=tf.keras.initializers.Zeros)
    return dense(x) + tf.compat.v2.keras.initializers.Ones()([4])


def refused():
    return tf.get_variable("r", [4], initializer=tf.keras.initializers.RandomNormal)
