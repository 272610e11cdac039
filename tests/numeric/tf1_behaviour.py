"""A pytest plugin (``-p tf1_behaviour``, this folder on the path) giving a test run TF1's
API and behaviour before any test module imports TensorFlow, as ``real_models`` sets them
up for the original side of the real-code checks: the original packages' own tests run
under it."""
import real_models

real_models._tf1_environment()
