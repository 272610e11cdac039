"""TF1's Keras callbacks' arguments Keras 3 raises at: TensorBoard's logging settings it
dropped (write_grads, batch_size, ...) and ModelCheckpoint's period=1 (every epoch,
Keras 3's default) go; what the code must decide is said: another period (Keras 3's
save_freq counts batches), a file name Keras 3 refuses (a weights file not ending in
.weights.h5, a model file in neither .keras nor .h5)."""
import tensorflow as tf
from tensorflow.keras.callbacks import ModelCheckpoint, TensorBoard


def fixed(folder):
    return [
        ModelCheckpoint(folder + "/best.h5", save_best_only=True),
        TensorBoard(folder, histogram_freq=1),
        tf.keras.callbacks.TensorBoard(log_dir=folder,
                                       write_graph=True),
    ]


def warned(name):
    return [
        ModelCheckpoint("weights.{epoch:02d}.h5", save_weights_only=True),
        tf.keras.callbacks.ModelCheckpoint("ckpt.keras", period=5),
        ModelCheckpoint(filepath="model_dir"),
        ModelCheckpoint(name, save_weights_only=True),  # not known: left
    ]
