"""Tensors hashed in code that TensorFlow 2 builds as a function (control flow v2): warned
where they are hashed. Stable-baselines' K-FAC optimizer keys a dict by the tensors a
method makes, which a lambda in tf.cond calls; the same through a while_loop body, a
functools.partial handed to map_fn, tf.case's pairs, a nested function, another alias.
Not warned: gathering or slicing a tensor with one, a tensor made outside the branch,
variables, keys that are not tensors, code no control flow builds."""
import functools

import tensorflow as tf
import tensorflow.compat.v1 as tf1


class Optimizer(object):

    def __init__(self, stats):
        self.stats = stats
        self.lookup = {}

    def compute(self):
        done = {}
        for var in self.stats:
            if var not in done:  # a variable: hashable in a graph
                decomposition = tf.linalg.eigh(var)
                values = decomposition[0]
                vectors = decomposition[1]
                done[var] = values
                self.lookup[values] = var
                self.lookup[vectors] = var
        return list(done.values())

    def step(self, count):
        return tf.compat.v1.cond(tf.equal(count % 5, 0),
                       lambda: tf.group(*self.compute()),
                       tf.no_op)


def loop(acc):
    seen = set()

    def body(i, a):
        total = tf.reduce_sum(a)
        if total in seen:
            pass
        seen.add(total)
        return i + 1, a * 2.0

    return tf1.while_loop(lambda i, a: i < 3, body, [0, acc])


def scale(x, table):
    y = tf.square(x)
    table.setdefault(y, []).append(x)
    return y


def mapped(xs, table):
    return tf.map_fn(functools.partial(scale, table=table), xs)


def cases(x, table):
    def first():
        key = tf.identity(x)
        return {key: key * 2.0}[key]

    def second():
        return tf.zeros([])

    return tf.case([(tf.less(x, 0.0), first)], default=second)


def not_hashing(x):
    outside = tf.identity(x)

    def branch():
        lookup = {}
        w = tf1.get_variable("w", [3])
        lookup[w] = 1  # a variable
        lookup[outside] = 2  # made outside the branch
        i = tf.argmax(x)
        picked = x[i]  # gathering from the parameter
        t = tf.ones([3, 3])
        sliced = t[:, i]  # slicing a tensor
        count = len(lookup)
        lookup[count] = picked  # an int key
        return sliced + t[i]

    return tf.compat.v1.cond(x[0] > 0.0, branch, lambda: x)


def never_in_control_flow(x):
    table = {}
    y = tf.square(x)
    table[y] = x  # a graph tensor: hashable in TF1 and TF2 graphs alike
    return y
