"""TF1's tf.keras under its private name, as DeepCTR imports it. In TF 2.21
``tensorflow.python.keras`` is a frozen copy of TF1's Keras that is neither tf.keras
(Keras 3) nor tf-keras: its layers do not mix with tf.keras models, and it lacks names
TF1's had (``LSTM``, which fails at import). Every such import is warned at its line
(by name, whole, as a module, starred); other private modules are left as before."""
import tensorflow as tf
import tensorflow.python.keras.backend as K
from tensorflow.python.keras import backend
from tensorflow.python.keras.layers import LSTM, Lambda, Layer
from tensorflow.python.keras.initializers import (Zeros, glorot_normal)
from tensorflow.python.keras.regularizers import *
from tensorflow.python.ops import math_ops


class Interaction(Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(int(input_shape[-1]), 1),
                                      initializer=glorot_normal(seed=1))
        super(Interaction, self).build(input_shape)

    def call(self, x):
        return math_ops.reduce_sum(K.dot(x, self.kernel), axis=1) + backend.epsilon()
