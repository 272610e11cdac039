"""Settings every test process, and every subprocess a test starts, shares.

TensorFlow runs a channels-first (NCHW) convolution on the CPU only through oneDNN, which
it turns on by itself only on CPUs with AVX-512 class features (Intel Xeons, not an AVX2
AMD EPYC): elsewhere such a convolution fails ("The Conv2D op currently only supports the
NHWC tensor format on the CPU"), in a TF1 graph and in eager code alike. The golden cases
build v1 layers with ``data_format="channels_first"`` on both sides; oneDNN is asked for
explicitly so that they run on any x86 machine CI lands on (subprocesses inherit it).
"""
import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
