"""Decorated layers whose forward pass makes variables TF1-style through something other
than get_variable and v1 layers: each keeps track_tf1_style_variables, and says why.
Without it each call would make new variables the layer does not own (an RNN cell's
weights, a feature column's embeddings, a metric's counters, a moving average's shadows,
the global step)."""
import tensorflow as tf
from tensorflow.compat.v1 import feature_column as fc
from tf1to2 import track_tf1_style_variables


class Recurrent(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.out = self.add_weight(name="out", shape=[4, 2])

    @track_tf1_style_variables
    def call(self, x):
        cell = tf.compat.v1.nn.rnn_cell.BasicRNNCell(4)
        outputs, _ = tf.compat.v1.nn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32)
        w = self.out
        return tf.matmul(outputs[-1], w)


class RawRecurrent(tf.keras.layers.Layer):
    """The cell made in __init__, only the RNN function in the call."""

    def __init__(self, cell, **kwargs):
        super().__init__(**kwargs)
        self.cell = cell

    @track_tf1_style_variables
    def call(self, x):
        outputs, _ = tf.compat.v1.nn.dynamic_rnn(self.cell, x, dtype=tf.float32)
        return outputs


class Columns(tf.keras.layers.Layer):
    def __init__(self, columns, **kwargs):
        super().__init__(**kwargs)
        self.columns = columns

    def build(self, input_shape):
        self.weights_weight = self.add_weight(name="weights_weight", shape=[3, 1])

    @track_tf1_style_variables
    def call(self, features):
        net = fc.input_layer(features, self.columns)
        w = self.weights_weight
        return tf.matmul(net, w)


class Smoothed(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.smoothed = self.add_weight(name="smoothed", shape=[3, 1])

    @track_tf1_style_variables
    def call(self, x):
        w = self.smoothed
        ema = tf.compat.v1.train.ExponentialMovingAverage(0.99)
        ema.apply([w])
        return tf.matmul(x, ema.average(w))


class Counted(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=[])

    @track_tf1_style_variables
    def call(self, labels, predictions):
        step = tf.compat.v1.train.get_or_create_global_step()
        accuracy, update = tf.compat.v1.metrics.accuracy(labels, predictions)
        w = self.scale
        return accuracy * w + tf.cast(step, tf.float32)
