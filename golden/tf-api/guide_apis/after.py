"""Code that already follows the model-mapping and validation guides: their API lives in
tf-keras only (TensorFlow 2.16+), so it goes to the shim, which has it on Keras 3 too."""
import tensorflow as tf
import tensorflow.compat.v1 as v1
from tf1to2 import DeterministicRandomTestTool, get_or_create_layer, track_tf1_style_variables, track_tf1_style_variables as track


class DenseLayer(tf.keras.layers.Layer):
    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, inputs):
        with tf.compat.v1.variable_scope("dense"):
            kernel = tf.compat.v1.get_variable(
                "kernel", shape=[inputs.shape[-1], self.units],
                initializer=tf.compat.v1.initializers.glorot_normal())
            return tf.matmul(inputs, kernel)


class NestedModel(tf.keras.Model):
    def build_model(self):
        inp = tf.keras.Input(shape=(5,))
        return tf.keras.Model(inputs=inp, outputs=tf.keras.layers.Dense(10, name="dense")(inp))

    @track
    def call(self, inputs):
        with v1.variable_scope("model"):
            model = get_or_create_layer("dense_model", self.build_model)
            return model(inputs)


def validate(x):
    random_tool = DeterministicRandomTestTool(mode="num_random_ops")
    with random_tool.scope():
        return DenseLayer(3)(x)
