"""What training-step leaves alone, and says why."""
import tensorflow as tf


def graph_step(loss, optimizer):
    """A TF1 graph step: there the collections are filled, and the code is right."""
    x = tf.compat.v1.placeholder(tf.float32, [None, 3])
    update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
    with tf.GradientTape() as tape:
        total = loss + tf.compat.v1.losses.get_regularization_loss()
    with tf.control_dependencies(update_ops):
        return optimizer.minimize(total), x


def gan_step(generator, discriminator, g_opt, d_opt, z, real):
    with tf.GradientTape() as g_tape, tf.GradientTape() as d_tape:
        fake = generator(z, training=True)
        d_loss = tf.reduce_mean(discriminator(fake)) - tf.reduce_mean(discriminator(real))
        d_loss += tf.compat.v1.losses.get_regularization_loss()
        g_loss = -tf.reduce_mean(discriminator(fake))
    g_opt.apply_gradients(zip(g_tape.gradient(g_loss, generator.trainable_variables), generator.trainable_variables))
    d_opt.apply_gradients(zip(d_tape.gradient(d_loss, discriminator.trainable_variables),
                              discriminator.trainable_variables))


def list_step(model, variables, optimizer, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x)) + tf.compat.v1.losses.get_total_loss()
        loss += tf.add_n(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.REGULARIZATION_LOSSES, "tower_0"))
        loss += tf.compat.v1.losses.get_regularization_loss(scope="tower_0")
    update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
    print(len(update_ops), "update ops")
    with tf.control_dependencies(update_ops):
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
    return tf.compat.v1.trainable_variables()


def not_eager(model):
    return tf.compat.v1.losses.get_regularization_loss()


def nested_reader(model, optimizer, x):
    """update_ops is read by a nested function too: left (dropping it would leave that read
    without a name)."""
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)

    def report():
        return len(update_ops)

    with tf.control_dependencies(update_ops):
        optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    return report()
