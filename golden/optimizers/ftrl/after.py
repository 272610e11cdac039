import tensorflow as tf


def defaults():
    return tf.keras.optimizers.Ftrl(learning_rate=0.1)


def custom():
    return tf.keras.optimizers.Ftrl(
        learning_rate=0.2,
        learning_rate_power=-0.7,
        initial_accumulator_value=0.5,
        l1_regularization_strength=0.001,
        l2_regularization_strength=0.002,
        l2_shrinkage_regularization_strength=0.003,
        beta=0.1,
    )


def positional():
    return tf.keras.optimizers.Ftrl(learning_rate=0.2, learning_rate_power=-0.7, initial_accumulator_value=0.5, l1_regularization_strength=0.001, l2_regularization_strength=0.002, name="Ftrl", l2_shrinkage_regularization_strength=0.003)


def slot_names():
    return tf.keras.optimizers.Ftrl(learning_rate=0.1)
