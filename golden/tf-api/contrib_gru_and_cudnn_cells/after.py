"""contrib's fused GRU cell and its cuDNN-compatible cells (Ludwig picks its cell class
by name, as here) become the shim's, with contrib's math and variable names; the cuDNN
layers themselves stay warned."""
import tensorflow as tf
from tf1to2.contrib_rnn import GRUBlockCellV2
import tf1to2.contrib_cudnn_rnn
import tf1to2.contrib_rnn


def get_cell_fun(cell_type):
    if cell_type == "lstm_cudnn":
        cell_fn = tf1to2.contrib_cudnn_rnn.CudnnCompatibleLSTMCell
    elif cell_type == "gru_block":
        cell_fn = tf1to2.contrib_rnn.GRUBlockCell
    elif cell_type == "gru_cudnn":
        cell_fn = tf1to2.contrib_cudnn_rnn.CudnnCompatibleGRUCell
    else:
        cell_fn = GRUBlockCellV2
    return cell_fn


def fused(inputs, units):
    layer = tf.contrib.cudnn_rnn.CudnnGRU(1, units)
    return layer(inputs)
