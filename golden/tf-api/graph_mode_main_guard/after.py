import tensorflow as tf

FLAGS = tf.compat.v1.app.flags.FLAGS


def main(_):
    x = tf.compat.v1.placeholder(tf.float32, [None, 3])
    y = tf.compat.v1.layers.dense(x, 2)
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        print(sess.run(y, feed_dict={x: [[1.0, 2.0, 3.0]]}))


if __name__ == "__main__":
    tf.compat.v1.disable_v2_behavior()
    tf.compat.v1.app.run(main)
