"""A TF1 training step in the same module reads the collections model functions fill in
a graph: batch norm's UPDATE_OPS, regularizers' REGULARIZATION_LOSSES. A Keras layer
fills neither, so a function filling one that is read stays a function, its layer added
for new code; one filling nothing that is read becomes a layer as usual."""
import tensorflow.compat.v1 as tf
import tensorflow
from tf1to2 import track_tf1_style_variables


def encoder(x, is_training=False):
    with tf.variable_scope('encoder'):
        h = tf.layers.dense(x, 16, name='hidden')
        return tf.layers.batch_normalization(h, training=is_training, name='bn')


class Encoder(tensorflow.keras.layers.Layer):
    """encoder() as a Keras layer: build it once, call it like encoder()."""

    @track_tf1_style_variables
    def call(self, x, training=None):
        return encoder(x, is_training=False if training is None else training)


def regularized_head(x, num_classes=3):
    with tf.variable_scope('head'):
        w = tf.get_variable('w', [16, num_classes], regularizer=tf.keras.regularizers.l2(1e-4))
        return tf.matmul(x, w)


class RegularizedHead(tensorflow.keras.layers.Layer):
    """regularized_head() as a Keras layer: build it once, call it like regularized_head()."""

    def __init__(self, num_classes=3, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes

    @track_tf1_style_variables
    def call(self, x):
        return regularized_head(x, num_classes=self.num_classes)


def plain_head(x, num_classes=3):
    with tf.variable_scope('plain_head'):
        return tf.layers.dense(x, num_classes, name='logits')


class PlainHead(tensorflow.keras.layers.Layer):
    """plain_head() as a Keras layer: build it once, call it like plain_head()."""

    def __init__(self, num_classes=3, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes

    @track_tf1_style_variables
    def call(self, x):
        return plain_head(x, num_classes=self.num_classes)


def train_op(x, labels, optimizer):
    features = encoder(x, is_training=True)
    logits = regularized_head(features) + plain_head(features)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        return optimizer.minimize(loss + tf.losses.get_regularization_loss())
