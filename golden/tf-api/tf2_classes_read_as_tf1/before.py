"""Classes whose TF1 version differs from TF2's under the same name are read as TF1: the
spelling cannot tell TF2 code from TF1 code, and TF1 code may use their TF1-only members."""
import tensorflow as tf

data = tf.data.Dataset.from_tensor_slices([1, 2, 3]).batch(2)
iterator = data.make_one_shot_iterator()  # DatasetV1 only
ckpt = tf.train.Checkpoint(step=tf.Variable(0))
