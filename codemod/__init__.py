"""The tf1to2 engine: files in, rules applied in stage order, diffs and reports out.

It knows nothing about TensorFlow: what to look for comes from ``rules``.
"""
