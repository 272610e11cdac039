"""contrib's fused GRU cell and its cuDNN-compatible cells (Ludwig picks its cell class
by name, as here) become the shim's, with contrib's math and variable names; the cuDNN
layers themselves stay warned."""
import tensorflow as tf
from tensorflow.contrib import cudnn_rnn
from tensorflow.contrib.rnn import GRUBlockCellV2


def get_cell_fun(cell_type):
    if cell_type == "lstm_cudnn":
        cell_fn = tf.contrib.cudnn_rnn.CudnnCompatibleLSTMCell
    elif cell_type == "gru_block":
        cell_fn = tf.contrib.rnn.GRUBlockCell
    elif cell_type == "gru_cudnn":
        cell_fn = cudnn_rnn.CudnnCompatibleGRUCell
    else:
        cell_fn = GRUBlockCellV2
    return cell_fn


def fused(inputs, units):
    layer = tf.contrib.cudnn_rnn.CudnnGRU(1, units)
    return layer(inputs)
