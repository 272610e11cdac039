import numpy as np
import tensorflow as tf
import models


def main():
    np.random.seed(0)
    tf.set_random_seed(0)
    x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    y = tf.placeholder(tf.int32, [None])
    logits = models.build_net(x, True)
    loss = tf.losses.sparse_softmax_cross_entropy(y, logits) + tf.losses.get_regularization_loss()
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
    eval_logits = models.build_net(x, False)
    xs = np.random.rand(4, 8, 8, 3).astype(np.float32)
    ys = np.array([0, 1, 2, 0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            l, _ = sess.run([loss, train_op], {x: xs, y: ys})
        print("LOSS %.6f" % l)
        print("EVAL", np.round(sess.run(eval_logits, {x: xs}), 5).tolist())


if __name__ == "__main__":
    main()
