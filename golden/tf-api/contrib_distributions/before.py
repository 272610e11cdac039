"""tf.contrib.distributions (TF 1.x) → TensorFlow Probability, where it went: the module,
its distributions and bijectors, imported every way TF1 code did."""
import tensorflow as tf
import tensorflow.contrib.distributions as ds
from tensorflow.contrib import distributions as tfd
from tensorflow.contrib.distributions import (Normal,
                                              kl_divergence as kl)
from tensorflow.contrib.distributions import bijectors as tfb

dists = tf.contrib.distributions
FULLY = tf.contrib.distributions.FULLY_REPARAMETERIZED


def normal_log_prob(x):
    return tf.contrib.distributions.Normal(loc=0.0, scale=1.0).log_prob(x)


def diag_log_prob(x):
    return ds.MultivariateNormalDiag(loc=[0.0, 1.0], scale_diag=[1.0, 2.0]).log_prob(x)


def kl_normal():
    return kl(Normal(0.0, 1.0), tfd.Normal(loc=1.0, scale=2.0))


def log_normal(x):
    dist = tfd.TransformedDistribution(distribution=dists.Normal(0.0, 1.0),
                                       bijector=tfd.bijectors.Exp())
    return dist.log_prob(x)


def softplus(x):
    return tfb.Softplus().forward(x), tf.contrib.distributions.bijectors.Exp().inverse(x)


def median(x):
    return tf.contrib.distributions.percentile(x, 50.0)


def categorical(logits):
    return tfd.Categorical(logits=logits).probs_parameter(), tfd.Categorical(logits=logits).reparameterization_type == FULLY


def softplus_scale(x):
    return tfd.NormalWithSoftplusScale(loc=0.0, scale=x)


def policy(logits, probs, pd):
    d = tfd.Categorical(logits=logits)
    entropy = d.entropy()
    return d.probs, d.logits, tfd.Bernoulli(probs=probs).probs, tfd.Bernoulli(probs=probs).logits, pd.probs, entropy
