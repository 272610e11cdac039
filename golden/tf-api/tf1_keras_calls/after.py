"""TF1's tf.keras calls that Keras 3 computes otherwise under the same names: recurrent
layers' defaults (recurrent_activation='hard_sigmoid', GRU's reset_after=False),
hard_sigmoid itself (TF1's 0.2 x + 0.5), optimizers' lr= and decay=, l1_l2()'s defaults,
RMSprop's and Nadam's updates, and the Model methods and arguments Keras 3 lacks.
In TF1 code each is written out as TF1 computed it; with arguments not known (**kwargs),
or a class taken as a value, they are left and said (TF2 code: tf2_keras_recurrent)."""
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import backend as K
from tensorflow.keras import layers, optimizers
from tensorflow.keras.layers import GRU, LSTM
from tensorflow.keras.optimizers import SGD
import tf1to2
import tf1to2.keras_optimizers


def build(steps=4, features=3):
    inputs = tf.keras.Input((steps, features))
    h = tf.keras.layers.LSTM(5, return_sequences=True, recurrent_activation=tf1to2.hard_sigmoid)(inputs)
    h = layers.GRU(4, activation="tanh", return_sequences=True, recurrent_activation=tf1to2.hard_sigmoid, reset_after=False)(h)
    g = GRU(3,
            return_sequences=True,
            reset_after=True,
            recurrent_activation=tf1to2.hard_sigmoid)(inputs)
    h = tf.keras.layers.concatenate([h, g])
    h = tf.keras.layers.RNN(tf.keras.layers.GRUCell(4, recurrent_activation=tf1to2.hard_sigmoid, reset_after=False), return_sequences=True)(h)
    h = keras.layers.RNN(keras.layers.LSTMCell(3, recurrent_activation=tf1to2.hard_sigmoid))(h)
    images = tf.keras.layers.Reshape((steps, 1, 1, features))(inputs)
    c = tf.keras.layers.ConvLSTM2D(2, (1, 1), padding="same", recurrent_activation=tf1to2.hard_sigmoid)(images)
    c = tf.keras.layers.Flatten()(c)
    h = tf.keras.layers.concatenate([h, c, LSTM(2, 'tanh', 'sigmoid')(inputs)])
    h = keras.layers.Dense(6, activation=tf1to2.hard_sigmoid,
                           kernel_regularizer=tf.keras.regularizers.l1_l2(l1=0.01, l2=0.01))(h)
    h = tf.keras.layers.Activation(tf1to2.hard_sigmoid)(h * 4.0 - 2.0)
    h = tf.keras.layers.Lambda(lambda t: tf1to2.hard_sigmoid(t * 6.0 - 3.0) + K.hard_sigmoid(t))(h)
    out = tf.keras.layers.Dense(2, kernel_regularizer=tf.keras.regularizers.l1_l2(l2=0.1, l1=0.01))(h)
    return tf.keras.Model(inputs, out)


def optimizer(kind):
    if kind == "sgd":
        return tf.keras.optimizers.SGD(learning_rate=tf.keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=1, decay_rate=0.05), momentum=0.9)
    if kind == "adam":
        return optimizers.Adam(optimizers.schedules.InverseTimeDecay(0.05, decay_steps=1, decay_rate=0.1))
    if kind == "sgd_default_rate":
        return SGD(learning_rate=tf.keras.optimizers.schedules.InverseTimeDecay(0.01, decay_steps=1, decay_rate=0.5))
    if kind == "rmsprop":
        return tf1to2.keras_optimizers.RMSprop(learning_rate=0.01)
    if kind == "rmsprop_decay":
        return tf1to2.keras_optimizers.RMSprop(optimizers.schedules.InverseTimeDecay(0.02, decay_steps=1, decay_rate=0.2), 0.8)
    if kind == "rmsprop_momentum":
        return optimizers.RMSprop(0.01, momentum=0.5)  # Keras 3's, which is TF1's with momentum
    if kind == "nadam":
        return tf1to2.keras_optimizers.Nadam(learning_rate=0.01)
    return kind  # a name model.compile reads


def compile_by_name(model, name):
    if name == "rmsprop":
        model.compile(optimizer=tf1to2.keras_optimizers.RMSprop(), loss="mse")
    elif name == "Nadam":
        model.compile(tf1to2.keras_optimizers.Nadam(), "mse")
    else:
        model.compile(optimizer=name, loss="mse")  # adam: the same in both


def fit_by_generator(model, batches):
    def repeated():
        while True:
            for x, y in batches:
                yield x, y

    model.fit(repeated(), steps_per_epoch=3, epochs=2, verbose=0)
    model.fit(batches[0][0], batches[0][1], epochs=1, verbose=0)
    loss = model.evaluate(repeated(), steps=3)
    return loss, model.predict(repeated(), steps=2)


def classifier(outputs):
    return tf.keras.Sequential([tf.keras.layers.Dense(outputs, input_shape=(3,),
                                                      activation="softmax" if outputs > 1 else "sigmoid")])


def classes(model, x):
    return tf1to2.predict_classes(model, x, batch_size=2), model.predict(x)


def kept(settings):
    unknown = tf.keras.layers.LSTM(3, **settings)  # warned
    settings["model"].fit_generator(*settings["data"])  # warned
    cell_class = tf.keras.layers.GRUCell  # warned: called elsewhere
    return unknown, cell_class, tf.keras.optimizers.RMSprop(1.0, 0.9, 0.5)
