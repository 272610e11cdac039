"""tf.contrib.image's projective transforms (TF1's rotation and shift augmentation)
become the shim's, on the kernel contrib ran; its other ops stay warned."""
import math

import tensorflow as tf
from tf1to2.contrib_image import rotate, translate as shift
import tf1to2.contrib_image


def augment(image, mask, max_degrees):
    angle = tf.random.uniform([], -max_degrees, max_degrees) * math.pi / 180
    image = tf1to2.contrib_image.rotate(image, angle, interpolation='BILINEAR')
    mask = rotate(mask, angle)
    dx = tf.random.uniform([2], -4, 4)
    return shift(image, dx), tf1to2.contrib_image.translate(mask, dx)


def warp(image, flow, transforms):
    turned = tf1to2.contrib_image.transform(image, tf1to2.contrib_image.compose_transforms(*transforms))
    return tf.contrib.image.dense_image_warp(turned, flow)
