"""Stage 4's lists of layer objects named from the loop index (the wrap-in-layer case
computed_names_in_loops, as stages 3 and 4 leave it): each element's TF1 name worked
out from the index goes into the name map, and so do the layers after them; a name
reading a parameter is not worked out, and says so."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Discriminator(tf.keras.layers.Layer):
    def __init__(self, reuse=False, **kwargs):
        super().__init__(**kwargs)
        self.reuse = reuse
        self.h0 = tf.keras.layers.Dense(8, activation=tf.nn.leaky_relu, name="h0")
        self.dense = [tf.keras.layers.Dense(8, activation=tf.nn.leaky_relu, name="h%d" % (i + 1)) for i in range(2)]
        self.out = tf.keras.layers.Dense(1, name="out")

    @track_tf1_style_variables
    def call(self, x):
        with tf.compat.v1.variable_scope("disc", reuse=self.reuse):
            h = self.h0(x)
            for i in range(2):
                h = self.dense[i](h)
            return self.out(h)


class Tower(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = [tf.keras.layers.Dense(4, activation=tf.nn.relu, name=f"block{i}") for i in range(3)]
        self.dense_1 = [tf.keras.layers.Dense(3, name="proj_{}".format(j)) for j in range(2)]
        self.dense_2 = [tf.keras.layers.Dense(3, name="fc" + str(k + 1)) for k in range(2)]
        self.dense_layer = tf.keras.layers.Dense(2, name="dense")

    @track_tf1_style_variables
    def call(self, x):
        for i in range(3):
            x = self.dense[i](x)
        for j in range(2):
            x = self.dense_1[j](x)
        for k in range(2):
            x = self.dense_2[k](x)
        return self.dense_layer(x)


class Unknowable(tf.keras.layers.Layer):
    """The name reads a parameter: not worked out (said at the line), and the layer after
    it is not either (record_scope(layer=) would keep the decorator for a checkpoint that
    still would not load)."""

    def __init__(self, prefix="h", **kwargs):
        super().__init__(**kwargs)
        self.prefix = prefix
        self.dense = [tf.keras.layers.Dense(4, name=self.prefix + str(i)) for i in range(2)]
        self.out = tf.keras.layers.Dense(2, name="out")

    @track_tf1_style_variables
    def call(self, x):
        for i in range(2):
            x = self.dense[i](x)
        return self.out(x)
