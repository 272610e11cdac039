"""Keras objects a decorated call makes once through get_or_create_layer (what
wrap-in-layer writes for Keras objects built in a TF1 forward pass): once nothing else
needs the decorator, each becomes an attribute made in __init__, as the model-mapping
guide asks of new code, its TF1 name (the variable scope it was made in and its Keras
name) in the name map, its weights below it."""
import tensorflow as tf
import tensorflow_hub as hub
from tf1to2 import track_tf1_style_variables, get_or_create_layer

HANDLE = "/models/embedder"
UNITS = 4


# The TF1 originals of Head, NoInit and Wider (what the numeric check builds in a TF1
# graph and saves; wrap-in-layer would make each the layer below): plain functions,
# which this stage leaves.
def head(inputs, units=5):
    with tf.compat.v1.variable_scope("head"):
        out = tf.keras.layers.Dense(5, name="hidden")(inputs)
        block = tf.keras.Sequential([tf.keras.layers.Dense(units, name="inner"), tf.keras.layers.ReLU()],
                                    name="block")
        out = block(block(out)[:, :5])
        return tf.keras.layers.Dense(3, name="logits")(out)


def no_init(x, training=None):
    if training:
        x = tf.keras.layers.Dropout(0.5)(x, training=training)
    proj = tf.keras.layers.Dense(2, name="proj")
    return tf.keras.layers.Dense(2, name="out")(tf.nn.relu(proj(x)))


def wider(inputs):
    return tf.keras.layers.Dense(7, name="wide")(inputs)


class Head(tf.keras.layers.Layer):
    def __init__(self, units=5, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, inputs):
        with tf.compat.v1.variable_scope("head"):
            out = get_or_create_layer("hidden", lambda: tf.keras.layers.Dense(5, name="hidden"))(inputs)
            block = get_or_create_layer("block", lambda: tf.keras.Sequential([tf.keras.layers.Dense(self.units, name="inner"),
                                                                              tf.keras.layers.ReLU()], name="block"))
            out = block(block(out)[:, :5])
            return get_or_create_layer("logits", lambda: tf.keras.layers.Dense(
                                                      3,
                                                      name="logits"))(out)


class NoInit(tf.keras.layers.Layer):
    """No __init__: one is written (above the comments of the method it goes before)."""

    # the forward pass
    @tf.compat.v1.keras.utils.track_tf1_style_variables
    def call(self, x, training=None):
        if training:
            x = get_or_create_layer("dropout", lambda: tf.keras.layers.Dropout(0.5))(x, training=training)
        proj = get_or_create_layer("proj", lambda: tf.keras.layers.Dense(2, name="proj"))
        return get_or_create_layer("out", lambda: tf.keras.layers.Dense(2, name="out"))(tf.nn.relu(proj(x)))


class Rebound(tf.keras.layers.Layer):
    """The local holding the object is bound again: what it calls is not known."""

    @track_tf1_style_variables
    def call(self, x, activation=None):
        f = get_or_create_layer("f", lambda: tf.keras.layers.Dense(2, name="f"))
        if activation is not None:
            f = activation
        return f(x)


class Base(tf.keras.layers.Layer):
    """A base class of this module."""


class Wider(Base):
    """A subclass of a layer of this module: the __init__ written for it passes on what it gets."""

    @track_tf1_style_variables
    def call(self, inputs):
        return get_or_create_layer("wide", lambda: tf.keras.layers.Dense(7, name="wide"))(inputs)


class Embedder(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, sentences):
        embed = get_or_create_layer("embed", lambda: hub.load(HANDLE))
        return embed.signatures["default"](sentences)["default"]


class ReadsItsInput(tf.keras.layers.Layer):
    """A functional model (the guide's build_model): its tf.keras.Input and its layer move
    to __init__ with it; the model gets no name-map entry (TF1 named its weights by its
    layer, which has one)."""

    @track_tf1_style_variables
    def call(self, x):
        inp = tf.keras.Input(shape=(6,))
        dense = get_or_create_layer("dense", lambda: tf.keras.layers.Dense(2, name="dense"))
        model = get_or_create_layer("model", lambda: tf.keras.Model(inputs=inp, outputs=dense(inp), name="model"))
        return model(x)


class InlineFunctional(tf.keras.layers.Layer):
    """A functional model building its layer inline (TF1 named its weights by that layer,
    which no entry names), and an Input shaped by the call's input: the decorator stays."""

    @track_tf1_style_variables
    def call(self, x):
        inp = tf.keras.Input(shape=(6,))
        model = get_or_create_layer("model", lambda: tf.keras.Model(inputs=inp, outputs=tf.keras.layers.Dense(2)(inp)))
        shaped = tf.keras.Input(shape=x.shape[1:])
        dense = get_or_create_layer("dense", lambda: tf.keras.layers.Dense(2, name="dense"))
        other = get_or_create_layer("other", lambda: tf.keras.Model(inputs=shaped, outputs=dense(shaped)))
        return model(x) + other(x)


class Computed(tf.keras.layers.Layer):
    """A scope named at run time, a key that is not a literal, one key made twice: each
    says why the decorator stays."""

    @track_tf1_style_variables
    def call(self, x, name="s"):
        with tf.compat.v1.variable_scope(name):
            x = get_or_create_layer("a", lambda: tf.keras.layers.Dense(2, name="a"))(x)
        return x


class NotLiteral(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        key = "b"
        return get_or_create_layer(key, lambda: tf.keras.layers.Dense(2, name="b"))(x)


class Twice(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        x = get_or_create_layer("c", lambda: tf.keras.layers.Dense(2, name="c"))(x)
        return get_or_create_layer("c", lambda: tf.keras.layers.Dense(2, name="c"))(x)


class ByMethod(tf.keras.layers.Layer):
    """A builder that is a method (the guide's self.build_model): made in __init__ too
    (golden/native-keras/guide_nested_model has more)."""

    def build_model(self):
        return tf.keras.layers.Dense(2, name="by_method")

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer("by_method", self.build_model)(x)


class StillTF1(tf.keras.layers.Layer):
    """Something else keeps the decorator: the objects stay where they are."""

    @track_tf1_style_variables
    def call(self, x):
        x = get_or_create_layer("e", lambda: tf.keras.layers.Dense(2, name="e"))(x)
        return x * tf.compat.v1.get_variable("s", initializer=tf.constant(2.0))


class TwoMethods(tf.keras.layers.Layer):
    """Keywords in any order, a module-level value, a method the attribute's name is taken by, two decorated methods."""

    def __init__(self, units):
        super().__init__()
        self.units = units

    def head(self):
        return 1

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer(create_layer_method=lambda: tf.keras.layers.Dense(UNITS, name="head"), name="head")(x)

    @track_tf1_style_variables
    def encode(self, x, training=False):
        h = get_or_create_layer("enc", lambda: tf.keras.layers.Dense(self.units, name="enc"))
        return h(x, training=training) if training else h(x)


class Shared(tf.keras.layers.Layer):
    """One key in two methods: the shim shares one object between them; left."""

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer("s", lambda: tf.keras.layers.Dense(2, name="s"))(x)

    @track_tf1_style_variables
    def again(self, x):
        return get_or_create_layer("s", lambda: tf.keras.layers.Dense(2, name="s"))(x)


class Mod(tf.Module):
    """A tf.Module tracks its attributes too."""

    @track_tf1_style_variables
    def __call__(self, x):
        return get_or_create_layer("m", lambda: tf.keras.layers.Dense(2, name="m"))(x)


class Loop(tf.keras.layers.Layer):
    """In a loop: one key, one object, made once either way."""

    @track_tf1_style_variables
    def call(self, x):
        for _ in range(2):
            x = get_or_create_layer("d", lambda: tf.keras.layers.Dense(2, name="d"))(x)
        return x


class ComputedLambda(tf.keras.layers.Layer):
    """A name= computed at run time: what TF1 named it is not known here (the decorator
    stays, which names it as TF1 did when it runs)."""

    def __init__(self, label="c", **kwargs):
        super().__init__(**kwargs)
        self.label = label

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer("c", lambda: tf.keras.layers.Dense(2, name=self.label))(x)
