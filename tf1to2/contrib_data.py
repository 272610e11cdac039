"""What ``tf.contrib.data`` had that TensorFlow 2.21 has under no name: five dataset
transformations TF1 code applies with ``dataset.apply(...)``, written for this shim to
do what contrib's did with ``tf.data``'s own methods. (contrib.data's other names are
``tf.data.experimental``'s, which stage 0 writes.)

* ``batch_and_drop_remainder(batch_size)``: ``batch(batch_size, drop_remainder=True)``;
* ``padded_batch_and_drop_remainder(batch_size, padded_shapes, padding_values=None)``:
  ``padded_batch(..., drop_remainder=True)``;
* ``sliding_window_batch(window_size, stride=None, window_shift=None, window_stride=1)``:
  full windows of ``window_size`` elements, each ``window_shift`` (or its old name
  ``stride``; 1 by default) after the last, their elements ``window_stride`` apart, each
  batched (the incomplete last windows dropped);
* ``assert_element_shape(expected_shapes)``: each element checked against the shapes
  (statically where known, and when run), and given them;
* ``sloppy_interleave(map_func, cycle_length, block_length=1)``:
  ``parallel_interleave(..., sloppy=True)``.

``tests/shim/keras3_checks.py`` checks each on small datasets against what TF1's
documentation says they give. Imports TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

import tensorflow as tf

__all__ = ["batch_and_drop_remainder", "padded_batch_and_drop_remainder", "sliding_window_batch",
           "assert_element_shape", "sloppy_interleave"]


def _element(parts):
    """What ``map`` / ``flat_map`` passed as separate arguments, as the element's structure
    again (a tuple's items come one by one, anything else whole)."""
    return parts[0] if len(parts) == 1 else parts


def batch_and_drop_remainder(batch_size):
    """Batches of ``batch_size`` elements; a last, smaller one is dropped."""
    return lambda dataset: dataset.batch(batch_size, drop_remainder=True)


def padded_batch_and_drop_remainder(batch_size, padded_shapes, padding_values=None):
    """Padded batches of ``batch_size`` elements; a last, smaller one is dropped."""
    return lambda dataset: dataset.padded_batch(batch_size, padded_shapes, padding_values, drop_remainder=True)


def sliding_window_batch(window_size, stride=None, window_shift=None, window_stride=1):
    """Full windows of ``window_size`` elements, each batched: the next window starts
    ``window_shift`` (TF1's ``stride``, deprecated) elements after the last, its elements
    ``window_stride`` apart."""
    if stride is not None and window_shift is not None:
        raise ValueError("Cannot specify both `stride` and `window_shift`")
    shift = window_shift if window_shift is not None else (stride if stride is not None else 1)

    def batched(*parts):
        return tf.data.Dataset.zip(tf.nest.map_structure(lambda w: w.batch(window_size), _element(parts)))

    return lambda dataset: dataset.window(window_size, shift=shift, stride=window_stride,
                                          drop_remainder=True).flat_map(batched)


def assert_element_shape(expected_shapes):
    """Each element checked against ``expected_shapes`` (read along the element's
    structure, as TF1's did: ``[None, 2]`` is one shape for one tensor), at once where
    the shapes are known and when run, and given those shapes."""
    from tensorflow.python.util import nest

    def apply(dataset):
        shapes = tf.compat.v1.data.get_output_shapes(dataset)
        flat = [tf.TensorShape(s) for s in nest.flatten_up_to(shapes, expected_shapes)]
        for have, want in zip(tf.nest.flatten(shapes), flat):
            if not have.is_compatible_with(want):
                raise ValueError(f"Invalid shape: {have} is not compatible with {want}")

        def check(*parts):
            element = _element(parts)
            checked = [tf.ensure_shape(t, want) for t, want in zip(tf.nest.flatten(element), flat)]
            return tf.nest.pack_sequence_as(element, checked)

        return dataset.map(check)

    return apply


def sloppy_interleave(map_func, cycle_length, block_length=1):
    """``parallel_interleave`` with ``sloppy=True``: elements in whatever order they are
    ready."""
    return tf.compat.v1.data.experimental.parallel_interleave(map_func, cycle_length, block_length=block_length,
                                                              sloppy=True)
