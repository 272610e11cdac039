import tensorflow as tf
from tf1to2 import record_scope, track_tf1_style_variables


class Tower(tf.keras.layers.Layer):
    """Layers stage 4 could not move (a width known only in the forward pass) stay v1
    and keep their auto-generated names; every replaced layer before them records the
    name it took."""

    def __init__(self, blocks=2, **kwargs):
        super().__init__(**kwargs)
        self.blocks = blocks
        self.stem = tf.keras.layers.Conv2D(8, 3, 1, "same", name="stem")
        self.conv2d = [tf.keras.layers.Conv2D(8, 3, padding="same") for _ in range(2)]
        self.batch_normalization = tf.keras.layers.BatchNormalization(
            -1, 0.9, 1e-5, True, False)
        self.dropout = tf.keras.layers.Dropout(rate=0.5)
        self.dense = tf.keras.layers.Dense(4, None, False, name="logits")

    @track_tf1_style_variables
    def call(self, x, training=None):
        with tf.compat.v1.variable_scope("tower"):
            x = self.stem(x)
            for i in range(2):
                x = self.conv2d[i](x)
                record_scope(default_name="conv2d")
            x = tf.compat.v1.layers.conv2d(x, x.shape[-1], 1)
            x = self.batch_normalization(x, training=training)
            record_scope("batch_normalization")
            x = tf.compat.v1.layers.batch_normalization(x, training=training)
            x = self.dropout(x, training=training)
            with tf.compat.v1.variable_scope("head"):
                flat = tf.compat.v1.layers.flatten(x)
                return self.dense(flat)


class Stack(tf.keras.layers.Layer):
    """How many layers the loop makes is known only when the layer is built: the
    replaced ones record their names at run time, and the name map cannot list them."""

    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth
        self.dense = [tf.keras.layers.Dense(4) for _ in range(self.depth)]

    @track_tf1_style_variables
    def call(self, x):
        with tf.compat.v1.variable_scope("stack"):
            for i in range(self.depth):
                x = self.dense[i](x)
                record_scope(default_name="dense", layer=self.dense[i])
            return tf.compat.v1.layers.dense(x, 4)
