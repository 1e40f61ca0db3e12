"""Draws figures of known data with matplotlib and reports their truth.

Usage: python3 mpl_figures.py SPECS.json  (prints one JSON truth object per figure, a list)

Each spec: {"file": "out.pdf" | "out.png", "fonttype": 3 | 42, "dpi": 100, "style": "default",
"figsize": [w, h], "rows": 1, "cols": 1, "share": false (sharex and sharey), "panels": [chart, ...]}; a chart: {"title", "x_label",
"y_label", "x_scale", "y_scale", "y_format": "plain" | "pow10" | "percent", "grid",
"legend": loc or null, "panel_label", "series": [{"name", "color", "marker", "linestyle",
"linewidth", "x", "y", "band"}]}. The truth of each chart is the scorer's format with the limits
and ticks matplotlib actually used.
"""

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

LINESTYLES = {"solid": "-", "dashed": "--", "dotted": ":", "dashdot": "-."}


def draw(spec):
    matplotlib.rcParams.update(matplotlib.rcParamsDefault)
    plt.style.use(spec.get("style", "default"))
    matplotlib.rcParams["pdf.fonttype"] = spec.get("fonttype", 3)
    matplotlib.rcParams["font.size"] = spec.get("font_size", 10)
    rows, cols = spec.get("rows", 1), spec.get("cols", 1)
    share = spec.get("share", False)
    fig, axes = plt.subplots(
        rows, cols, figsize=spec.get("figsize", [6, 4]), squeeze=False, sharex=share, sharey=share
    )
    truths = []
    for i, chart in enumerate(spec["panels"]):
        ax = axes[i // cols][i % cols]
        for s in chart["series"]:
            style = LINESTYLES.get(s.get("linestyle", "solid"), "-")
            ax.plot(
                s["x"], s["y"],
                linestyle="none" if s.get("linestyle") == "none" else style,
                marker=s.get("marker") or None,
                color=s["color"],
                linewidth=s.get("linewidth", 1.5),
                markersize=s.get("markersize", 6),
                label=s["name"] if s["name"] is not None else "_nolegend_",
            )
            if s.get("band"):
                ax.fill_between(s["x"], s["band"]["lo"], s["band"]["hi"], color=s["color"], alpha=0.2, linewidth=0)
        ax.set_xscale(chart.get("x_scale", "linear"))
        ax.set_yscale(chart.get("y_scale", "linear"))
        if chart.get("y_format") == "percent":
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}%"))
        if chart.get("grid"):
            ax.grid(True)
        if chart.get("title"):
            ax.set_title(chart["title"])
        if chart.get("x_label"):
            ax.set_xlabel(chart["x_label"])
        if chart.get("y_label"):
            ax.set_ylabel(chart["y_label"])
        if chart.get("legend"):
            ax.legend(loc=chart["legend"])
        truths.append((ax, chart))
    for i in range(len(spec["panels"]), rows * cols):
        axes[i // cols][i % cols].set_visible(False)
    fig.tight_layout()
    fig.savefig(spec["file"], dpi=spec.get("dpi", 100))
    out = []
    for ax, chart in truths:
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        xt = [float(t) for t in ax.get_xticks() if min(x0, x1) <= t <= max(x0, x1)]
        yt = [float(t) for t in ax.get_yticks() if min(y0, y1) <= t <= max(y0, y1)]
        out.append({
            "title": chart.get("title"),
            "x_label": chart.get("x_label"),
            "y_label": chart.get("y_label"),
            "x_scale": chart.get("x_scale", "linear"),
            "y_scale": chart.get("y_scale", "linear"),
            "x_range": [x0, x1],
            "y_range": [y0, y1],
            "x_ticks": xt,
            "y_ticks": yt,
            "legend": bool(chart.get("legend")),
            "panel_label": chart.get("panel_label"),
            "series": [
                {
                    "name": s["name"] if chart.get("legend") else None,
                    "color": s["color"],
                    "marker": s.get("marker"),
                    "linestyle": s.get("linestyle", "solid"),
                    "x": s["x"],
                    "y": s["y"],
                }
                for s in chart["series"]
            ],
        })
    plt.close(fig)
    return out


def main():
    with open(sys.argv[1]) as f:
        specs = json.load(f)
    json.dump([draw(spec) for spec in specs], sys.stdout)


if __name__ == "__main__":
    main()
