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
        self.conv2d = [tf.keras.layers.Conv2D(8, 3, padding="same") for _ in range(self.blocks)]
        self.batch_normalization = tf.keras.layers.BatchNormalization(
            -1, 0.9, 1e-5, True, False, fused=True)
        self.dropout = tf.keras.layers.Dropout(rate=0.5)
        self.dense = tf.keras.layers.Dense(4, None, False, name="logits")

    @track_tf1_style_variables
    def call(self, x, training=None):
        with tf.compat.v1.variable_scope("tower"):
            x = self.stem(x)
            for i in range(self.blocks):
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
