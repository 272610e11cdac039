"""``tf.contrib.image``'s projective transforms (the rotations and shifts of TF1's data
augmentation) on TensorFlow 2.21, which has no contrib. contrib ran them on its own
``ImageProjectiveTransformV2`` kernel, which TensorFlow has carried in its core since
(``tf.raw_ops.ImageProjectiveTransformV2``, its gradient registered as contrib's was);
this module calls that kernel with contrib's arguments, zeros filling what falls outside
the input:

* ``transform(images, transforms, interpolation="NEAREST", output_shape=None)``: each
  row ``[a0, a1, a2, b0, b1, b2, c0, c1]`` maps an *output* point (x, y) to the input
  point ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k), k = c0 x + c1 y + 1;
* ``rotate(images, angles, interpolation="NEAREST")`` (counterclockwise, radians, about
  the centre) and ``translate(images, translations, ...)`` ([dx, dy]);
* ``angles_to_projective_transforms``, ``translations_to_projective_transforms``,
  ``compose_transforms``, ``flat_transforms_to_matrices``, ``matrices_to_flat_transforms``.

Images are (N, H, W, C), (H, W, C) or (H, W), of a rank known statically, uint8, int32,
int64 or float. contrib.image's other ops (connected components, image warps, splines)
stay warned. ``tests/shim/keras3_checks.py`` checks rotations by quarter turns and
integer shifts against NumPy, bilinear sampling inside the image against its formula,
and the transform algebra. Imports TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

import tensorflow as tf

__all__ = ["transform", "rotate", "translate", "angles_to_projective_transforms",
           "translations_to_projective_transforms", "compose_transforms", "flat_transforms_to_matrices",
           "matrices_to_flat_transforms"]

_IMAGE_DTYPES = (tf.uint8, tf.int32, tf.int64, tf.float16, tf.float32, tf.float64)


def _batched(images):
    """(images as NHWC, a function giving an output the input's rank back)."""
    images = tf.convert_to_tensor(images, name="images")
    if images.dtype.base_dtype not in _IMAGE_DTYPES:
        raise TypeError(f"Invalid dtype {images.dtype}.")
    rank = images.shape.rank
    if rank is None:
        raise TypeError("image_or_images rank must be statically known")
    if rank == 2:
        return images[None, :, :, None], lambda out: out[0, :, :, 0]
    if rank == 3:
        return images[None], lambda out: out[0]
    if rank == 4:
        return images, lambda out: out
    raise TypeError("Images should have rank between 2 and 4.")


def transform(images, transforms, interpolation="NEAREST", output_shape=None, name=None):
    """``images`` sampled at the input points ``transforms`` (one row of 8, or one per
    image) maps each output point to; ``output_shape`` [height, width], the input's by
    default."""
    with tf.name_scope(name or "transform"):
        batch, restore = _batched(images)
        transforms = tf.convert_to_tensor(transforms, name="transforms", dtype=tf.float32)
        if transforms.shape.rank == 1:
            transforms = transforms[None]
        elif transforms.shape.rank is None:
            raise TypeError("transform_or_transforms rank must be statically known")
        elif transforms.shape.rank != 2:
            raise TypeError("Transforms should have rank 1 or 2.")
        if output_shape is None:
            output_shape = tf.shape(batch)[1:3]
        output_shape = tf.convert_to_tensor(output_shape, tf.int32, name="output_shape")
        if not output_shape.shape.is_compatible_with([2]):
            raise ValueError("output_shape must be a 1-D Tensor of 2 elements: new_height, new_width")
        out = tf.raw_ops.ImageProjectiveTransformV2(images=batch, transforms=transforms, output_shape=output_shape,
                                                    interpolation=interpolation.upper(), fill_mode="CONSTANT")
        return restore(out)


def angles_to_projective_transforms(angles, image_height, image_width, name=None):
    """The transforms (N, 8) that rotate images of this size counterclockwise by
    ``angles`` (a scalar or one per image) about their centre."""
    with tf.name_scope(name or "angles_to_projective_transforms"):
        angles = tf.convert_to_tensor(angles, name="angles", dtype=tf.float32)
        if angles.shape.rank == 0:
            angles = angles[None]
        elif angles.shape.rank != 1:
            raise TypeError("Angles should have rank 0 or 1.")
        cos, sin = tf.cos(angles), tf.sin(angles)
        width, height = tf.cast(image_width, tf.float32) - 1, tf.cast(image_height, tf.float32) - 1
        x_offset = (width - (cos * width - sin * height)) / 2.0
        y_offset = (height - (sin * width + cos * height)) / 2.0
        zeros = tf.zeros_like(angles)
        return tf.stack([cos, -sin, x_offset, sin, cos, y_offset, zeros, zeros], axis=1)


def translations_to_projective_transforms(translations, name=None):
    """The transforms (N, 8) that move images by ``translations`` ([dx, dy], or one per
    image)."""
    with tf.name_scope(name or "translations_to_projective_transforms"):
        translations = tf.convert_to_tensor(translations, name="translations", dtype=tf.float32)
        if translations.shape.rank is None:
            raise TypeError("translation_or_translations rank must be statically known")
        if translations.shape.rank == 1:
            translations = translations[None]
        elif translations.shape.rank != 2:
            raise TypeError("Translations should have rank 1 or 2.")
        ones, zeros = tf.ones_like(translations[:, 0]), tf.zeros_like(translations[:, 0])
        return tf.stack([ones, zeros, -translations[:, 0], zeros, ones, -translations[:, 1], zeros, zeros], axis=1)


def rotate(images, angles, interpolation="NEAREST", name=None):
    """``images`` rotated counterclockwise by ``angles`` (radians) about their centre."""
    with tf.name_scope(name or "rotate"):
        batch, restore = _batched(images)
        height, width = tf.shape(batch)[1], tf.shape(batch)[2]
        return restore(transform(batch, angles_to_projective_transforms(angles, height, width),
                                 interpolation=interpolation))


def translate(images, translations, interpolation="NEAREST", name=None):
    """``images`` moved by ``translations`` ([dx, dy]: right and down)."""
    with tf.name_scope(name or "translate"):
        return transform(images, translations_to_projective_transforms(translations), interpolation=interpolation)


def flat_transforms_to_matrices(transforms):
    """Transforms (8, or N x 8) → their 3 x 3 matrices (N, 3, 3), output to input
    coordinates."""
    with tf.name_scope("flat_transforms_to_matrices"):
        transforms = tf.convert_to_tensor(transforms, name="transforms")
        if transforms.shape.rank not in (1, 2):
            raise ValueError(f"Transforms should be 1D or 2D, got: {transforms}")
        transforms = tf.reshape(transforms, [-1, 8])
        return tf.reshape(tf.concat([transforms, tf.ones_like(transforms[:, :1])], axis=1), [-1, 3, 3])


def matrices_to_flat_transforms(transform_matrices):
    """3 x 3 matrices ((3, 3) or (N, 3, 3)) → transforms (N, 8), each matrix divided by
    its last entry."""
    with tf.name_scope("matrices_to_flat_transforms"):
        matrices = tf.convert_to_tensor(transform_matrices, name="transform_matrices")
        if matrices.shape.rank not in (2, 3):
            raise ValueError(f"Matrices should be 2D or 3D, got: {matrices}")
        flat = tf.reshape(matrices, [-1, 9])
        return (flat / flat[:, 8:9])[:, :8]


def compose_transforms(*transforms):
    """One transform that applies each of ``transforms`` in order."""
    assert transforms, "transforms cannot be empty"
    with tf.name_scope("compose_transforms"):
        composed = flat_transforms_to_matrices(transforms[0])
        for later in transforms[1:]:
            composed = tf.matmul(composed, flat_transforms_to_matrices(later))
        return matrices_to_flat_transforms(composed)
