import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="mse")
sgd = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
legacy = tf.keras.optimizers.legacy.Adam() if hasattr(tf.keras.optimizers, "legacy") else None
