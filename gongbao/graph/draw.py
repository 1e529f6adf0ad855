"""Pictures of the graphs as self-contained SVG: hover shows names, click opens rows.

Layouts come from networkx (spring layout, seeded, so the picture is the same
each time), the drawing is plain SVG: ``<title>`` gives the hover text, ``<a>``
links a department to its row.  Nothing is fetched when the page is viewed.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

import networkx as nx

from .heatmap import COLOURS
from .network import departments, display_names, tasks

KIND_COLOURS = {"bureau": "#4393c3", "commission": "#2166ac", "ministry": "#5e3c99",
                "group": "#999999", "district": "#5aae61", "party": "#d6604d",
                "mass_org": "#f4a582", "office": "#92c5de", "government": "#1b7837",
                "enterprise": "#8c510a", "vertical": "#35978f", "court_procuratorate": "#762a83",
                "institution": "#bf812d", "other": "#bababa"}


def _esc(s: object) -> str:
    return html.escape(str(s), quote=True)


def projection_svg(p: nx.Graph, link: Callable[[dict], str], width: int = 900,
                   height: int = 640) -> str:
    """Departments as circles (size: tasks shared), edges by shared tasks."""
    if p.number_of_nodes() == 0:
        return "<p>No departments in this scope.</p>"
    k = 2.2 / math.sqrt(max(p.number_of_nodes(), 1))
    pos = nx.spring_layout(p, weight="weight", seed=7, k=k, iterations=200)
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    pad = 70

    def sx(x: float) -> float:
        return pad + (x - min(xs)) / ((max(xs) - min(xs)) or 1) * (width - 2 * pad)

    def sy(y: float) -> float:
        return pad + (y - min(ys)) / ((max(ys) - min(ys)) or 1) * (height - 2 * pad)

    wmax = max((d["weight"] for *_, d in p.edges(data=True)), default=1)
    parts = [f'<svg class="gongbao-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px;font-family:sans-serif">']
    for a, b, d in sorted(p.edges(data=True), key=lambda e: e[2]["weight"]):
        w = 0.6 + 5 * d["weight"] / wmax
        parts.append(
            f'<line x1="{sx(pos[a][0]):.1f}" y1="{sy(pos[a][1]):.1f}" x2="{sx(pos[b][0]):.1f}" '
            f'y2="{sy(pos[b][1]):.1f}" stroke="#888" stroke-opacity="0.55" stroke-width="{w:.1f}">'
            f'<title>{_esc(p.nodes[a]["name"])} — {_esc(p.nodes[b]["name"])}: {d["weight"]} shared tasks'
            f'</title></line>')
    shown = display_names(p, list(p.nodes))
    for n, a in p.nodes(data=True):
        strength = p.degree(n, weight="weight")
        r = 5 + 2.2 * math.sqrt(strength)
        colour = KIND_COLOURS.get(a.get("kind", "other"), "#bababa")
        parts.append(
            f'<a href="{_esc(link(a))}"><g class="dept"><circle cx="{sx(pos[n][0]):.1f}" '
            f'cy="{sy(pos[n][1]):.1f}" r="{r:.1f}" fill="{colour}" stroke="#fff">'
            f'<title>{_esc(a["name"])}（{_esc(a.get("full_name", ""))}）{_esc(a.get("kind", ""))}: '
            f'shares tasks with {p.degree(n)} departments</title></circle>'
            f'<text x="{sx(pos[n][0]):.1f}" y="{sy(pos[n][1]) - r - 3:.1f}" font-size="12" '
            f'text-anchor="middle" fill="#222">{_esc(shown[n])}</text></g></a>')
    parts.append("</svg>")
    return "".join(parts)


def bipartite_svg(g: nx.Graph, link: Callable[[dict], str], task_link: Callable[[dict, str], str],
                  width: int = 900) -> str:
    """Tasks in a column on the left, departments on the right, edges coloured by role.

    Departments are ordered by the mean position of their tasks so edges cross less.
    """
    ts = tasks(g)
    ds = departments(g)
    if not ts:
        return "<p>No tasks in this scope.</p>"
    row = 20
    height = max(len(ts), len(ds)) * row + 60
    ty = {t: 40 + i * row for i, t in enumerate(ts)}
    centre = {d: sum(ty[t] for t in g.neighbors(d)) / max(g.degree(d), 1) for d in ds}
    ds.sort(key=lambda d: centre[d])
    step = (height - 60) / max(len(ds), 1)
    dy = {d: 40 + i * step for i, d in enumerate(ds)}
    tx, dx = 330, width - 230
    parts = [f'<svg class="gongbao-bipartite" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px;font-family:sans-serif">']
    for t, d, e in g.edges(data=True):
        if t not in ty:
            t, d = d, t
        parts.append(f'<line x1="{tx}" y1="{ty[t]}" x2="{dx}" y2="{dy[d]:.1f}" '
                     f'stroke="{COLOURS.get(e["role"], "#999")}" stroke-width="1.4" stroke-opacity="0.8">'
                     f'<title>{_esc(g.nodes[d]["name"])}: {_esc(e["role"])}</title></line>')
    for t in ts:
        a = g.nodes[t]
        label = f'{a["number"]} {a["title"]}'.strip()
        short = label if len(label) <= 22 else label[:21] + "…"
        parts.append(f'<a href="{_esc(task_link(a, t))}"><text x="{tx - 8}" y="{ty[t] + 4}" font-size="12" '
                     f'text-anchor="end" fill="#222"><title>{_esc(label)}</title>{_esc(short)}</text></a>'
                     f'<circle cx="{tx}" cy="{ty[t]}" r="3" fill="#444"/>')
    shown = display_names(g, ds)
    for d in ds:
        a = g.nodes[d]
        parts.append(f'<a href="{_esc(link(a))}"><circle cx="{dx}" cy="{dy[d]:.1f}" r="5" '
                     f'fill="{KIND_COLOURS.get(a.get("kind", "other"), "#bababa")}"/>'
                     f'<text x="{dx + 10}" y="{dy[d] + 4:.1f}" font-size="12" fill="#222">'
                     f'<title>{_esc(a["name"])}（{_esc(a.get("full_name", ""))}）: {g.degree(d)} tasks</title>'
                     f'{_esc(shown[d])}'
                     f'</text></a>')
    legend_y = height - 14
    for i, (role, colour) in enumerate(COLOURS.items()):
        parts.append(f'<rect x="{20 + i * 90}" y="{legend_y - 9}" width="14" height="8" fill="{colour}"/>'
                     f'<text x="{38 + i * 90}" y="{legend_y}" font-size="11">{role}</text>')
    parts.append("</svg>")
    return "".join(parts)
