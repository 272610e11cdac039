"""tf.contrib.data: the names tf.data.experimental has become its; the five it lacks
(sliding windows, batches dropping the remainder, the shape assertion, sloppy interleave)
become the shim's, however reached."""
import tensorflow as tf
from tf1to2.contrib_data import sliding_window_batch
import tf1to2.contrib_data


def windows(dataset, batch_size, padded_shapes):
    dataset = dataset.apply(sliding_window_batch(window_size=5, window_shift=1))
    dataset = dataset.apply(tf1to2.contrib_data.assert_element_shape(tf.TensorShape([5])))
    dataset = dataset.apply(tf.compat.v1.data.experimental.shuffle_and_repeat(100))
    dataset = dataset.apply(tf1to2.contrib_data.padded_batch_and_drop_remainder(batch_size, padded_shapes))
    return dataset.apply(tf1to2.contrib_data.batch_and_drop_remainder(2))


def files(pattern, read):
    return tf.compat.v1.data.Dataset.list_files(pattern).apply(tf1to2.contrib_data.sloppy_interleave(read, cycle_length=4))
