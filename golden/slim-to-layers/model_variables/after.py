"""Reading slim's MODEL_VARIABLES collection, however spelled: the rewritten layers do
not fill it, so each read is warned (the layers are still rewritten)."""
import tensorflow as tf
import tf_slim as slim
from tf_slim import get_model_variables


def averaged(images):
    net = tf.compat.v1.layers.conv2d(
        images,
        4,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="conv")
    ema = tf.train.ExponentialMovingAverage(0.99)
    update = ema.apply(slim.get_model_variables("conv"))
    return net, update


def every_spelling():
    return (
        slim.get_model_variables(),
        get_model_variables(scope="conv"),
        slim.variables.get_model_variables(),
        tf.model_variables(),
        tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.MODEL_VARIABLES),
        tf.get_collection_ref(key="model_variables"),
    )


def not_model_variables():
    # other collections, and the variables by scope: not warned
    return (
        tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, "conv"),
        slim.get_variables("conv"),
        slim.get_variables_to_restore(exclude=["conv/biases"]),
    )
