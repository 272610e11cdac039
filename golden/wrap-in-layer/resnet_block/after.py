import tensorflow as tf
from tensorflow.compat.v1 import layers
from tf1to2 import track_tf1_style_variables

WEIGHT_DECAY = 1e-4


def _bn_relu(x, training):
    x = layers.batch_normalization(x, momentum=0.997, epsilon=1e-5, fused=True, training=training)
    return tf.nn.relu(x)


def residual_block(x, filters, strides=1, training=False):
    """A pre-activation ResNet block; the projection shortcut only when the shape changes."""
    reg = tf.keras.regularizers.l2(WEIGHT_DECAY)
    shortcut = x
    x = _bn_relu(x, training)
    if strides != 1 or x.shape[-1] != filters:
        shortcut = layers.conv2d(x, filters, 1, strides=strides, use_bias=False,
                                 kernel_regularizer=reg, name="shortcut")
    x = layers.conv2d(x, filters, 3, strides=strides, padding="same", use_bias=False,
                      kernel_regularizer=reg)
    x = _bn_relu(x, training)
    x = layers.conv2d(x, filters, 3, padding="same", use_bias=False, kernel_regularizer=reg)
    return x + shortcut


class SmallResnet(tf.keras.layers.Layer):
    def __init__(self, num_classes=10, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes

    @track_tf1_style_variables
    def call(self, images, training=None):
        with tf.compat.v1.variable_scope("resnet"):
            x = layers.conv2d(images, 8, 3, padding="same", name="stem")
            for i in range(2):
                with tf.compat.v1.variable_scope("block%d" % i):
                    x = residual_block(x, 8 * (i + 1), strides=1 + i, training=training)
            x = tf.reduce_mean(x, axis=[1, 2])
            return layers.dense(x, self.num_classes, name="logits")
