"""tf.contrib.image's projective transforms (TF1's rotation and shift augmentation)
become the shim's, on the kernel contrib ran; its other ops stay warned."""
import math

import tensorflow as tf
from tensorflow.contrib.image import rotate, translate as shift


def augment(image, mask, max_degrees):
    angle = tf.random_uniform([], -max_degrees, max_degrees) * math.pi / 180
    image = tf.contrib.image.rotate(image, angle, interpolation='BILINEAR')
    mask = rotate(mask, angle)
    dx = tf.random_uniform([2], -4, 4)
    return shift(image, dx), tf.contrib.image.translate(mask, dx)


def warp(image, flow, transforms):
    turned = tf.contrib.image.transform(image, tf.contrib.image.compose_transforms(*transforms))
    return tf.contrib.image.dense_image_warp(turned, flow)
