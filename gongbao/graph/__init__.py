"""The task→department graph (networkx) and the exports made from it."""

from .network import build_graph, responsibility_rows

__all__ = ["build_graph", "responsibility_rows"]
