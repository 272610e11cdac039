"""TF1's functional layers (``tf.compat.v1.layers.dense`` and the rest) on any Keras.

``tf.compat.v1.layers`` exists only with tf-keras and ``TF_USE_LEGACY_KERAS=1``; under
TensorFlow 2.21's default Keras 3 it raises. These are the same functions, written on
``tf.compat.v1.get_variable`` and ``tf.compat.v1.variable_scope``, so that in a method
decorated with ``tf1to2.track_tf1_style_variables`` they create and reuse the same
variables under either Keras, and in a TF1 graph they are what the v1 layers were:

- the same variable names: a layer opens ``variable_scope(name, default_name=<its
  base name>)`` as TF1's layers did (``dense``, ``dense_1``, ``model/conv2d/kernel``;
  ``name=`` and ``reuse=`` as in TF1);
- the same shapes, initializers (``get_variable``'s Glorot-uniform default for kernels,
  zeros for biases, ones/zeros for batch norm) and regularizers (in ``layer.losses``
  under the shim, in the regularization collection in a TF1 graph);
- the same arithmetic (``tf.nn.convolution``, ``tensordot`` for dense on rank > 2,
  channels-first handling, ``deconv`` output lengths);
- ``training`` as TF1 took it (a Python bool or a boolean tensor); batch normalization
  normalizes with the batch's (biased) moments in training and moves its averages
  (``moving -= (moving - batch) * (1 - momentum)``) when it runs, in eager mode, and
  puts those updates in ``UPDATE_OPS`` in a TF1 graph, as TF1 did (with the unbiased
  batch variance where TF1 used its fused kernel).

The layer classes (``Dense``, ``Conv2D``, ``BatchNormalization``, ...) are TF1's layer
objects on the same functions: built with the class' arguments, they take their
variable scope name on the first call as the v1 objects did, and reuse their variables
on every later call. They are callables, not Keras layers: they have no ``kernel``,
``weights`` or ``losses`` of their own (the decorated layer that calls them has those).

What TF1's layers had that these refuse, with an error naming it: ``activity_regularizer``,
batch renormalization, ``virtual_batch_size``, ``adjustment``, partitioners.
"""
from __future__ import annotations

import inspect
import threading
from typing import Optional, Sequence, Union

import tensorflow as tf

v1 = tf.compat.v1

__all__ = [
    "dense", "dropout", "flatten", "batch_normalization",
    "conv1d", "conv2d", "conv3d", "conv2d_transpose", "conv3d_transpose",
    "separable_conv1d", "separable_conv2d",
    "max_pooling1d", "max_pooling2d", "max_pooling3d",
    "average_pooling1d", "average_pooling2d", "average_pooling3d",
]


# ------------------------------------------------------------------------- helpers
def _tuple(value, n: int, what: str) -> tuple:
    if isinstance(value, int):
        return (value,) * n
    value = tuple(value)
    if len(value) != n:
        raise ValueError(f"{what} must be an int or {n} ints, got {value}")
    return value


def _padding(padding: str) -> str:
    p = padding.lower()
    if p not in ("valid", "same", "causal"):
        raise ValueError(f"padding must be 'valid', 'same' or 'causal', got {padding!r}")
    return p


def _channels_first(data_format: str) -> bool:
    df = data_format.lower()
    if df not in ("channels_last", "channels_first"):
        raise ValueError(f"data_format must be 'channels_last' or 'channels_first', got {data_format!r}")
    return df == "channels_first"


def _tf_format(rank: int, first: bool) -> str:
    return {1: ("NWC", "NCW"), 2: ("NHWC", "NCHW"), 3: ("NDHWC", "NCDHW")}[rank][first]


def _refuse(activity_regularizer=None, **kwargs) -> None:
    if activity_regularizer is not None:
        raise NotImplementedError("tf1to2.layers: activity_regularizer is not supported; add the activity "
                                  "loss yourself (layer.add_loss) or keep tf.compat.v1.layers with tf-keras")
    for key, value in kwargs.items():
        if value:
            raise NotImplementedError(f"tf1to2.layers: {key} is not supported; keep tf.compat.v1.layers with tf-keras")


def _dtype(inputs) -> tf.DType:
    dtype = inputs.dtype.base_dtype
    return dtype if dtype.is_floating else tf.float32


_recording = threading.local()  # .into: the list a layer object's call gathers its variables in


def _variable(name, shape, dtype, initializer, regularizer, constraint, trainable):
    variable = v1.get_variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                               constraint=constraint, trainable=trainable)
    into = getattr(_recording, "into", None)
    if into is not None:  # created or reused: the layer object calling owns it
        into.append((name, variable))
    return variable


def _bias(outputs, bias, rank: int, first: bool, filters: int):
    if first and rank != 2:
        return outputs + tf.reshape(bias, (1, filters) + (1,) * rank)
    return tf.nn.bias_add(outputs, bias, data_format=_tf_format(rank, first) if rank == 2 else None)


def _activate(outputs, activation):
    return activation(outputs) if activation is not None else outputs


def _dim(shape, i):
    """Size ``i`` of a static shape, an int or None: TF1 behaviour
    (``disable_v2_behavior()``) gives ``Dimension`` objects, TF2 ints."""
    return tf.compat.dimension_value(shape[i])


def _static_or_dynamic(x, i):
    static = _dim(x.shape, i)
    return static if static is not None else tf.shape(x)[i]


def _known(training) -> Optional[bool]:
    """``training`` as a Python bool where it is known before the graph runs (a bool,
    None, a constant or an eager tensor), else None."""
    if isinstance(training, (bool, type(None))):
        return bool(training)
    value = tf.get_static_value(training)
    return None if value is None else bool(value)


def _cond(training, true_fn, false_fn):
    known = _known(training)
    if known is not None:
        return true_fn() if known else false_fn()
    return tf.cond(tf.cast(training, tf.bool), true_fn, false_fn)


# --------------------------------------------------------------------------- dense
def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True,
          name=None, reuse=None):
    """``tf.compat.v1.layers.dense``."""
    _refuse(activity_regularizer)
    inputs = tf.convert_to_tensor(inputs)
    dtype = _dtype(inputs)
    with v1.variable_scope(name, default_name="dense", reuse=reuse):
        last = _dim(inputs.shape, -1)
        if last is None:
            raise ValueError("The last dimension of the inputs to dense should be defined. Found None.")
        kernel = _variable("kernel", [last, units], dtype, kernel_initializer, kernel_regularizer,
                           kernel_constraint, trainable)
        bias = _variable("bias", [units], dtype, bias_initializer, bias_regularizer, bias_constraint,
                         trainable) if use_bias else None
        inputs = tf.cast(inputs, dtype)
        rank = inputs.shape.rank
        if rank == 2 or rank is None:
            outputs = tf.matmul(inputs, kernel)
        else:
            outputs = tf.tensordot(inputs, kernel, [[rank - 1], [0]])
            outputs.set_shape(inputs.shape[:-1].concatenate([units]))
        if bias is not None:
            outputs = tf.nn.bias_add(outputs, bias)
        return _activate(outputs, activation)


# ---------------------------------------------------------------------- convolution
class _Spec:
    """What every convolution form reads of its arguments alike."""

    def __init__(self, rank, inputs, kernel_size, strides, padding, data_format, activity_regularizer):
        _refuse(activity_regularizer)
        self.inputs = _of_rank(tf.convert_to_tensor(inputs), rank)
        self.dtype = _dtype(self.inputs)
        self.first = _channels_first(data_format)
        self.kernel_size = _tuple(kernel_size, rank, "kernel_size")
        self.strides = _tuple(strides, rank, "strides")
        self.padding = _padding(padding)

    def channels(self) -> int:
        channels = _dim(self.inputs.shape, 1 if self.first else -1)
        if channels is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found None.")
        return channels

    def bias(self, use_bias, filters, initializer, regularizer, constraint, trainable):
        return _variable("bias", [filters], self.dtype, initializer, regularizer, constraint,
                         trainable) if use_bias else None


def _conv(rank, base, inputs, filters, kernel_size, strides, padding, data_format, dilation_rate,
          activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
          bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, trainable,
          name, reuse):
    spec = _Spec(rank, inputs, kernel_size, strides, padding, data_format, activity_regularizer)
    first, kernel_size, strides, padding, dtype = spec.first, spec.kernel_size, spec.strides, spec.padding, spec.dtype
    dilation_rate = _tuple(dilation_rate, rank, "dilation_rate")
    with v1.variable_scope(name, default_name=base, reuse=reuse):
        kernel = _variable("kernel", list(kernel_size) + [spec.channels(), filters], dtype, kernel_initializer,
                           kernel_regularizer, kernel_constraint, trainable)
        bias = spec.bias(use_bias, filters, bias_initializer, bias_regularizer, bias_constraint, trainable)
        inputs = tf.cast(spec.inputs, dtype)
        if padding == "causal":  # conv1d only, as in TF1
            left = dilation_rate[0] * (kernel_size[0] - 1)
            pad = [[0, 0], [0, 0], [left, 0]] if first else [[0, 0], [left, 0], [0, 0]]
            inputs = tf.pad(inputs, pad)
        outputs = tf.nn.convolution(inputs, kernel, strides=list(strides),
                                    padding="VALID" if padding == "causal" else padding.upper(),
                                    dilations=list(dilation_rate), data_format=_tf_format(rank, first))
        if bias is not None:
            outputs = _bias(outputs, bias, rank, first, filters)
        return _activate(outputs, activation)


def conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
           dilation_rate=1, activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True,
           name=None, reuse=None):
    """``tf.compat.v1.layers.conv1d``."""
    return _conv(1, "conv1d", inputs, filters, kernel_size, strides, padding, data_format, dilation_rate,
                 activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                 bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, trainable, name, reuse)


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
           dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True,
           name=None, reuse=None):
    """``tf.compat.v1.layers.conv2d``."""
    return _conv(2, "conv2d", inputs, filters, kernel_size, strides, padding, data_format, dilation_rate,
                 activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                 bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, trainable, name, reuse)


def conv3d(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format="channels_last",
           dilation_rate=(1, 1, 1), activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True,
           name=None, reuse=None):
    """``tf.compat.v1.layers.conv3d``."""
    return _conv(3, "conv3d", inputs, filters, kernel_size, strides, padding, data_format, dilation_rate,
                 activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                 bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, trainable, name, reuse)


def _deconv_length(size, kernel, padding, stride, dilation):
    if size is None:
        return None
    kernel = kernel + (kernel - 1) * (dilation - 1)
    if padding == "valid":
        return size * stride + max(kernel - stride, 0)
    return size * stride


def _conv_transpose(rank, base, inputs, filters, kernel_size, strides, padding, data_format, activation,
                    use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
                    activity_regularizer, kernel_constraint, bias_constraint, trainable, name, reuse):
    spec = _Spec(rank, inputs, kernel_size, strides, padding, data_format, activity_regularizer)
    first, kernel_size, strides, padding, dtype = spec.first, spec.kernel_size, spec.strides, spec.padding, spec.dtype
    with v1.variable_scope(name, default_name=base, reuse=reuse):
        kernel = _variable("kernel", list(kernel_size) + [filters, spec.channels()], dtype, kernel_initializer,
                           kernel_regularizer, kernel_constraint, trainable)
        bias = spec.bias(use_bias, filters, bias_initializer, bias_regularizer, bias_constraint, trainable)
        inputs = tf.cast(spec.inputs, dtype)
        spatial = range(2, 2 + rank) if first else range(1, 1 + rank)
        sizes = [_deconv_length(_static_or_dynamic(inputs, i), k, padding, s, 1)
                 for i, k, s in zip(spatial, kernel_size, strides)]
        batch = _static_or_dynamic(inputs, 0)
        shape = [batch, filters, *sizes] if first else [batch, *sizes, filters]
        output_shape = tf.stack([tf.cast(d, tf.int32) for d in shape])
        fmt = _tf_format(rank, first)
        full_strides = [1, 1, *strides] if first else [1, *strides, 1]
        if rank == 2:
            outputs = tf.nn.conv2d_transpose(inputs, kernel, output_shape, full_strides, padding.upper(), data_format=fmt)
        else:
            outputs = tf.nn.conv3d_transpose(inputs, kernel, output_shape, full_strides, padding.upper(), data_format=fmt)
        outputs.set_shape([d if isinstance(d, int) else None for d in shape])
        if bias is not None:
            outputs = _bias(outputs, bias, rank, first, filters)
        return _activate(outputs, activation)


def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                     activation=None, use_bias=True, kernel_initializer=None, bias_initializer=tf.zeros_initializer(),
                     kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     kernel_constraint=None, bias_constraint=None, trainable=True, name=None, reuse=None):
    """``tf.compat.v1.layers.conv2d_transpose``."""
    return _conv_transpose(2, "conv2d_transpose", inputs, filters, kernel_size, strides, padding, data_format,
                           activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, trainable,
                           name, reuse)


def conv3d_transpose(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                     data_format="channels_last", activation=None, use_bias=True, kernel_initializer=None,
                     bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
                     activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True,
                     name=None, reuse=None):
    """``tf.compat.v1.layers.conv3d_transpose``."""
    return _conv_transpose(3, "conv3d_transpose", inputs, filters, kernel_size, strides, padding, data_format,
                           activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, trainable,
                           name, reuse)


def _separable(rank, base, inputs, filters, kernel_size, strides, padding, data_format, dilation_rate,
               depth_multiplier, activation, use_bias, depthwise_initializer, pointwise_initializer,
               bias_initializer, depthwise_regularizer, pointwise_regularizer, bias_regularizer,
               activity_regularizer, depthwise_constraint, pointwise_constraint, bias_constraint, trainable,
               name, reuse):
    spec = _Spec(rank, inputs, kernel_size, strides, padding, data_format, activity_regularizer)
    first, kernel_size, strides, padding, dtype = spec.first, spec.kernel_size, spec.strides, spec.padding, spec.dtype
    dilation_rate = _tuple(dilation_rate, rank, "dilation_rate")
    with v1.variable_scope(name, default_name=base, reuse=reuse):
        channels = spec.channels()
        depthwise = _variable("depthwise_kernel", list(kernel_size) + [channels, depth_multiplier], dtype,
                              depthwise_initializer, depthwise_regularizer, depthwise_constraint, trainable)
        pointwise = _variable("pointwise_kernel", [1] * rank + [channels * depth_multiplier, filters], dtype,
                              pointwise_initializer, pointwise_regularizer, pointwise_constraint, trainable)
        bias = spec.bias(use_bias, filters, bias_initializer, bias_regularizer, bias_constraint, trainable)
        inputs = tf.cast(spec.inputs, dtype)
        if rank == 1:  # TF1: a 2D separable convolution over an added axis
            if padding == "causal":
                left = dilation_rate[0] * (kernel_size[0] - 1)
                inputs = tf.pad(inputs, [[0, 0], [0, 0], [left, 0]] if first else [[0, 0], [left, 0], [0, 0]])
                padding = "valid"
            axis = 2 if first else 1
            x = tf.expand_dims(inputs, axis)
            dw = tf.expand_dims(depthwise, 0)
            pw = tf.expand_dims(pointwise, 0)
            st = [1, 1, 1, strides[0]] if first else [1, 1, strides[0], 1]
            outputs = tf.nn.separable_conv2d(x, dw, pw, strides=st, padding=padding.upper(),
                                             dilations=(1, dilation_rate[0]), data_format="NCHW" if first else "NHWC")
            outputs = tf.squeeze(outputs, [axis])
        else:
            st = [1, 1, *strides] if first else [1, *strides, 1]
            outputs = tf.nn.separable_conv2d(inputs, depthwise, pointwise, strides=st, padding=padding.upper(),
                                             dilations=dilation_rate, data_format=_tf_format(2, first))
        if bias is not None:
            outputs = _bias(outputs, bias, rank, first, filters)
        return _activate(outputs, activation)


def separable_conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                     dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=tf.zeros_initializer(), depthwise_regularizer=None,
                     pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None, trainable=True,
                     name=None, reuse=None):
    """``tf.compat.v1.layers.separable_conv1d``."""
    return _separable(1, "separable_conv1d", inputs, filters, kernel_size, strides, padding, data_format,
                      dilation_rate, depth_multiplier, activation, use_bias, depthwise_initializer,
                      pointwise_initializer, bias_initializer, depthwise_regularizer, pointwise_regularizer,
                      bias_regularizer, activity_regularizer, depthwise_constraint, pointwise_constraint,
                      bias_constraint, trainable, name, reuse)


def separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                     dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True,
                     depthwise_initializer=None, pointwise_initializer=None, bias_initializer=tf.zeros_initializer(),
                     depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                     activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    """``tf.compat.v1.layers.separable_conv2d``."""
    return _separable(2, "separable_conv2d", inputs, filters, kernel_size, strides, padding, data_format,
                      dilation_rate, depth_multiplier, activation, use_bias, depthwise_initializer,
                      pointwise_initializer, bias_initializer, depthwise_regularizer, pointwise_regularizer,
                      bias_regularizer, activity_regularizer, depthwise_constraint, pointwise_constraint,
                      bias_constraint, trainable, name, reuse)


# ------------------------------------------------------------------------- pooling
def _pool(rank, kind, inputs, pool_size, strides, padding, data_format):
    first = _channels_first(data_format)
    padding = _padding(padding)
    size = _tuple(pool_size, rank, "pool_size")
    strides = _tuple(strides, rank, "strides")
    fn = {"max": tf.nn.max_pool, "avg": tf.nn.avg_pool}[kind]
    return fn(_of_rank(tf.convert_to_tensor(inputs), rank), ksize=list(size), strides=list(strides),
              padding=padding.upper(), data_format=_tf_format(rank, first))


def _of_rank(inputs, rank: int):
    """``inputs``, which a ``rank``-D convolution or pooling takes as (batch, ``rank``
    spatial dimensions, channels), as TF1's layers required: TF2's ``tf.nn`` ops would
    take more leading dimensions as batch ones and compute something else."""
    found = inputs.shape.rank
    if found is not None and found != rank + 2:
        raise ValueError(f"Input 0 is incompatible with the layer: expected ndim={rank + 2}, found ndim={found}. "
                         f"Full shape received: {inputs.shape}")
    return inputs


def max_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """``tf.compat.v1.layers.max_pooling1d``."""
    return _pool(1, "max", inputs, pool_size, strides, padding, data_format)


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """``tf.compat.v1.layers.max_pooling2d``."""
    return _pool(2, "max", inputs, pool_size, strides, padding, data_format)


def max_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """``tf.compat.v1.layers.max_pooling3d``."""
    return _pool(3, "max", inputs, pool_size, strides, padding, data_format)


def average_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """``tf.compat.v1.layers.average_pooling1d``."""
    return _pool(1, "avg", inputs, pool_size, strides, padding, data_format)


def average_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """``tf.compat.v1.layers.average_pooling2d``."""
    return _pool(2, "avg", inputs, pool_size, strides, padding, data_format)


def average_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """``tf.compat.v1.layers.average_pooling3d``."""
    return _pool(3, "avg", inputs, pool_size, strides, padding, data_format)


# ------------------------------------------------------------ flatten, dropout, BN
def flatten(inputs, name=None, data_format="channels_last"):
    """``tf.compat.v1.layers.flatten``: batch kept, channels-first inputs flattened in
    channels-last order, as TF1 did."""
    inputs = tf.convert_to_tensor(inputs)
    rank = inputs.shape.rank
    if _channels_first(data_format) and rank is not None and rank > 1:
        inputs = tf.transpose(inputs, [0, *range(2, rank), 1])
    if rank == 1:
        return tf.expand_dims(inputs, 1)
    rest = inputs.shape[1:]
    width = rest.num_elements() if rest.is_fully_defined() else -1
    return tf.reshape(inputs, [_static_or_dynamic(inputs, 0), width] if width != -1 else [tf.shape(inputs)[0], -1])


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """``tf.compat.v1.layers.dropout``: drops only when ``training``."""
    inputs = tf.convert_to_tensor(inputs)
    return _cond(training, lambda: tf.nn.dropout(inputs, rate=rate, noise_shape=noise_shape, seed=seed),
                 lambda: tf.identity(inputs))


def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=tf.zeros_initializer(), gamma_initializer=tf.ones_initializer(),
                        moving_mean_initializer=tf.zeros_initializer(),
                        moving_variance_initializer=tf.ones_initializer(), beta_regularizer=None,
                        gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, training=False,
                        trainable=True, name=None, reuse=None, renorm=False, renorm_clipping=None,
                        renorm_momentum=0.99, fused=None, virtual_batch_size=None, adjustment=None):
    """``tf.compat.v1.layers.batch_normalization``. Where TF1 took its fused form (4D/5D
    inputs over axis 1 or the last, ``fused`` not False), this runs TF1's fused kernel
    (``fused_batch_norm``), so outputs agree to the last bit through deep nets, and the
    moving variance moves with the batch's unbiased variance, as it did in TF1; otherwise
    the plain form, with the biased one. The output is normalized with the biased one
    either way. Over several axes the variables have the inputs' rank (1 on the other
    axes), as TF1's did; with ``trainable=False`` a training call normalizes with the
    batch's moments but leaves the moving averages alone, as TF1's frozen layer did. On
    16-bit inputs (float16, bfloat16) the variables and the arithmetic are float32 and
    the output has the inputs' type, as in TF1 (mixed-precision models)."""
    _refuse(renorm=renorm, virtual_batch_size=virtual_batch_size, adjustment=adjustment)
    inputs = tf.convert_to_tensor(inputs)
    # 16-bit inputs: float32 variables and arithmetic (the fused kernel takes the 16-bit
    # inputs itself), the output in the inputs' type, as TF1's layer did
    half = inputs.dtype.base_dtype in (tf.float16, tf.bfloat16)
    dtype = tf.float32 if half else _dtype(inputs)
    rank = inputs.shape.rank
    if rank is None:
        raise ValueError("batch_normalization needs inputs of known rank")
    axes = [axis] if isinstance(axis, int) else list(axis)
    axes = sorted(a % rank for a in axes)
    if any(_dim(inputs.shape, a) is None for a in axes):
        raise ValueError(f"batch_normalization: axis {axis} of the inputs must have a known size")
    reduction = [i for i in range(rank) if i not in axes]
    broadcast = [_dim(inputs.shape, i) if i in axes else 1 for i in range(rank)]
    # TF1's variables: the axis' size, or over several axes the inputs' rank with 1 elsewhere
    param_shape = [_dim(inputs.shape, axes[0])] if len(axes) == 1 else broadcast
    # TF1's v1 layer takes its fused form for 4D/5D inputs normalized over their channels
    fused_form = fused is not False and rank in (4, 5) and axes in ([1], [rank - 1])
    if fused and not fused_form:
        raise ValueError(f"fused=True needs 4D or 5D inputs normalized over axis 1 or the last (got rank "
                         f"{rank}, axis {axis}), as in TF1")
    with v1.variable_scope(name, default_name="batch_normalization", reuse=reuse):
        gamma = _variable("gamma", param_shape, dtype, gamma_initializer, gamma_regularizer, gamma_constraint,
                          trainable) if scale else None
        beta = _variable("beta", param_shape, dtype, beta_initializer, beta_regularizer, beta_constraint,
                         trainable) if center else None
        # the moving averages are never partitioned (TF1's layer cleared its scope's
        # partitioner for them); gamma and beta follow the scope's
        scope = v1.get_variable_scope()
        partitioner = scope.partitioner
        scope.set_partitioner(None)
        try:
            moving_mean = _variable("moving_mean", param_shape, dtype, moving_mean_initializer, None, None, False)
            moving_variance = _variable("moving_variance", param_shape, dtype, moving_variance_initializer, None,
                                        None, False)
        finally:
            scope.set_partitioner(partitioner)
        x = inputs if half and fused_form else tf.cast(inputs, dtype)

        def shaped(v):
            return None if v is None else tf.reshape(v, broadcast)

        def normalize(mean, variance):
            out = tf.nn.batch_normalization(x, mean, variance, shaped(beta), shaped(gamma), epsilon)
            return tf.cast(out, inputs.dtype) if half else out

        if fused_form:  # TF1's own kernel, so that the numbers are TF1's to the last bit
            data_format = ("NC" if axes == [1] else "N") + "DHW"[5 - rank:] + ("" if axes == [1] else "C")
            ones_or_gamma = gamma if scale else tf.ones(param_shape, dtype)
            zeros_or_beta = beta if center else tf.zeros(param_shape, dtype)

        def in_training():
            """The output, and the batch's moments the averages move with."""
            if fused_form:  # it gives the batch's unbiased variance, which TF1 moved the average with
                return v1.nn.fused_batch_norm(x, ones_or_gamma, zeros_or_beta, epsilon=epsilon,
                                              data_format=data_format, is_training=True)
            mean, variance = tf.nn.moments(x, reduction, keepdims=True)
            return normalize(mean, variance), tf.reshape(mean, param_shape), tf.reshape(variance, param_shape)

        def move(average, value):
            return v1.assign_sub(average, (average - value) * tf.cast(1.0 - momentum, dtype))

        def train():
            out, batch_mean, batch_variance = in_training()
            if not trainable:  # a frozen v1 layer normalized with the batch's moments, and moved nothing
                return out
            updates = [move(moving_mean, batch_mean), move(moving_variance, batch_variance)]
            if not tf.executing_eagerly():
                for u in updates:
                    v1.add_to_collection(v1.GraphKeys.UPDATE_OPS, u)
            return out

        def infer():
            if fused_form:
                return v1.nn.fused_batch_norm(x, ones_or_gamma, zeros_or_beta, mean=tf.convert_to_tensor(moving_mean),
                                              variance=tf.convert_to_tensor(moving_variance), epsilon=epsilon,
                                              data_format=data_format, is_training=False)[0]
            return normalize(shaped(tf.convert_to_tensor(moving_mean)), shaped(tf.convert_to_tensor(moving_variance)))

        if _known(training) is not None or not trainable:
            return _cond(training, train, infer)
        # ``training`` a tensor, known only when the graph runs: the output and the batch's
        # moments through one cond, each update through a cond of its own after it, as TF1's
        # layer made them. TensorFlow 2 builds a cond's branches as functions (in a tf.Graph
        # too): an update made in the branch that computes the output could not be run from
        # the graph (``UPDATE_OPS``, "is not an element of this graph"); the conds' outputs can.
        flag = tf.cast(training, tf.bool)
        out, batch_mean, batch_variance = tf.cond(flag, in_training, lambda: (
            infer(), tf.identity(moving_mean), tf.identity(moving_variance)))
        for average, value in ((moving_mean, batch_mean), (moving_variance, batch_variance)):
            update = tf.cond(flag, lambda a=average, v=value: move(a, v), lambda a=average: tf.identity(a))
            if not tf.executing_eagerly():
                v1.add_to_collection(v1.GraphKeys.UPDATE_OPS, update)
        return out


# ------------------------------------------------------------------ the layer objects
class _Layer:
    """TF1's layer objects (``tf.compat.v1.layers.Dense`` and the rest) on any Keras,
    built on the functions above: the constructor takes the class' arguments (by
    position in the class' order, or by keyword; and ``_reuse``, as TF1's did), and the first call takes the variable
    scope name the v1 layer took then (its ``name`` or base name, made unique in the
    current scope: ``dense``, ``dense_1``); later calls reuse those variables, wherever
    they are called, as the v1 layer did."""

    _function: staticmethod
    _base = ""
    _params: tuple = ()

    def __init__(self, *args, **kwargs):
        if len(args) > len(self._params) - 1:
            raise TypeError(f"{type(self).__name__} takes at most {len(self._params) - 1} positional arguments")
        given = dict(zip(self._params, args))
        overlap = set(given) & set(kwargs)
        if overlap:
            raise TypeError(f"{type(self).__name__} got several values for {', '.join(sorted(overlap))}")
        given.update(kwargs)
        # TF1's base Layer took ``_reuse`` (through **kwargs): the reuse of the first call's scope;
        # and ``dtype``: its variables' (TF1's layer did not cast its inputs to it, so the
        # dtypes must agree where the layer runs: checked at the call, as TF1's op would have)
        self._reuse = given.pop("_reuse", None)
        dtype = given.pop("dtype", None)
        self._dtype = None if dtype is None else tf.as_dtype(dtype)
        unknown = set(given) - set(self._params)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no argument {', '.join(sorted(unknown))}")
        self.name = given.pop("name", None) or self._base
        self._settings = given
        self._scope_name: Optional[str] = None

    def __call__(self, inputs, *args, scope=None, **kwargs):
        """``scope``: as TF1's ``Layer.__call__`` / ``apply`` took it, a variable scope (or
        its name) the first call makes the layer's variables in, instead of one of its own
        (``layer.apply(x, scope=tf.get_variable_scope())``: directly in the current one)."""
        reuse = self._reuse or None
        if self._dtype is not None and tf.is_tensor(inputs) and _dtype(inputs) != self._dtype:
            raise TypeError(f"{type(self).__name__} was built with dtype={self._dtype.name} and called on "
                            f"{inputs.dtype.name} inputs: TF1's layer made {self._dtype.name} variables and did not "
                            "cast its inputs (its ops would have refused them); cast the inputs")
        if self._scope_name is None:
            if scope is not None:
                self._scope_name = scope  # entered as it is: a VariableScope re-enters that scope
            else:
                # claim the name on the first call, as a v1 layer did (``record_scope`` does the same)
                self._outer = v1.get_variable_scope()
                with v1.variable_scope(None, default_name=self.name) as claimed:
                    self._scope_name = claimed.name.rpartition("/")[2]
        else:
            reuse = True
        both = set(kwargs) & set(self._settings)
        if both:
            raise TypeError(f"{type(self).__name__}: {', '.join(sorted(both))} is set when it is built")
        if self._reuses:
            kwargs["reuse"] = reuse
        outer = self.__dict__.get("_outer")
        if outer is not None and reuse and v1.get_variable_scope().name != outer.name:
            # called under another scope than its first call: TF1's layer object used its own
            # variables wherever called; re-enter the scope it made them in
            with v1.variable_scope(outer, auxiliary_name_scope=False):
                return self._run(inputs, args, kwargs)
        return self._run(inputs, args, kwargs)

    def _run(self, inputs, args, kwargs):
        previous, found = getattr(_recording, "into", None), []
        _recording.into = found
        try:
            return type(self)._function(inputs, *args, name=self._scope_name, **self._settings, **kwargs)
        finally:
            _recording.into = previous
            if found:
                self._variables = found

    _reuses = True  # its function takes reuse= (the ones that create variables)
    _variables: list = []  # (leaf name, variable) of its last call

    # What code reads of a v1 layer object after calling it: its variables.
    @property
    def variables(self) -> list:
        return [v for _, v in self._variables]

    weights = variables

    @property
    def trainable_variables(self) -> list:
        return [v for v in self.variables if v.trainable]

    trainable_weights = trainable_variables

    @property
    def non_trainable_variables(self) -> list:
        return [v for v in self.variables if not v.trainable]

    non_trainable_weights = non_trainable_variables

    def __getattr__(self, name: str):
        """``kernel``, ``bias``, ``gamma``, ``moving_mean``, ... : the variable of that name
        its last call used (as TF1's layer object held them once built)."""
        if not name.startswith("_"):
            for leaf, variable in self.__dict__.get("_variables", ()):
                if leaf == name:
                    return variable
        built = "" if self.__dict__.get("_variables") else " (a layer's variables exist once it has been called)"
        raise AttributeError(f"{type(self).__name__} object has no attribute {name!r}{built}")

    def apply(self, inputs, *args, **kwargs):
        return self(inputs, *args, **kwargs)

    def build(self, input_shape):
        """Makes the layer's variables now, as TF1's ``layer.build(shape)`` did, where its
        first call would have (the scope it claims in the current one): by calling it once
        on zeros of that shape (batch 1), whose result is not used."""
        shape = tf.TensorShape(input_shape)
        if shape.rank is None or not shape[1:].is_fully_defined():
            raise ValueError(f"{type(self).__name__}.build: the shim builds a layer from an input shape known but "
                             f"for the batch, not {shape}")
        if not self._variables:
            self(tf.zeros([1, *shape[1:].as_list()], self._dtype or tf.float32))

    @property
    def built(self) -> bool:
        return bool(self._variables)

    def compute_output_shape(self, input_shape):
        """A Dense's output shape: the input's with its last axis ``units`` (what
        contrib.seq2seq's decoders ask of their output layer before calling it). The
        shim's other layer objects do not say."""
        if self._base != "dense":
            raise NotImplementedError(f"{type(self).__name__}.compute_output_shape: the shim's v1 layer objects "
                                      "give it for Dense only")
        return tf.TensorShape(input_shape)[:-1].concatenate([self._settings["units"]])


def _layer_class(cls_name: str, function, order: Optional[str] = None) -> type:
    """The layer class of a functional form: its arguments are the function's, less the
    inputs, ``training`` and ``reuse`` (given at the call, or handled by the object), in
    the function's order unless the v1 class has its own (``order``)."""
    fparams = list(inspect.signature(function).parameters)
    params = tuple(order.split()) if order else tuple(p for p in fparams[1:] if p not in ("training", "reuse"))
    base = function.__name__
    return type(cls_name, (_Layer,), {"_function": staticmethod(function), "_base": base, "_params": params,
                                      "_reuses": "reuse" in fparams,
                                      "__doc__": f"``tf.compat.v1.layers.{cls_name}`` (see ``_Layer``)."})


Dense = _layer_class("Dense", dense)
Conv1D = _layer_class("Conv1D", conv1d)
Conv2D = _layer_class("Conv2D", conv2d)
Conv3D = _layer_class("Conv3D", conv3d)
Conv2DTranspose = _layer_class("Conv2DTranspose", conv2d_transpose)
Conv3DTranspose = _layer_class("Conv3DTranspose", conv3d_transpose)
SeparableConv1D = _layer_class("SeparableConv1D", separable_conv1d)
SeparableConv2D = _layer_class("SeparableConv2D", separable_conv2d)
# TF1's class puts the renorm arguments and fused before trainable, unlike its function;
# classes whose order differs from their function's say theirs (the test against
# rules.v1_layers checks every one)
BatchNormalization = _layer_class(
    "BatchNormalization", batch_normalization,
    "axis momentum epsilon center scale beta_initializer gamma_initializer moving_mean_initializer "
    "moving_variance_initializer beta_regularizer gamma_regularizer beta_constraint gamma_constraint renorm "
    "renorm_clipping renorm_momentum fused trainable virtual_batch_size adjustment name")
Dropout = _layer_class("Dropout", dropout)
Flatten = _layer_class("Flatten", flatten, "data_format name")  # its function takes name first
MaxPooling1D = _layer_class("MaxPooling1D", max_pooling1d)
MaxPooling2D = _layer_class("MaxPooling2D", max_pooling2d)
MaxPooling3D = _layer_class("MaxPooling3D", max_pooling3d)
AveragePooling1D = _layer_class("AveragePooling1D", average_pooling1d)
AveragePooling2D = _layer_class("AveragePooling2D", average_pooling2d)
AveragePooling3D = _layer_class("AveragePooling3D", average_pooling3d)

__all__ += [name for name, value in list(globals().items())
            if isinstance(value, type) and issubclass(value, _Layer) and value is not _Layer]
