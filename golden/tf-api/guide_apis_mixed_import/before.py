"""An import that brings the guide's decorator together with tf-keras utilities the shim
does not have: left, with a warning saying how to split it."""
from tensorflow.compat.v1.keras.utils import track_tf1_style_variables, to_categorical
