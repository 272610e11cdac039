"""A module that imports TF1's RNN cells only for other modules to import from it
(nothing here reads them): under Keras 3 these imports raise, so they are made from the
shim, as imports of cells that are read are."""
from tf1to2.rnn_cell import LSTMCell, GRUCell  # re-exported
from tf1to2 import (
    rnn_cell as cells,
)
import tf1to2.rnn_cell as rc
