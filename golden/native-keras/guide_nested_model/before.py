"""The model-mapping guide's nested model (its get_or_create_layer example): the builder
is a method of the layer, self.build_model. Once nothing else needs the decorator the
method's model becomes an attribute made in __init__ (the guide's advice for new code),
and TF1's names for the weights of the functional model it makes (its layers' names)
go into the name map. Methods tf1to2 cannot follow there say why."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables, get_or_create_layer


# The TF1 original of NestedModel (what the numeric check builds in a TF1 graph): the
# guide's build_model, called where the model is built. (Without the guide's
# kernel_regularizer: TF1's tf.keras kept a Keras layer's regularization loss out of the
# graph's collection, which is what the check reads on the TF1 side.)
def nested_model(inputs, units=10):
    inp = tf.keras.Input(shape=(5, 5))
    dense_layer = tf.keras.layers.Dense(
        units, name="dense", kernel_initializer=tf.compat.v1.ones_initializer())
    model = tf.keras.Model(inputs=inp, outputs=dense_layer(inp))
    return model(inputs)


def head_block(inputs, units=3):
    with tf.compat.v1.variable_scope("head_block"):
        return tf.keras.Sequential([tf.keras.layers.Dense(4, name="hidden"),
                                    tf.keras.layers.Dense(units, name="out")], name="block")(inputs)


class NestedModel(tf.keras.Model):

  def __init__(self, units, *args, **kwargs):
    super().__init__(*args, **kwargs)
    self.units = units

  def build_model(self):
    inp = tf.keras.Input(shape=(5, 5))
    dense_layer = tf.keras.layers.Dense(
        self.units, name="dense", kernel_initializer=tf.compat.v1.ones_initializer())
    model = tf.keras.Model(inputs=inp, outputs=dense_layer(inp))
    return model

  @tf.compat.v1.keras.utils.track_tf1_style_variables
  def call(self, inputs):
    # Get or create a nested model without assigning it as an explicit property
    model = tf.compat.v1.keras.utils.get_or_create_layer(
        "dense_model", self.build_model)
    return model(inputs)


class HeadBlock(tf.keras.layers.Layer):
    """A Sequential returned directly, under a variable scope: its TF1 name is the scope's
    and its own, as a lambda's would be; no __init__ (one is written)."""

    def make_block(self):
        return tf.keras.Sequential([tf.keras.layers.Dense(4, name="hidden"),
                                    tf.keras.layers.Dense(self.units, name="out")], name="block")

    @track_tf1_style_variables
    def call(self, inputs):
        with tf.compat.v1.variable_scope("head_block"):
            return get_or_create_layer("block", self.make_block)(inputs)

    units = 3


class Defaults(tf.keras.layers.Layer):
    """A builder whose other parameters have defaults: get_or_create_layer called it
    with none, and so does __init__."""

    def build_model(self, units=2, *, activation=None):
        return tf.keras.layers.Dense(units, activation=activation, name="defaults")

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer("defaults", self.build_model)(x)


class ComputedName(tf.keras.layers.Layer):
    """A name= computed at run time: what TF1 named it is not known here."""

    def build_model(self, name="computed"):
        return tf.keras.layers.Dense(2, name=name)

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer("computed", self.build_model)(x)


class TakesArguments(tf.keras.layers.Layer):
    def build_model(self, units):
        return tf.keras.layers.Dense(units, name="d")

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer("d", self.build_model)(x)


class ReadsTheCall(tf.keras.layers.Layer):
    """build_model reads self.width, which only call sets: __init__ cannot make it."""

    def build_model(self):
        return tf.keras.layers.Dense(self.width, name="d")

    @track_tf1_style_variables
    def call(self, x):
        self.width = x.shape[-1]
        return get_or_create_layer("d", self.build_model)(x)


class UnnamedInFunctional(tf.keras.layers.Layer):
    def build_model(self):
        inp = tf.keras.Input(shape=(3,))
        return tf.keras.Model(inp, tf.keras.layers.Dense(2)(inp))

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer("m", self.build_model)(x)


class NotKeras(tf.keras.layers.Layer):
    def build_model(self):
        return make_layer()

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer("m", self.build_model)(x)


class TF1Inside(tf.keras.layers.Layer):
    def build_model(self):
        scale = tf.compat.v1.get_variable("scale", [2])
        return lambda t: t * scale

    @track_tf1_style_variables
    def call(self, x):
        return get_or_create_layer("m", self.build_model)(x)


def make_layer():
    return tf.keras.layers.Dense(2)
