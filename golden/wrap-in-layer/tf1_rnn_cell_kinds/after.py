"""Every kind of TF1 RNN cell a model function builds, with the arguments that change its
variables or its math: LSTMCell with peepholes, a projection and clipping, a state kept
as one tensor; GRUCell and BasicRNNCell with their own activations; the wrappers
(dropout, residual), which add no scope; MultiRNNCell's cell_%d scopes; static_rnn with
a scope; an initial state built from LSTMStateTuple; and a cell of the module's own, a
subclass of RNNCell making its variable in build. A default run makes them all
tf1to2.rnn_cell's (stage 7): the numeric check loads the TF1 checkpoint into the
migrated layers under both Kerases."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1
from tf1to2 import track_tf1_style_variables


class ScaledSum(tf1.nn.rnn_cell.RNNCell):
    """out = tanh(x W + state) * scale"""

    def __init__(self, units, name=None):
        super(ScaledSum, self).__init__(name=name)
        self._units = units

    @property
    def state_size(self):
        return self._units

    @property
    def output_size(self):
        return self._units

    def build(self, inputs_shape):
        self._kernel = self.add_variable("kernel", [inputs_shape[-1], self._units])
        self._scale = self.add_variable("scale", [], initializer=tf1.ones_initializer())
        self.built = True

    def call(self, inputs, state):
        out = tf.tanh(tf.matmul(inputs, self._kernel) + state) * self._scale
        return out, out


class PeepholeProjection(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        cell = tf1.nn.rnn_cell.LSTMCell(6, use_peepholes=True, num_proj=4, cell_clip=1.5, forget_bias=0.5)
        outputs, state = tf1.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="lstm")
        assert isinstance(state, tf1.nn.rnn_cell.LSTMStateTuple)
        return tf1.layers.dense(tf.concat([outputs[:, -1], state.c], -1), 2, name="head")


class WrappedStack(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        cells = [
            tf1.nn.rnn_cell.DropoutWrapper(tf1.nn.rnn_cell.GRUCell(5, activation=tf.nn.relu), output_keep_prob=1.0),
            tf1.nn.rnn_cell.ResidualWrapper(tf1.nn.rnn_cell.BasicLSTMCell(5, state_is_tuple=False)),
            tf1.nn.rnn_cell.BasicRNNCell(3),
        ]
        stack = tf1.nn.rnn_cell.MultiRNNCell(cells)
        batch = tf.shape(x)[0]
        start = stack.zero_state(batch, tf.float32)
        outputs, _ = tf1.nn.dynamic_rnn(stack, x, initial_state=start)
        return tf1.layers.dense(outputs[:, -1], 2, name="dense")


class Unrolled(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        steps = tf.unstack(x, axis=1)
        zeros = tf.zeros([tf.shape(x)[0], 4])
        initial = tf1.nn.rnn_cell.LSTMStateTuple(zeros, zeros + 0.5)
        outputs, _ = tf1.nn.static_rnn(tf1.nn.rnn_cell.LSTMCell(4, state_is_tuple=True), steps,
                                       initial_state=initial, scope="unrolled")
        own, _ = tf1.nn.dynamic_rnn(ScaledSum(4), tf.stack(outputs, axis=1), dtype=tf.float32)
        return tf1.layers.dense(own[:, -1], 2, name="out")
