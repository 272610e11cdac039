"""A module that imports TF1's RNN cells only for other modules to import from it
(nothing here reads them): under Keras 3 these imports raise, so they are made from the
shim, as imports of cells that are read are."""
from tensorflow.compat.v1.nn.rnn_cell import LSTMCell, GRUCell  # re-exported
from tensorflow.compat.v1.nn import (
    rnn_cell as cells,
)
import tensorflow.compat.v1.nn.rnn_cell as rc
