"""tf.contrib.data: the names tf.data.experimental has become its; the five it lacks
(sliding windows, batches dropping the remainder, the shape assertion, sloppy interleave)
become the shim's, however reached."""
import tensorflow as tf
from tensorflow.contrib.data import sliding_window_batch


def windows(dataset, batch_size, padded_shapes):
    dataset = dataset.apply(sliding_window_batch(window_size=5, window_shift=1))
    dataset = dataset.apply(tf.contrib.data.assert_element_shape(tf.TensorShape([5])))
    dataset = dataset.apply(tf.contrib.data.shuffle_and_repeat(100))
    dataset = dataset.apply(tf.contrib.data.padded_batch_and_drop_remainder(batch_size, padded_shapes))
    return dataset.apply(tf.contrib.data.batch_and_drop_remainder(2))


def files(pattern, read):
    return tf.data.Dataset.list_files(pattern).apply(tf.contrib.data.sloppy_interleave(read, cycle_length=4))
