"""A transformer-style encoder: a loop over a parameter's count of blocks, each under
its own computed scope ("layer_%d" % i), with named and unnamed v1 layers, one only in
some rounds (a branch), dropout. Stage 4 makes each a list of layers, one per round;
stage 5 makes them Keras layers. No name map can hold their TF1 names (they depend on
num_layers), so at each one's call stage 5 writes
record_scope(default_name=..., layer=self.X[i]): it claims the name the v1 layer
claimed in that round and remembers it as that element's, and load_tf1_checkpoint reads
it. The numeric check loads the TF1 checkpoint into the chain's output (stages 3-5)
under both Kerases. A layer in a loop inside such a loop stays a v1 layer (stage 4 says
why), on the shim under Keras 3."""
import tensorflow.compat.v1 as tf


def encoder(x, num_layers=2, hidden=8, training=False):
    with tf.variable_scope("encoder"):
        x = tf.layers.dense(x, hidden, name="input_proj")
        for i in range(num_layers):
            with tf.variable_scope("layer_%d" % i):
                q = tf.layers.dense(x, hidden, name="q")
                k = tf.layers.dense(x, hidden, name="k")
                v = tf.layers.dense(x, hidden, use_bias=False)
                att = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) / hidden ** 0.5)
                x = x + tf.layers.dense(tf.matmul(att, v), hidden)
                if i > 0:
                    x = x + tf.layers.dense(x, hidden, name="skip")
                h = tf.layers.dense(x, hidden * 2, activation=tf.nn.relu, name="ffn1")
                h = tf.layers.dropout(h, 0.1, training=training)
                x = x + tf.layers.dense(h, hidden, name="ffn2")
        return tf.layers.dense(tf.reduce_mean(x, axis=1), 3, name="logits")


def repeated(x, blocks=2, steps=2):
    for b in range(blocks):
        with tf.variable_scope("block%d" % b):
            for _ in range(steps):
                x = tf.layers.dense(x, 4, name="step")
    return x
