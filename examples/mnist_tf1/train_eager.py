"""Half-migrated training: eager GradientTape loop, still on TF1 optimizers."""
import tensorflow as tf

from model import classifier


def make_optimizers(base_lr=1e-3):
    return {
        "adam": tf.train.AdamOptimizer(base_lr, beta1=0.5),
        "momentum": tf.train.MomentumOptimizer(
            learning_rate=base_lr * 10,
            momentum=0.9,
            use_nesterov=True,
        ),
        "adagrad": tf.compat.v1.train.AdagradOptimizer(0.1),
    }


def train_step(layer, optimizer, images, labels):
    with tf.GradientTape() as tape:
        logits = layer(images, training=True)
        loss = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
        )
    grads = tape.gradient(loss, layer.trainable_variables)
    optimizer.apply_gradients(zip(grads, layer.trainable_variables))
    return loss
