"""Stage 2 names a slim layer's normalizer inside the layer's scope ("conv2/BatchNorm"),
which v1 layers take as a variable scope and Keras 3 refuses as a layer name. The Keras
layers are named without the "/" and found through the name map by object path."""
import tensorflow.compat.v1 as tf
from tf1to2 import track_tf1_style_variables


class Net(tf.keras.layers.Layer):
    def __init__(self, num_classes=4, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes
        self.conv1 = tf.layers.Conv2D(8, [3, 3], padding="SAME", use_bias=False, name='conv1')
        self.conv1_BatchNorm = tf.layers.BatchNormalization(momentum=0.9, scale=False, name="conv1/BatchNorm")
        self.conv2 = tf.layers.Conv2D(
            8,
            [3, 3],
            use_bias=False,
            name='block/conv2')
        self.conv2_BatchNorm = tf.layers.BatchNormalization(name='block/conv2/BatchNorm')
        self.logits = tf.layers.Dense(self.num_classes, name='logits')

    @track_tf1_style_variables
    def call(self, images, training=None):
        with tf.variable_scope('Net'):
            x = tf.nn.relu(self.conv1_BatchNorm(self.conv1(images), training=training))
            x = tf.nn.relu(self.conv2_BatchNorm(self.conv2(x), training=training))
            return self.logits(tf.reduce_mean(x, [1, 2]))
