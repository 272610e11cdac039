import tensorflow as tf


def defaults():
    return tf.train.FtrlOptimizer(0.1)


def custom():
    return tf.train.FtrlOptimizer(
        learning_rate=0.2,
        learning_rate_power=-0.7,
        initial_accumulator_value=0.5,
        l1_regularization_strength=0.001,
        l2_regularization_strength=0.002,
        l2_shrinkage_regularization_strength=0.003,
        beta=0.1,
    )


def positional():
    return tf.train.FtrlOptimizer(0.2, -0.7, 0.5, 0.001, 0.002, False, "Ftrl", None, None, 0.003, None)


def slot_names():
    return tf.train.FtrlOptimizer(0.1, accum_name="acc", linear_name="lin")
