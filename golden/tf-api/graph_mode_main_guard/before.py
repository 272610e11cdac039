import tensorflow as tf

FLAGS = tf.app.flags.FLAGS


def main(_):
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.layers.dense(x, 2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(y, feed_dict={x: [[1.0, 2.0, 3.0]]}))


if __name__ == "__main__":
    tf.app.run(main)
