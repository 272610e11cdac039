"""tf.where given x and y: TF1's picks whole rows with a vector condition, TF2's
broadcasts the condition against the last axis (an error, or other numbers where the
sizes agree), so those calls are TF1's where; tf.where(condition) alone (the indices)
means the same in both and stays."""
import tensorflow as tf


def mask_finished(finished, eos_logits, logits):
    return tf.where(finished, x=eos_logits, y=logits)


def pick(cond, a, b):
    return tf.where(cond, a, b), tf.where(condition=cond, x=a, y=b, name="picked")


def indices(mask):
    return tf.where(mask), tf.where(mask, name="found")
