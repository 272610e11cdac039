"""TF1 session loops (as the tf-api stage leaves them): they run under TF 2.21, so they are
left, and each says so once, at its session, not at every run."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1
from tensorflow.compat.v1 import Session as TF1Session


def train(loss, x, data):
    """The overview's loop: a fed run in a for loop, one warning at the with."""
    train_op = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        for batch in data:
            sess.run(train_op, feed_dict={x: batch})
        sess.run(train_op, feed_dict={x: data[0]})


def evaluate(accuracy, x, batch):
    """No loop, but fed positionally: an assigned session, under another alias."""
    sess = tf1.Session()
    sess.run(tf1.global_variables_initializer())
    return sess.run(accuracy, {x: batch})


def monitored(train_op):
    with tf1.train.MonitoredTrainingSession(checkpoint_dir="/tmp/ckpt") as mon_sess:
        while not mon_sess.should_stop():
            mon_sess.run(train_op)


def imported(op, steps):
    with TF1Session(config=tf1.ConfigProto(allow_soft_placement=True)) as s, open("log", "w") as log:
        for _ in range(steps):
            log.write(str(s.run(op)))


class Agent:
    def setup(self, op):
        self.sess = tf1.Session()
        for _ in range(3):
            self.sess.run(op)

    def act(self, op):
        for _ in range(3):
            self.sess.run(op)  # bound in another method: this rule does not follow it


def once(y):
    """One run, not fed, in no loop: a TF1 evaluation, not a loop; nothing said."""
    with tf1.Session() as sess:
        return sess.run(y)


def not_a_session(runner, steps):
    for _ in range(steps):
        runner.run(steps, feed_dict={})


def nested_functions(op, steps):
    sess = tf1.InteractiveSession()

    def step():
        return sess.run(op)

    for _ in range(steps):
        step()  # the run is in step(), whose own code has no loop: nothing said


with tf.Graph().as_default() as g:
    a = tf1.get_variable("a", shape=[])
    with tf1.Session(graph=g) as session:
        for i in range(3):
            print(session.run(a))
