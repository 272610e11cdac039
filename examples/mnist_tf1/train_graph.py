"""The original TF1 graph training loop: tf1to2 leaves its optimizer alone and says why."""
import tensorflow.compat.v1 as tf

from model import classifier


def train(images, labels, steps=1000):
    logits = classifier(images, is_training=True)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    global_step = tf.train.get_or_create_global_step()
    optimizer = tf.train.RMSPropOptimizer(0.001, decay=0.9, momentum=0.9)
    train_op = optimizer.minimize(loss, global_step=global_step)
    with tf.train.MonitoredTrainingSession() as sess:
        for _ in range(steps):
            sess.run(train_op)
