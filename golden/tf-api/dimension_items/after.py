"""``x[i].value`` where ``x`` is not known to be a shape: a shape a function of the
program returns (t3f's ``tt.get_tt_ranks()``), held by a name or read on the spot. In
TF1 its items are Dimensions; in TF2 ints or None, which have no ``.value``. The shim's
``dimension_value`` reads a Dimension's value, passes TF2's int or None on, and reads
``.value`` off anything else as before. A ``.value`` stored to, deleted, called (a
variable's ``value()``) or read off a slice is left; so is a name's ``.value``, and a
``.dims`` item's (a Dimension in TF2 too)."""
import tensorflow as tf
import tf1to2


def ranks_product(tt):
  ranks = tt.get_tt_ranks()
  total = 1
  for i in range(len(ranks)):
    rank = tf1to2.dimension_value(ranks[i])
    if rank is None:
      return None
    total *= rank
  return total * tf1to2.dimension_value(tt.get_raw_shape()[0][1])


def leave_these(cells, variables, ranks, field):
  cells[0].value = 3
  cells[1].value += 1
  del cells[2].value
  for cells[3].value in range(2):
    pass
  first = variables[0].value()
  rest = ranks[1:].value
  channels = ranks.dims[-1].value
  return first, rest, field.value, channels
