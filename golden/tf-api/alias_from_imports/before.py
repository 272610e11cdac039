"""Names imported from TensorFlow modules: the import is rewritten, the uses are not."""
from tensorflow import float32, nn, placeholder_with_default
from tensorflow import train as training
from tensorflow.train import AdamOptimizer, Saver
from tensorflow.nn import relu
from tensorflow import (
    layers,  # a module TF2 lacks
    variable_scope,
)
from tensorflow.distribute import get_strategy  # a kept name TF 2.21 cannot import from here


def build(x):
    with variable_scope("net"):
        y = layers.dense(relu(x), 4)
        y = nn.softmax(y, dim=-1)
        return y, AdamOptimizer(0.1), training.get_or_create_global_step(), Saver, float32, get_strategy
