"""The model-mapping guide's make_template example as TF1 code wrote it: a template made
once at module level and called where the model is built. It stays for its callers, and
a layer that builds it once (the guide's CompatV1TemplateScaleByY) is added."""
import tensorflow.compat.v1 as tf
import tensorflow
from tf1to2 import track_tf1_style_variables


def my_op(x, scalar_name, scale=1.0):
    var1 = tf.get_variable(scalar_name,
                           shape=[],
                           regularizer=tf.keras.regularizers.L2(),
                           initializer=tf.constant_initializer(1.5))
    return x * var1 * scale


scale_by_y = tf.make_template('scale_by_y', my_op, scalar_name='y')


class ScaleByY(tensorflow.keras.layers.Layer):
    """scale_by_y (a make_template template) as a Keras layer: build it once, call it like scale_by_y."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scale_by_y = tf.make_template('scale_by_y', my_op, scalar_name='y')

    @track_tf1_style_variables
    def call(self, x, scale=1.0):
        return self.scale_by_y(x, scale=scale)


def model(x):
    return scale_by_y(scale_by_y(x), scale=2.0)
