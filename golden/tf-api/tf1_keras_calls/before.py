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


def build(steps=4, features=3):
    inputs = tf.keras.Input((steps, features))
    h = tf.keras.layers.LSTM(5, return_sequences=True)(inputs)
    h = layers.GRU(4, activation="tanh", return_sequences=True)(h)
    g = GRU(3,
            return_sequences=True,
            reset_after=True)(inputs)
    h = tf.keras.layers.concatenate([h, g])
    h = tf.keras.layers.RNN(tf.keras.layers.GRUCell(4), return_sequences=True)(h)
    h = keras.layers.RNN(keras.layers.LSTMCell(3))(h)
    images = tf.keras.layers.Reshape((steps, 1, 1, features))(inputs)
    c = tf.keras.layers.ConvLSTM2D(2, (1, 1), padding="same")(images)
    c = tf.keras.layers.Flatten()(c)
    h = tf.keras.layers.concatenate([h, c, LSTM(2, 'tanh', 'sigmoid')(inputs)])
    h = keras.layers.Dense(6, activation='hard_sigmoid',
                           kernel_regularizer=tf.keras.regularizers.l1_l2())(h)
    h = tf.keras.layers.Activation("hard_sigmoid")(h * 4.0 - 2.0)
    h = tf.keras.layers.Lambda(lambda t: tf.keras.activations.hard_sigmoid(t * 6.0 - 3.0) + K.hard_sigmoid(t))(h)
    out = tf.keras.layers.Dense(2, kernel_regularizer=tf.keras.regularizers.l1_l2(l2=0.1))(h)
    return tf.keras.Model(inputs, out)


def optimizer(kind):
    if kind == "sgd":
        return tf.keras.optimizers.SGD(lr=0.1, momentum=0.9, decay=0.05)
    if kind == "adam":
        return optimizers.Adam(0.05, decay=0.1)
    if kind == "sgd_default_rate":
        return SGD(decay=0.5)
    if kind == "rmsprop":
        return tf.keras.optimizers.RMSprop(lr=0.01, decay=0.0)
    if kind == "rmsprop_decay":
        return optimizers.RMSprop(0.02, 0.8, decay=0.2)
    if kind == "rmsprop_momentum":
        return optimizers.RMSprop(0.01, momentum=0.5)  # Keras 3's, which is TF1's with momentum
    if kind == "nadam":
        return tf.keras.optimizers.Nadam(lr=0.01)
    return kind  # a name model.compile reads


def compile_by_name(model, name):
    if name == "rmsprop":
        model.compile(optimizer="rmsprop", loss="mse")
    elif name == "Nadam":
        model.compile('Nadam', "mse")
    else:
        model.compile(optimizer=name, loss="mse")  # adam: the same in both


def fit_by_generator(model, batches):
    def repeated():
        while True:
            for x, y in batches:
                yield x, y

    model.fit_generator(repeated(), 3, epochs=2, verbose=0,
                        workers=1, use_multiprocessing=False)
    model.fit(batches[0][0], batches[0][1], epochs=1, verbose=0, workers=2, max_queue_size=4)
    loss = model.evaluate_generator(repeated(), steps=3)
    return loss, model.predict_generator(repeated(), 2)


def classifier(outputs):
    return tf.keras.Sequential([tf.keras.layers.Dense(outputs, input_shape=(3,),
                                                      activation="softmax" if outputs > 1 else "sigmoid")])


def classes(model, x):
    return model.predict_classes(x, batch_size=2), model.predict_proba(x)


def kept(settings):
    unknown = tf.keras.layers.LSTM(3, **settings)  # warned
    settings["model"].fit_generator(*settings["data"])  # warned
    cell_class = tf.keras.layers.GRUCell  # warned: called elsewhere
    return unknown, cell_class, tf.keras.optimizers.RMSprop(1.0, 0.9, 0.5)
