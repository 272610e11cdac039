import tensorflow as tf


class Model(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(3)

    @tf.function
    def call(self, x):
        y = tf.nn.relu(self.dense(x))
        return tf.math.log(tf.reduce_sum(y, axis=1, keepdims=True) + 1.0), tf.compat.v1.layers.dense


opt = tf.keras.optimizers.Adam(1e-3)
loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0], logits=[[1.0, 2.0]])
dropped = tf.nn.dropout(tf.ones([2]), rate=0.5)
