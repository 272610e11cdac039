import tensorflow.compat.v1 as tf
from tensorflow.contrib import layers
from tensorflow.contrib import slim


def net(images, labels, is_training, keep_prob, reuse):
    x = slim.conv2d(images, 32, [5, 5], stride=2, padding="VALID", data_format="NHWC", rate=1,
                    activation_fn=tf.nn.elu, normalizer_fn=None, normalizer_params=None,
                    weights_initializer=layers.xavier_initializer(uniform=False, seed=3),
                    weights_regularizer=slim.l2_regularizer(0.004),
                    biases_initializer=tf.constant_initializer(0.1),
                    biases_regularizer=slim.l1_regularizer(0.01), reuse=reuse,
                    variables_collections=None, outputs_collections=None, trainable=False, scope="c1")
    x = slim.conv2d(x, 32, [3, 3], 1, "SAME", None, 2, None, scope="dilated")
    x = slim.separable_conv2d(x, 64, [3, 3], depth_multiplier=2, stride=1, padding="SAME", rate=2,
                              activation_fn=None,
                              weights_initializer=slim.variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=True),
                              pointwise_initializer=tf.glorot_uniform_initializer(),
                              weights_regularizer=slim.l2_regularizer(1e-5), biases_initializer=None,
                              scope="sep")
    x = slim.conv2d_transpose(x, 16, [2, 2], stride=2, padding="VALID", activation_fn=None,
                              weights_initializer=slim.xavier_initializer(), scope="up")
    x = slim.max_pool2d(x, [3, 3], stride=1, padding="SAME", data_format="NHWC", scope="pool")
    x = slim.avg_pool2d(x, 2, 2, "VALID", scope="avg")
    x = slim.batch_norm(x, decay=0.9, center=False, scale=True, epsilon=1e-5, activation_fn=tf.nn.relu,
                        param_initializers={"gamma": tf.ones_initializer(), "moving_variance": tf.ones_initializer()},
                        param_regularizers={"gamma": slim.l2_regularizer(1e-4)},
                        updates_collections=tf.GraphKeys.UPDATE_OPS, is_training=is_training, reuse=reuse,
                        trainable=True, fused=True, data_format="NHWC", scope="bn")
    x = slim.dropout(x, keep_prob=keep_prob, noise_shape=None, is_training=is_training, scope="drop", seed=5)
    x = slim.dropout(x, 0.75, is_training=False)
    x = slim.flatten(x, scope="flat")
    x = slim.fully_connected(x, 10, activation_fn=None, weights_regularizer=slim.l2_regularizer(0.0),
                             biases_initializer=tf.zeros_initializer(), trainable=True, reuse=reuse,
                             scope="logits")
    probs = slim.softmax(x, scope="probs")
    onehot = slim.one_hot_encoding(labels, 10, on_value=0.9, off_value=0.1, scope="onehot")
    return probs, onehot
