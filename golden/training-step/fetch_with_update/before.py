"""A TF1 training script's runs that fetch a variable with the ops that update it: TF1's
reference variables gave the value after the run's updates, TensorFlow 2's resource
variables (on unless the program turns TF2 behaviour off) are read in no set order with
them. Warned at each such run; runs fetching variables alone, or no variable, are not."""
import tensorflow as tf


def train(loss, steps, feed):
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=global_step)
    w = tf.get_variable("w", [3])
    counter = tf.Variable(0, trainable=False)
    increment = tf.assign_add(counter, 1)
    with tf.Graph().as_default(), tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            _, step = sess.run([train_op, global_step], feed_dict=feed)  # warned
            loss_value, weights = sess.run(fetches=(loss, w))  # reads alone: not warned
            sess.run([increment, counter])  # warned
            both = sess.run([w, counter])  # variables alone: no update in this run
            values = sess.run([loss, train_op], feed)  # no variable fetched
    return step, loss_value, weights, both, values


def train_step(sess, train_op, global_step, feed):  # slim's learning.train_step
    total_loss, np_global_step = sess.run([train_op, global_step], feed_dict=feed)  # warned
    return total_loss, np_global_step


class Trainer(object):
    def __init__(self, loss):
        self.sess = tf.Session()
        self.global_step = tf.train.get_or_create_global_step()
        self.train_op = tf.train.AdamOptimizer().minimize(loss, global_step=self.global_step)

    def step(self, feed):
        return self.sess.run([self.train_op, self.global_step], feed)  # warned
