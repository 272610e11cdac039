"""``tf.contrib.lookup`` on TensorFlow 2.21, which has no contrib. Most of it was
TensorFlow's own lookup module re-exported, and TensorFlow 2.21 still has every one of
those objects, in its private ``lookup_ops`` (five are public too: stage 0 writes their
``tf.compat.v1.lookup`` names, and this module has them as well); the rest is contrib's
own, written for this shim to do what contrib's did:

* ``HashTable(initializer, default_value, shared_name=None, name=None)``: TensorFlow's
  static hash table with contrib's arguments (``shared_name`` third; TF2's table takes
  no ``shared_name``, the shim hands it on to the table's op) and its ``init``;
* ``index_table_from_tensor(mapping, ...)`` and ``index_to_string_table_from_tensor
  (mapping, ...)``: TensorFlow's functions, whose first argument is ``vocabulary_list``
  there;
* ``string_to_index``, ``index_to_string`` (a table built and looked up at once), and
  ``string_to_index_table_from_file`` / ``_from_tensor`` (strings only).

``tests/shim/keras3_checks.py`` checks each against the same lookups by hand, eagerly and
in a TF1 graph. Imports TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

import tensorflow as tf
from tensorflow.python.ops import lookup_ops as _ops

__all__ = [
    # TensorFlow's own objects, as contrib re-exported them
    "FastHashSpec", "HasherSpec", "IdTableWithHashBuckets", "index_table_from_file",
    "index_to_string_table_from_file", "InitializableLookupTableBase", "InitializableLookupTableBaseV1",
    "KeyValueTensorInitializer", "LookupInterface", "StrongHashSpec", "TableInitializerBase",
    "TextFileIdTableInitializer", "TextFileIndex", "TextFileInitializer", "TextFileStringTableInitializer",
    "MutableHashTable", "MutableDenseHashTable",
    # contrib's own
    "HashTable", "index_table_from_tensor", "index_to_string_table_from_tensor", "string_to_index",
    "index_to_string", "string_to_index_table_from_file", "string_to_index_table_from_tensor",
]

FastHashSpec = _ops.FastHashSpec
HasherSpec = _ops.HasherSpec
IdTableWithHashBuckets = _ops.IdTableWithHashBuckets
index_table_from_file = _ops.index_table_from_file
index_to_string_table_from_file = _ops.index_to_string_table_from_file
InitializableLookupTableBase = _ops.InitializableLookupTableBase
InitializableLookupTableBaseV1 = _ops.InitializableLookupTableBaseV1
KeyValueTensorInitializer = _ops.KeyValueTensorInitializer
LookupInterface = _ops.LookupInterface
StrongHashSpec = _ops.StrongHashSpec
TableInitializerBase = _ops.TableInitializerBase
TextFileIdTableInitializer = _ops.TextFileIdTableInitializer
TextFileIndex = _ops.TextFileIndex
TextFileInitializer = _ops.TextFileInitializer
TextFileStringTableInitializer = _ops.TextFileStringTableInitializer
MutableHashTable = _ops.MutableHashTable
MutableDenseHashTable = _ops.DenseHashTable


class HashTable(_ops.HashTable):
    """contrib's ``HashTable``: keys and values from ``initializer`` (run by
    ``tables_initializer()`` or ``table.init`` in a graph, at once eagerly), ``default_value``
    for a missing key; with ``shared_name``, the table's op is shared under that name
    across sessions, as in TF1."""

    def __init__(self, initializer, default_value, shared_name=None, name=None):
        self._tf1to2_shared_name = shared_name
        super().__init__(initializer, default_value, name=name)

    def _create_resource(self):
        if self._tf1to2_shared_name:
            self._shared_name = self._tf1to2_shared_name
        return super()._create_resource()


def index_table_from_tensor(mapping, num_oov_buckets=0, default_value=-1, hasher_spec=FastHashSpec,
                            dtype=tf.string, name=None):
    """A table from each key of ``mapping`` (1-D) to its index (int64); a key not in it
    gets ``default_value``, or one of ``num_oov_buckets`` buckets after the vocabulary by
    its hash."""
    if mapping is None:
        raise ValueError("mapping must be specified.")
    return _ops.index_table_from_tensor(vocabulary_list=mapping, num_oov_buckets=num_oov_buckets,
                                        default_value=default_value, hasher_spec=hasher_spec, dtype=dtype,
                                        name=name)


def index_to_string_table_from_tensor(mapping, default_value="UNK", name=None):
    """A table from each index (int64) to its string in ``mapping``; ``default_value``
    for an index outside it."""
    if mapping is None:
        raise ValueError("mapping must be specified.")
    return _ops.index_to_string_table_from_tensor(vocabulary_list=mapping, default_value=default_value, name=name)


def string_to_index(tensor, mapping, default_value=-1, name=None):
    """``tensor``'s strings as their indices in ``mapping`` (``default_value`` for the
    others): ``index_table_from_tensor(mapping).lookup(tensor)``."""
    return index_table_from_tensor(mapping=mapping, default_value=default_value, name=name).lookup(tensor)


def index_to_string(tensor, mapping, default_value="UNK", name=None):
    """``tensor``'s indices as their strings in ``mapping`` (``default_value`` outside it):
    ``index_to_string_table_from_tensor(mapping).lookup(tensor)``."""
    return index_to_string_table_from_tensor(mapping=mapping, default_value=default_value, name=name).lookup(tensor)


def string_to_index_table_from_file(vocabulary_file=None, num_oov_buckets=0, vocab_size=None, default_value=-1,
                                    hasher_spec=FastHashSpec, name=None):
    """``index_table_from_file`` for string keys."""
    return index_table_from_file(vocabulary_file, num_oov_buckets, vocab_size, default_value, hasher_spec,
                                 key_dtype=tf.string, name=name)


def string_to_index_table_from_tensor(mapping, num_oov_buckets=0, default_value=-1, hasher_spec=FastHashSpec,
                                      name=None):
    """``index_table_from_tensor`` for a mapping of strings (anything else raises)."""
    with tf.name_scope(name or "string_to_index") as scope:
        mapping = tf.convert_to_tensor(mapping)
    if mapping.dtype.base_dtype != tf.string:
        raise ValueError("string_to_index_table_from_tensor requires string.")
    return index_table_from_tensor(mapping, num_oov_buckets, default_value, hasher_spec, name=scope)
