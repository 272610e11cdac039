"""The same run in a program that keeps TF1's behaviour (the overview's graph-mode step):
its variables are TF1's reference variables, read after the run's updates as before.
Nothing to say."""
import tensorflow as tf
tf.compat.v1.disable_v2_behavior()


def main(loss, feed):
    global_step = tf.compat.v1.train.get_or_create_global_step()
    train_op = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=global_step)
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        _, step = sess.run([train_op, global_step], feed_dict=feed)
    return step
