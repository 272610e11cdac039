"""The model-mapping guide's make_template example as TF1 code wrote it: a template made
once at module level and called where the model is built, by one function only. The
function becomes a layer that builds the template once, in __init__, and calls it in
its decorated call (the guide's CompatV1TemplateScaleByY); the template moves there, and
my_op stays the template's function."""
import tensorflow.compat.v1 as tf


def my_op(x, scalar_name, scale=1.0):
    var1 = tf.get_variable(scalar_name,
                           shape=[],
                           regularizer=tf.keras.regularizers.L2(),
                           initializer=tf.constant_initializer(1.5))
    return x * var1 * scale


scale_by_y = tf.make_template('scale_by_y', my_op, scalar_name='y')


def model(x):
    return scale_by_y(scale_by_y(x), scale=2.0)
