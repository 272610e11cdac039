"""Stage 4's output for golden/wrap-in-layer/layers_in_scopes_of_a_parameter_loop (whose
numeric check runs stages 3-5 together), and two lists no recording can stand for (an
element called in nested loops; the list's first element called in every round): warned.
A transformer-style encoder: a loop over a parameter's count of blocks, each under its
own computed scope ("layer_%d" % i), with named and unnamed v1 layers, one only in
some rounds (a branch), dropout. Stage 4 makes each a list of layers, one per round;
stage 5 makes them Keras layers. No name map can hold their TF1 names (they depend on
num_layers), so at each one's call stage 5 writes
record_scope(default_name=..., layer=self.X[i]): it claims the name the v1 layer
claimed in that round and remembers it as that element's, and load_tf1_checkpoint reads
it. The numeric check loads the TF1 checkpoint into the chain's output (stages 3-5)
under both Kerases. A layer in a loop inside such a loop stays a v1 layer (stage 4 says
why), on the shim under Keras 3."""
import tensorflow.compat.v1 as tf
import tensorflow
from tf1to2 import record_scope, track_tf1_style_variables


class Encoder(tensorflow.keras.layers.Layer):
    def __init__(self, num_layers=2, hidden=8, **kwargs):
        super().__init__(**kwargs)
        self.num_layers = num_layers
        self.hidden = hidden
        self.input_proj = tensorflow.keras.layers.Dense(self.hidden, name="input_proj")
        self.q = [tensorflow.keras.layers.Dense(self.hidden, name="q") for i in range(self.num_layers)]
        self.k = [tensorflow.keras.layers.Dense(self.hidden, name="k") for i in range(self.num_layers)]
        self.dense = [tensorflow.keras.layers.Dense(self.hidden, use_bias=False) for i in range(self.num_layers)]
        self.dense_1 = [tensorflow.keras.layers.Dense(self.hidden) for i in range(self.num_layers)]
        self.skip = [tensorflow.keras.layers.Dense(self.hidden, name="skip") for i in range(self.num_layers)]
        self.ffn1 = [tensorflow.keras.layers.Dense(self.hidden * 2, activation=tf.nn.relu, name="ffn1") for i in range(self.num_layers)]
        self.dropout = [tensorflow.keras.layers.Dropout(0.1) for i in range(self.num_layers)]
        self.ffn2 = [tensorflow.keras.layers.Dense(self.hidden, name="ffn2") for i in range(self.num_layers)]
        self.logits = tensorflow.keras.layers.Dense(3, name="logits")

    @track_tf1_style_variables
    def call(self, x, training=None):
        with tf.variable_scope("encoder"):
            x = self.input_proj(x)
            for i in range(self.num_layers):
                with tf.variable_scope("layer_%d" % i):
                    q = self.q[i](x)
                    record_scope(default_name="q", layer=self.q[i])
                    k = self.k[i](x)
                    record_scope(default_name="k", layer=self.k[i])
                    v = self.dense[i](x)
                    record_scope(default_name="dense", layer=self.dense[i])
                    att = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) / self.hidden ** 0.5)
                    x = x + self.dense_1[i](tf.matmul(att, v))
                    record_scope(default_name="dense", layer=self.dense_1[i])
                    if i > 0:
                        x = x + self.skip[i](x)
                        record_scope(default_name="skip", layer=self.skip[i])
                    h = self.ffn1[i](x)
                    record_scope(default_name="ffn1", layer=self.ffn1[i])
                    h = self.dropout[i](h, training=training)
                    x = x + self.ffn2[i](h)
                    record_scope(default_name="ffn2", layer=self.ffn2[i])
            return self.logits(tf.reduce_mean(x, axis=1))


class Repeated(tensorflow.keras.layers.Layer):
    def __init__(self, blocks=2, steps=2, **kwargs):
        super().__init__(**kwargs)
        self.blocks = blocks
        self.steps = steps

    @track_tf1_style_variables
    def call(self, x):
        for b in range(self.blocks):
            with tf.variable_scope("block%d" % b):
                for _ in range(self.steps):
                    x = tf.layers.dense(x, 4, name="step")
        return x


class HandWritten(tensorflow.keras.layers.Layer):
    def __init__(self, blocks=2, **kwargs):
        super().__init__(**kwargs)
        self.blocks = blocks
        self.inner = [tensorflow.keras.layers.Dense(4) for _ in range(blocks)]
        self.first = [tensorflow.keras.layers.Dense(4, name="first") for _ in range(blocks)]

    @track_tf1_style_variables
    def call(self, x):
        for b in range(self.blocks):
            with tf.variable_scope("block%d" % b):
                for _ in range(2):
                    x = self.inner[b](x)
        for b in range(self.blocks):
            with tf.variable_scope("again%d" % b):
                x = self.first[0](x)
        return x
