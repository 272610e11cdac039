"""The checkpoint guide's TF1 graph code: init_from_checkpoint and Saver work there, and
are left as they are."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1


def restore(path):
    with tf.Graph().as_default() as g:
        with tf1.variable_scope("new_scope"):
            a = tf1.get_variable("a", shape=[], dtype=tf.float32, initializer=tf1.zeros_initializer())
        with tf1.Session() as sess:
            tf1.train.init_from_checkpoint(path, assignment_map={"/": "new_scope/"})
            sess.run(tf1.global_variables_initializer())
            tf1.train.Saver().save(sess, path + "-copy")
            return sess.run(a)


def keras_in_a_graph(path):
    """A Saver of a model's variables in a TF1 graph: left (graph mode is not eager code)."""
    with tf.Graph().as_default():
        x = tf1.placeholder(tf.float32, [None, 3])
        model = tf.keras.layers.Dense(2)
        model(x)
        with tf1.Session() as sess:
            return tf1.train.Saver(var_list=model.variables).save(sess, path)
