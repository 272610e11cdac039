"""Classes whose TF1 version differs from TF2's under the same name are read as TF1: the
spelling cannot tell TF2 code from TF1 code, and TF1 code may use their TF1-only members."""
import tensorflow as tf

data = tf.compat.v1.data.Dataset.from_tensor_slices([1, 2, 3]).batch(2)
iterator = data.make_one_shot_iterator()  # DatasetV1 only
ckpt = tf.compat.v1.train.Checkpoint(step=tf.compat.v1.Variable(0))
