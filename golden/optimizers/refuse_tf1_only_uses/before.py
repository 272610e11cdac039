import tensorflow as tf


def train_op(loss):
    opt = tf.train.AdamOptimizer(1e-3)
    return opt.minimize(loss, global_step=tf.train.get_or_create_global_step())


def clipped(loss):
    opt = tf.train.MomentumOptimizer(0.1, 0.9)
    grads_and_vars = opt.compute_gradients(loss)
    return opt.apply_gradients([(tf.clip_by_norm(g, 1.0), v) for g, v in grads_and_vars])


def chained(loss):
    return tf.train.GradientDescentOptimizer(0.1).minimize(loss)


def synced(loss, n):
    opt = tf.train.SyncReplicasOptimizer(tf.train.AdamOptimizer(0.01), replicas_to_aggregate=n)
    return opt


class Trainer:
    def __init__(self):
        self.optimizer = tf.train.RMSPropOptimizer(0.01)

    def slots(self, var):
        return self.optimizer.get_slot(var, "rms")


def stepped(grads_and_vars, step):
    opt = tf.train.AdagradOptimizer(0.1)
    return opt.apply_gradients(grads_and_vars, global_step=step)
