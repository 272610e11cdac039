"""tf.contrib.lookup: the names TensorFlow 2 has public become tf.compat.v1.lookup's, the
rest (TensorFlow's own objects it keeps private, contrib's HashTable and its mapping=
functions) the shim's, however reached."""
import tensorflow as tf
from tensorflow.contrib import lookup
from tensorflow.contrib.lookup import index_table_from_file, KeyValueTensorInitializer as KVInit
import tensorflow.contrib.lookup as tcl


def label_table(keys, values):
    return tf.contrib.lookup.HashTable(
        tf.contrib.lookup.KeyValueTensorInitializer(keys, values), -1)


def vocabularies(path, words):
    source = index_table_from_file(path, num_oov_buckets=1)
    target = lookup.index_table_from_tensor(mapping=tf.constant(words), default_value=0)
    reverse = tcl.index_to_string_table_from_tensor(words, default_value="<unk>")
    return source, target, reverse, lookup.HashTable(KVInit(words, tf.range(3)), -1, shared_name="words")


def counts():
    return (tf.contrib.lookup.MutableHashTable(tf.string, tf.int64, -1),
            tcl.MutableDenseHashTable(tf.int64, tf.int64, 0, empty_key=-1, deleted_key=-2),
            tf.contrib.lookup.index_to_string(tf.constant([1, 5], tf.int64), mapping=tf.constant(["a", "b"])))
