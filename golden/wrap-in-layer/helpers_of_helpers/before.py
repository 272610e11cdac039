"""GPT-2's shape: conv1d() creates variables, attn() and block() only call it, model()
calls block() in a loop. Every one of them is the model's forward pass: model(), which
no other function calls, becomes the layer, and the others stay functions that run
inside its call (a layer built in attn() would get new weights on every call)."""
import tensorflow.compat.v1 as tf


def conv1d(x, scope, nf, w_init_stdev=0.02):
    with tf.variable_scope(scope):
        nx = tf.compat.dimension_value(x.shape[-1])
        w = tf.get_variable('w', [nx, nf], initializer=tf.random_normal_initializer(stddev=w_init_stdev))
        b = tf.get_variable('b', [nf], initializer=tf.constant_initializer(0))
        return tf.einsum('bsi,io->bso', x, w) + b


def attn(x, scope, n_state):
    with tf.variable_scope(scope):
        c = conv1d(x, 'c_attn', n_state * 3)
        q, k, v = tf.split(c, 3, axis=2)
        w = tf.nn.softmax(tf.matmul(q, k, transpose_b=True))
        return conv1d(tf.matmul(w, v), 'c_proj', n_state)


def block(x, scope):
    with tf.variable_scope(scope):
        nx = tf.compat.dimension_value(x.shape[-1])
        return x + attn(x, 'attn', nx)


def model(X, n_layer=2):
    with tf.variable_scope('model'):
        h = X
        for layer in range(n_layer):
            h = block(h, 'h%d' % layer)
        return h
