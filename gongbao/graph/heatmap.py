"""The responsibility matrix as a picture: tasks × departments, coloured by role.

Sized to stay readable from a handful to about sixty departments: cell size is
fixed and the figure grows; department names run vertically above the columns,
task numbers and titles to the left of the rows.  Chinese needs a CJK font from
the system (fonts-noto-cjk or fonts-wqy-zenhei); without one the picture is still
drawn, and a warning says the labels will not show.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import networkx as nx

from .network import ROLE_ORDER, departments, display_names, tasks

COLOURS = {"lead": "#b2182b", "sole": "#ef8a62", "shared": "#4393c3", "support": "#92c5de",
           "guide": "#5aae61"}
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "Noto Serif CJK SC",
             "Source Han Sans SC", "SimHei", "Microsoft YaHei")


def cjk_font() -> str | None:
    from matplotlib import font_manager as fm

    available = {f.name for f in fm.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in available:
            return name
    for path in fm.findSystemFonts():
        if "CJK" in path or "wqy" in path.lower():
            fm.fontManager.addfont(path)
            return fm.FontProperties(fname=path).get_name()
    return None


def draw_heatmap(g: nx.Graph, out: str | Path | io.IOBase, fmt: str = "png") -> int:
    """Draw the matrix of a bipartite responsibility graph; returns the task rows drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    font = cjk_font()
    if font:
        plt.rcParams["font.family"] = [font]
    else:
        warnings.warn("no CJK font found: install fonts-noto-cjk for readable labels",
                      stacklevel=2)
    task_nodes = tasks(g)
    depts = sorted(departments(g), key=lambda n: (-g.degree(n), g.nodes[n]["name"]))
    cell = 0.28
    left, top = 3.6, 2.2
    width = left + cell * max(len(depts), 1) + 0.4
    height = top + cell * max(len(task_nodes), 1) + 0.8
    fig = plt.figure(figsize=(width, height), dpi=110)
    ax = fig.add_axes((left / width, 0.8 / height, cell * max(len(depts), 1) / width,
                       cell * max(len(task_nodes), 1) / height))
    for i, t in enumerate(task_nodes):
        for j, d in enumerate(depts):
            if g.has_edge(t, d):
                ax.add_patch(plt.Rectangle((j, i), 1, 1, color=COLOURS[g.edges[t, d]["role"]]))
    ax.set_xlim(0, max(len(depts), 1))
    ax.set_ylim(max(len(task_nodes), 1), 0)
    ax.set_xticks([j + 0.5 for j in range(len(depts))])
    shown = display_names(g, depts)
    ax.set_xticklabels([shown[d] for d in depts], rotation=90, fontsize=7)
    ax.xaxis.tick_top()
    ax.set_yticks([i + 0.5 for i in range(len(task_nodes))])
    labels = []
    for t in task_nodes:
        a = g.nodes[t]
        title = a["title"] if len(a["title"]) <= 16 else a["title"][:15] + "…"
        labels.append(f"{a['number']} {title}".strip())
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_xticks(range(len(depts) + 1), minor=True)
    ax.set_yticks(range(len(task_nodes) + 1), minor=True)
    ax.grid(which="minor", color="#dddddd", linewidth=0.4)
    ax.tick_params(which="minor", length=0)
    used = [r for r in ROLE_ORDER if any(d["role"] == r for *_, d in g.edges(data=True))]
    fig.legend(handles=[Patch(color=COLOURS[r], label=r) for r in used], loc="lower left",
               ncol=len(used) or 1, fontsize=7, frameon=False)
    fig.savefig(out, format=fmt)
    plt.close(fig)
    return len(task_nodes)
