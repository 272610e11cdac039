import tensorflow as tf

# tf.Session() and tf.layers.dense in a comment stay as they are
DOC = "tf.train.AdamOptimizer(0.1) in a string stays"
NAME = f"{tf.float32.name}: tf.log"
x = tf.constant(1.0)  # tf.placeholder
