"""What native-keras leaves alone, and says why."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables
import tf1to2.layers

from model_utils import block


def make_weights(units):
    return tf.compat.v1.get_variable("helper_w", [units])


def plain(x):
    return tf.nn.relu(x) * 2.0


class InALoop(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, inputs):
        for i in range(3):
            w = tf.compat.v1.get_variable(f"w{i}", [inputs.shape[-1]])
            inputs = inputs * w
        return inputs


class Branches(tf.keras.layers.Layer):
    def __init__(self, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.use_bias = use_bias

    @track_tf1_style_variables
    def call(self, inputs):
        if self.use_bias:
            inputs = inputs + tf.compat.v1.get_variable("b", [inputs.shape[-1]])
        return inputs


class Computed(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, inputs, name="w"):
        units = 2 * inputs.shape[-1]
        with tf.compat.v1.variable_scope(name):
            w = tf.compat.v1.get_variable("w", [units], initializer=tf.compat.v1.zeros_initializer())
        with tf.compat.v1.variable_scope("s", initializer=tf.compat.v1.ones_initializer()):
            s = tf.compat.v1.get_variable("s", [1])
        c = tf.compat.v1.get_variable("c", initializer=tf.constant([1.0, 2.0]))
        d = tf.compat.v1.get_variable("d", [2], initializer=tf.zeros([2]))
        e = tf.compat.v1.get_variable("e", [2], partitioner=tf.compat.v1.fixed_size_partitioner(2))
        f = tf.compat.v1.get_variable("f", [2], regularizer=tf.keras.regularizers.l2(0.1), trainable=self.trainable)
        g = tf.compat.v1.get_variable(name, [2])
        return inputs * w * s * c * d * e * f * g


class Reused(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, a):
        with tf.compat.v1.variable_scope("shared", reuse=tf.compat.v1.AUTO_REUSE):
            wa = tf.compat.v1.get_variable("w", [a.shape[-1]])
        with tf.compat.v1.variable_scope("shared", reuse=tf.compat.v1.AUTO_REUSE):
            wb = tf.compat.v1.get_variable("w", [a.shape[-1]])
        units = 2 * a.shape[-1]
        h = tf.compat.v1.get_variable("h", [units])
        k = tf.compat.v1.get_variable("k", [self.width])
        d = tf.compat.v1.get_variable("d", [2], dtype=a.dtype)
        return a * wa + wb + h + k + d


class Reshaped(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, inputs):
        inputs = tf.reshape(inputs, [-1, 8])
        w = tf.compat.v1.get_variable("w", [inputs.shape[-1], 2])
        return tf.matmul(inputs, w)


class TwoInputs(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, a, b):
        w = tf.compat.v1.get_variable("w", [a.shape[-1]])
        return a * w + b


class Module(tf.Module):
    @track_tf1_style_variables
    def __call__(self, x):
        w = tf.compat.v1.get_variable("w", [x.shape[-1]])
        return x * w


class NotCall(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        return self.helper(x)

    @track_tf1_style_variables
    def helper(self, x):
        return x * tf.compat.v1.get_variable("w", [x.shape[-1]])


class NamedScope(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        with tf.compat.v1.variable_scope("m") as scope:
            return x + len(scope.name)


class MixedWith(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        with tf.compat.v1.variable_scope("m"), tf.name_scope("n"):
            return x * 2.0


class V1Layer(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        return tf1to2.layers.dense(x, 3)


class ImportedHelper(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        return block(x)


class ModuleHelper(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        return make_weights(3) * plain(x)


class PassedIn(tf.keras.layers.Layer):
    def __init__(self, fn, **kwargs):
        super().__init__(**kwargs)
        self.fn = fn

    @track_tf1_style_variables
    def call(self, x):
        return self.fn(x)


class LayerPerCall(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        return tf.keras.layers.Dense(3)(x)


class ReadsScope(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        with tf.compat.v1.variable_scope("m"):
            print(tf.compat.v1.get_variable_scope().name)
            return x


class Several(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x, fn):
        x = fn(x)
        x = tf.Variable(1.0) * x
        v = tf.compat.v1.make_template("t", plain)
        return v(x)
