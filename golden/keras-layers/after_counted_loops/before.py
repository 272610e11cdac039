"""A layer object called after a loop of unnamed functional v1 layers (which stage 4
leaves): where the loop runs a number of times the code states (range(N), a literal
tuple or list) and cannot stop early, the names the loop took are known, and so is the
layer's (dense_2 after two), and goes into the name map; otherwise (a break, a
parameter's widths, a branch) record_scope(layer=) claims it at run time as the v1 layer
did and remembers it for the layer, where tf1to2.load_tf1_checkpoint reads it."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Counted(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.out = tf.compat.v1.layers.Dense(2)

    @track_tf1_style_variables
    def call(self, x):
        for units in (8, 4):
            x = tf.compat.v1.layers.dense(x, units)
        for _ in range(2):
            x = tf.compat.v1.layers.dense(x, 4)
        return self.out(x)


class Stops(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.out = tf.compat.v1.layers.Dense(2)

    @track_tf1_style_variables
    def call(self, x):
        for units in [8, 4, 2]:
            if units < 4:
                break
            x = tf.compat.v1.layers.dense(x, units)
        return self.out(x)


class Widths(tf.keras.layers.Layer):
    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self.widths = widths
        self.out = tf.compat.v1.layers.Dense(2)

    @track_tf1_style_variables
    def call(self, x):
        for units in self.widths:
            x = tf.compat.v1.layers.dense(x, units)
        return self.out(x)


class Branch(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.out = tf.compat.v1.layers.Dense(2)

    @track_tf1_style_variables
    def call(self, x, training=None):
        for units in (8, 4):
            if training:
                x = tf.compat.v1.layers.dense(x, units)
        return self.out(x)


class SharedInLoop(tf.keras.layers.Layer):
    """A layer object first called inside a loop: a record_scope there would claim a new
    name each time round (the v1 layer claimed one, once), so it is not remembered, and
    says so."""

    def __init__(self, steps, **kwargs):
        super().__init__(**kwargs)
        self.steps = steps
        self.cell = tf.compat.v1.layers.Dense(4)

    @track_tf1_style_variables
    def call(self, x):
        for _ in range(self.steps):
            x = self.cell(x)
        return x
