import tensorflow.compat.v1 as tf


def net(images, labels, is_training, keep_prob, reuse):
    x = tf.layers.conv2d(
        images,
        32,
        [5, 5],
        strides=2,
        padding="VALID",
        kernel_initializer=tf.variance_scaling_initializer(scale=1.3 * 0.87962566103423978 ** 2, mode="fan_avg", seed=3),
        kernel_regularizer=tf.keras.regularizers.l2(0.002),
        bias_initializer=tf.constant_initializer(0.1),
        bias_regularizer=tf.keras.regularizers.l1(0.01),
        activation=tf.nn.elu,
        trainable=False,
        name="c1",
        reuse=reuse)
    x = tf.layers.conv2d(
        x,
        32,
        [3, 3],
        strides=1,
        padding="SAME",
        dilation_rate=2,
        name="dilated")
    x = tf.layers.separable_conv2d(
        x,
        64,
        [3, 3],
        strides=1,
        padding="SAME",
        dilation_rate=2,
        depth_multiplier=2,
        depthwise_initializer=tf.variance_scaling_initializer(scale=1.0, mode="fan_avg", distribution="uniform"),
        pointwise_initializer=tf.glorot_uniform_initializer(),
        depthwise_regularizer=tf.keras.regularizers.l2(5e-06),
        pointwise_regularizer=tf.keras.regularizers.l2(5e-06),
        use_bias=False,
        name="sep")
    x = tf.layers.conv2d_transpose(
        x,
        16,
        [2, 2],
        strides=2,
        padding="VALID",
        kernel_initializer=tf.glorot_uniform_initializer(),
        name="up")
    x = tf.layers.max_pooling2d(x, [3, 3], strides=1, padding="SAME", name="pool")
    x = tf.layers.average_pooling2d(x, 2, strides=2, padding="VALID", name="avg")
    x = tf.layers.batch_normalization(
        x,
        momentum=0.9,
        epsilon=1e-5,
        center=False,
        scale=True,
        gamma_initializer=tf.ones_initializer(),
        moving_variance_initializer=tf.ones_initializer(),
        gamma_regularizer=tf.keras.regularizers.l2(5e-05),
        training=is_training,
        fused=True,
        name="bn",
        reuse=reuse)
    x = tf.nn.relu(x)
    x = tf.layers.dropout(x, rate=1 - keep_prob, seed=5, training=is_training, name="drop")
    x = tf.layers.dropout(x, rate=0.25, training=False)
    x = tf.layers.flatten(x, name="flat")
    x = tf.layers.dense(
        x,
        10,
        kernel_regularizer=tf.keras.regularizers.l2(0.0),
        bias_initializer=tf.zeros_initializer(),
        name="logits",
        reuse=reuse)
    probs = tf.nn.softmax(x, name="probs")
    onehot = tf.one_hot(labels, 10, on_value=0.9, off_value=0.1, name="onehot")
    return probs, onehot
