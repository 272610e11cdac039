from .net import build_net
