import numpy as np
import tensorflow as tf
import tf_slim as slim
from nets import mynet


def main():
    np.random.seed(1)
    tf.set_random_seed(1)
    x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    y = tf.placeholder(tf.int32, [None])
    with slim.arg_scope(mynet.mynet_arg_scope()):
        logits, _ = mynet.mynet(x)
    tf.losses.sparse_softmax_cross_entropy(y, logits)
    loss = tf.losses.get_total_loss()
    opt = tf.train.MomentumOptimizer(0.05, 0.9)
    train_op = slim.learning.create_train_op(loss, opt)
    xs = np.random.rand(4, 8, 8, 3).astype(np.float32)
    ys = np.array([0, 1, 2, 0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            l = sess.run(train_op, {x: xs, y: ys})
        print("LOSS %.6f" % l)
        print("LOGITS", np.round(sess.run(logits, {x: xs}), 5).tolist())


if __name__ == "__main__":
    main()
