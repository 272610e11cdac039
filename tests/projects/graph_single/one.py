import numpy as np
import tensorflow as tf


def net(x, is_training):
    h = tf.layers.dense(x, 6, activation=tf.nn.relu, name="h")
    h = tf.layers.batch_normalization(h, training=is_training, name="bn")
    return tf.layers.dense(h, 2, name="head")


def main():
    tf.set_random_seed(0)
    x = tf.placeholder(tf.float32, [None, 3])
    y = net(x, False)
    saver = tf.train.Saver()
    xs = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print("OUT", np.round(sess.run(y, {x: xs}), 5).tolist())
        print("NAMES", sorted(v.name for v in tf.global_variables()))


if __name__ == "__main__":
    main()
