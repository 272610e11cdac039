"""The checkpoint migration guide's conversion tools (its code cells, as the tf-api stage
leaves them): they make variables only to copy values, and stay functions, with nothing said
(they run as they are)."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1
from tensorflow.compat.v1.train import NewCheckpointReader
from tf1to2 import track_tf1_style_variables


def convert_tf1_to_tf2(checkpoint_path, output_prefix):
    """Converts a TF1 checkpoint to TF2."""
    vars = {}
    reader = tf.compat.v1.train.load_checkpoint(checkpoint_path)
    dtypes = reader.get_variable_to_dtype_map()
    for key in dtypes.keys():
        vars[key] = tf.compat.v1.Variable(reader.get_tensor(key))
    return tf.compat.v1.train.Checkpoint(vars=vars).save(output_prefix)


def convert_tf2_to_tf1(checkpoint_path, output_prefix):
    """Converts a TF2 checkpoint to TF1."""
    vars = {}
    reader = tf.compat.v1.train.load_checkpoint(checkpoint_path)
    dtypes = reader.get_variable_to_dtype_map()
    for key in dtypes.keys():
        if key.startswith('var_list/'):
            var_name = key.split('/')[1]
            var_name = var_name.replace('.S', '/')
            vars[var_name] = tf.compat.v1.Variable(reader.get_tensor(key))
    return tf1.train.Saver(var_list=vars).save(sess=None, save_path=output_prefix)


def copy_weights(checkpoint_path, names):
    reader = NewCheckpointReader(checkpoint_path)
    return [tf1.get_variable(n, initializer=reader.get_tensor(n)) for n in names]


class Dense(tf.keras.layers.Layer):
    """A model function beside them: it becomes a layer."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, x):
        w = tf1.get_variable("w", [x.shape[-1], self.units])
        return tf.matmul(x, w)
