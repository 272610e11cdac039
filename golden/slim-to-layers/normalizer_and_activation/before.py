import tensorflow as tf
import tf_slim as slim


def tower(x, is_training, scope=None):
    # slim's order: the layer without bias, its batch norm in the layer's scope, then the activation
    x = slim.conv2d(x, 32, [3, 3], normalizer_fn=slim.batch_norm,
                    normalizer_params={"is_training": is_training, "decay": 0.9, "scale": True},
                    scope="conv1")
    x = slim.conv2d(x, 32, [3, 3], activation_fn=tf.nn.relu6, normalizer_fn=slim.batch_norm, scope="conv2")
    # a batch norm with its own scope= inside the layer's scope; no activation
    x = slim.conv2d(x, 16, [1, 1], activation_fn=None, normalizer_fn=slim.batch_norm,
                    normalizer_params={"scope": "bn", "is_training": is_training}, scope="conv3")
    # the scope is a parameter that may be None: slim's default name still applies
    x = slim.conv2d(x, 16, [1, 1], normalizer_fn=slim.batch_norm, scope=scope)
    bn = {"is_training": is_training, "center": False}
    x = slim.flatten(x)
    # inside a larger expression: nested calls
    return tf.identity(slim.fully_connected(x, 10, normalizer_fn=slim.batch_norm, normalizer_params=bn,
                                            scope="fc"))
