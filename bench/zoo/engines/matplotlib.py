#!/usr/bin/python3
"""matplotlib engine of the chart zoo: renders a batch of ChartSpecs (bench/zoo/README.md) in one
process and reports, per chart, the truth matplotlib itself used.

    python3 matplotlib.py SPECS.json OUT_DIR RESULTS.json

For each spec it writes OUT_DIR/<id>.png (and, with a `pdf` state, OUT_DIR/<id>.pdf, rasterised
by pdftoppm into the PNG) and appends to RESULTS.json one {id, png, pdf?, extras} or {id, error}.
extras: x_range, y_range (get_xlim / get_ylim; dates as decimal years, categories as indices),
plot_area_px (the axes box in image pixels, [left, top, right, bottom], origin top-left, at the
PNG's resolution), x_ticks, y_ticks (major ticks inside the limits) and their label texts.
"""
import datetime as dt
import json
import math
import os
import subprocess
import sys
import traceback
import warnings

# This file is named matplotlib.py: its own folder must not shadow the real package.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import ticker  # noqa: E402

warnings.filterwarnings("ignore")

STYLES = {
    "default": "default",
    "classic": "classic",
    "ggplot": "ggplot",
    "seaborn-whitegrid": "seaborn-v0_8-whitegrid",
    "seaborn-darkgrid": "seaborn-v0_8-darkgrid",
    "seaborn-ticks": "seaborn-v0_8-ticks",
    "bmh": "bmh",
    "journal": "default",
    "excel": "default",
}
LINESTYLES = {"solid": "-", "dashed": "--", "dotted": ":", "dashdot": "-.", "none": "none"}
LEGEND_LOC = {
    "inside-upper-right": "upper right",
    "inside-upper-left": "upper left",
    "inside-lower-right": "lower right",
    "inside-lower-left": "lower left",
    "inside-best": "best",
}


def rc_for(spec):
    """rcParams of the spec's look on top of its matplotlib style."""
    look = spec["look"]
    font = spec["font"]
    serif = font["family"] in ("DejaVu Serif", "Liberation Serif", "Nimbus Roman", "FreeSerif", "Noto Serif")
    rc = {
        "font.size": font["size"],
        "font.family": "serif" if serif else "sans-serif",
        ("font.serif" if serif else "font.sans-serif"): [font["family"], "DejaVu Serif" if serif else "DejaVu Sans"],
        "figure.dpi": spec["dpi"],
        "savefig.dpi": spec["dpi"],
        "axes.unicode_minus": True,
    }
    if look == "journal":
        rc.update({
            "mathtext.fontset": "stix" if font["family"] != "DejaVu Serif" else "dejavuserif",
            "axes.linewidth": 0.6,
            "xtick.major.width": 0.6,
            "ytick.major.width": 0.6,
            "xtick.minor.visible": True,
            "ytick.minor.visible": True,
            "legend.frameon": False,
            "legend.fontsize": "small",
            "legend.handlelength": 2.2,
        })
    elif look == "excel":
        rc.update({
            "axes.edgecolor": "#bfbfbf",
            "grid.color": "#d9d9d9",
            "grid.linewidth": 0.8,
            "axes.axisbelow": True,
            "text.color": "#404040",
            "xtick.color": "#595959",
            "ytick.color": "#595959",
            "axes.labelcolor": "#404040",
        })
    return rc


def decimal_year(d):
    """A datetime (or matplotlib date number) as a calendar decimal year, as the scorer reads dates."""
    if not isinstance(d, dt.datetime):
        d = mdates.num2date(d).replace(tzinfo=None)
    start = dt.datetime(d.year, 1, 1)
    end = dt.datetime(d.year + 1, 1, 1)
    return d.year + (d - start).total_seconds() / (end - start).total_seconds()


def trim_number(v, digits=10):
    """A tick value as short decimal text: 0.25, 1500, -3."""
    if v == 0:
        return "0"
    s = np.format_float_positional(float(f"{v:.{digits}g}"), trim="-")
    return s


class LocsFormatter(ticker.Formatter):
    """A formatter whose text depends on all tick locations (common decimals), as a user's
    fixed format string chosen for the axis would."""

    def __init__(self, kind):
        self.kind = kind
        self.decimals = 0

    def set_locs(self, locs):
        self.locs = locs
        visible = [v for v in locs if np.isfinite(v)]
        dec = 0
        for v in visible:
            for d in range(0, 8):
                if abs(round(v, d) - v) < 1e-9 * max(1, abs(v)):
                    dec = max(dec, d)
                    break
            else:
                dec = 8
        self.decimals = dec

    def __call__(self, x, pos=None):
        k = self.kind
        if k == "decimals":
            return f"{x:.{self.decimals + 1 if self.decimals < 3 else self.decimals}f}".replace("-", "\u2212")
        if k == "thousands":
            return f"{x:,.{self.decimals}f}".replace("-", "\u2212")
        if k == "si":
            a = abs(x)
            for unit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
                if a >= unit:
                    return trim_number(x / unit, 6).replace("-", "\u2212") + suffix
            return trim_number(x, 6).replace("-", "\u2212")
        if k == "sci":
            if x == 0:
                return "0"
            e = int(math.floor(math.log10(abs(x)) + 1e-9))
            m = x / 10**e
            return f"{trim_number(m, 4)}e{e}".replace("-", "\u2212")
        raise ValueError(k)


def log_formatter(kind):
    if kind == "plain":
        return ticker.FuncFormatter(lambda v, _: trim_number(v, 6))
    if kind == "sci":
        return ticker.FuncFormatter(lambda v, _: f"1e{int(round(math.log10(v)))}" if v > 0 else "")
    return ticker.LogFormatterSciNotation()


def set_format(axis, axspec, spec, which):
    """Tick label format of one axis (numbers only; dates and categories keep the engine's)."""
    kind = axspec["format"]
    mathtext = spec["look"] == "journal"
    if axspec["scale"] == "log":
        axis.set_major_formatter(log_formatter(kind))
        if kind in ("plain", "sci"):
            axis.set_minor_formatter(ticker.NullFormatter())
        return
    if kind == "plain":
        f = ticker.ScalarFormatter(useMathText=mathtext)
        axis.set_major_formatter(f)
    elif kind == "percent":
        axis.set_major_formatter(ticker.PercentFormatter(xmax=100, decimals=None))
    elif kind == "pow10":
        f = ticker.ScalarFormatter(useMathText=True)
        f.set_powerlimits((0, 0))
        axis.set_major_formatter(f)
    elif kind == "sci" and int(spec["id"][1:]) % 2 == 0:
        # the multiplier at the axis end (ticklabel_format(style='sci'))
        f = ticker.ScalarFormatter(useMathText=False)
        f.set_powerlimits((0, 0))
        axis.set_major_formatter(f)
    else:
        axis.set_major_formatter(LocsFormatter(kind))


def x_data(spec, series):
    if spec["x"]["scale"] == "time":
        return [dt.datetime.strptime(v, "%Y-%m-%d") for v in series["x"]]
    return series["x"]  # categories: indices, labelled by set_xticks


def draw_series(ax, spec):
    legend = spec["legend"]
    bands = [s for s in spec["series"] if s.get("band")]
    for s in bands:
        ax.fill_between(x_data(spec, s), s["band"]["lo"], s["band"]["hi"], color=s["color"], alpha=s["band"]["alpha"], lw=0)
    for k, s in enumerate(spec["series"]):
        kw = {
            "color": s["color"],
            "lw": s["linewidth"],
            "ls": LINESTYLES[s["linestyle"]],
            "marker": s["marker"] or "None",
            "ms": s["markersize"],
            "label": str(s["name"]) if legend else "_nolegend_",
            "zorder": 2 + k * 0.01,
        }
        if spec["look"] == "classic" and s["marker"] in ("x", "+"):
            kw["mew"] = 1.0
        xs = x_data(spec, s)
        if s.get("errors"):
            ax.errorbar(xs, s["y"], yerr=s["errors"], capsize=2 + k % 3, elinewidth=max(0.6, s["linewidth"] * 0.7), **kw)
        else:
            ax.plot(xs, s["y"], **kw)


def style_axes(ax, spec):
    frame, ticks = spec["frame"], spec["ticks"]
    if frame == "spines":
        ax.spines["top"].set_visible(False)
        ax.spines["right"].set_visible(False)
    elif frame == "none":
        for side in ax.spines.values():
            side.set_visible(False)
    elif frame == "box":
        for side in ax.spines.values():
            side.set_visible(True)
    if frame == "panel" and spec["look"] not in ("ggplot", "seaborn-darkgrid", "bmh"):
        ax.set_facecolor("#ebebeb")
        for side in ax.spines.values():
            side.set_visible(False)
    if frame == "box" and spec["look"] in ("ggplot", "seaborn-darkgrid", "bmh", "seaborn-whitegrid"):
        for side in ax.spines.values():
            side.set_edgecolor("#333333")
            side.set_linewidth(0.8)
    if ticks == "none":
        ax.tick_params(which="both", length=0)
    elif ticks == "in":
        ax.tick_params(which="both", direction="in")
    elif ticks == "in4":
        ax.tick_params(which="both", direction="in", top=True, right=True)
    else:
        ax.tick_params(which="major", direction="out", length=max(3.5, plt.rcParams["xtick.major.size"]))
    if spec["look"] == "excel":
        ax.grid(spec["grid"], axis="y")
        ax.tick_params(which="both", length=0)
    else:
        ax.grid(spec["grid"])
        if spec["grid"] and spec["look"] == "journal":
            ax.grid(True, color="#dddddd", lw=0.5)


def add_legend(fig, ax, spec):
    """The legend; returns ('fig', legend) for one placed in the figure margin, else ('ax', legend)."""
    lg = spec["legend"]
    if not lg:
        return None, None
    kw = {
        "title": lg["title"],
        "frameon": lg["frame"],
        "ncol": lg["columns"],
        "markerfirst": lg["order"] != "text-sample",
    }
    pos = lg["position"]
    if pos in LEGEND_LOC:
        return "ax", ax.legend(loc=LEGEND_LOC[pos], **kw)
    if pos == "outside-right":
        return "ax", ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0, **kw)
    handles, labels = ax.get_legend_handles_labels()
    loc = "upper center" if pos == "top" else "lower center"
    return pos, fig.legend(handles, labels, loc=loc, **kw)


def layout(fig, ax, spec, where, leg):
    """tight_layout once (not a layout engine: the PDF must keep the same axes box), leaving room
    for a legend above or below the axes."""
    fig.canvas.draw()
    rect = [0, 0, 1, 1]
    if where in ("top", "bottom"):
        h = leg.get_window_extent(fig.canvas.get_renderer()).height / fig.bbox.height
        rect = [0, 0, 1, 1 - h - 0.01] if where == "top" else [0, h + 0.01, 1, 1]
    try:
        fig.tight_layout(rect=rect, pad=0.6)
    except Exception:  # tight_layout gives up on crowded small figures: keep a fixed layout
        fig.subplots_adjust(left=0.15, right=0.95, bottom=0.15, top=0.9)
    fig.canvas.draw()
    box = ax.get_window_extent()
    if box.width < 40 or box.height < 40:
        fig.subplots_adjust(left=0.15, right=0.95 if where != "ax" else 0.75, bottom=0.15, top=0.88)
        fig.canvas.draw()


def axis_truth(ax, axis, axspec):
    """(range, ticks, tick labels) of one axis, in the truth's units."""
    lim = list(ax.get_xlim() if axis == "x" else ax.get_ylim())
    ax_obj = ax.xaxis if axis == "x" else ax.yaxis
    lo, hi = min(lim), max(lim)
    ticks, labels = [], []
    for t in ax_obj.get_major_ticks():
        v = t.get_loc()
        if lo - 1e-9 * abs(hi - lo) <= v <= hi + 1e-9 * abs(hi - lo):
            ticks.append(float(f"{v:.12g}"))
            labels.append(t.label1.get_text() if t.label1.get_visible() else "")
    if axspec["scale"] == "time":
        lim = [decimal_year(v) for v in lim]
        ticks = [decimal_year(v) for v in ticks]
    return [float(v) for v in lim], ticks, labels


def render(spec, out_dir):
    style = STYLES[spec["look"]]
    with plt.style.context(style), plt.rc_context(rc_for(spec)):
        dpi = spec["dpi"]
        fig = plt.figure(figsize=(spec["width"] / dpi, spec["height"] / dpi), dpi=dpi)
        ax = fig.add_subplot(111)
        if spec["x"]["scale"] == "log":
            ax.set_xscale("log")
        if spec["y"]["scale"] == "log":
            ax.set_yscale("log")
        draw_series(ax, spec)
        if spec["x"]["scale"] == "time":
            n = int(spec["id"][1:]) % 3
            if n == 1:
                loc = mdates.AutoDateLocator()
                ax.xaxis.set_major_locator(loc)
                ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc, show_offset=False))
            elif n == 2:
                fig.autofmt_xdate()
        elif spec["x"]["scale"] == "category":
            cats = spec["x"]["categories"]
            ax.set_xticks(range(len(cats)), cats)
        else:
            set_format(ax.xaxis, spec["x"], spec, "x")
        set_format(ax.yaxis, spec["y"], spec, "y")
        style_axes(ax, spec)
        if spec["title"]:
            ax.set_title(spec["title"])
        if spec["x_label"]:
            ax.set_xlabel(spec["x_label"])
        if spec["y_label"]:
            ax.set_ylabel(spec["y_label"])
        where, leg = add_legend(fig, ax, spec)
        layout(fig, ax, spec, where, leg)

        png = f"{out_dir}/{spec['id']}.png"
        pdf_op = next((op for op in spec["state"] if op["op"] == "pdf"), None)
        fig_w, fig_h = fig.bbox.width, fig.bbox.height
        b = ax.get_window_extent()
        box = [b.x0, fig_h - b.y1, b.x1, fig_h - b.y0]
        x_range, x_ticks, x_labels = axis_truth(ax, "x", spec["x"])
        y_range, y_ticks, y_labels = axis_truth(ax, "y", spec["y"])
        result = {"id": spec["id"], "png": png}
        if pdf_op:
            pdf = f"{out_dir}/{spec['id']}.pdf"
            fig.savefig(pdf, format="pdf", dpi=dpi)
            subprocess.run(["pdftoppm", "-r", str(pdf_op["dpi"]), "-png", "-singlefile", pdf, png[:-4]], check=True)
            scale = pdf_op["dpi"] / dpi
            box = [v * scale for v in box]
            result["pdf"] = pdf
        else:
            fig.savefig(png, dpi=dpi)
        plt.close(fig)
    result["extras"] = {
        "x_range": x_range,
        "y_range": y_range,
        "plot_area_px": [round(v, 3) for v in box],
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "x_tick_labels": x_labels,
        "y_tick_labels": y_labels,
        "figure_px": [fig_w, fig_h],
    }
    return result


def label_panel(ax, p, place):
    """The panel's title and its label (`(a)`): before the title, in the corner above the axes, or
    inside the axes' top-left corner."""
    label, title = p["label"], p["title"]
    if label and place == "title":
        if title:
            ax.set_title(f"{label} {title}")
        else:
            ax.set_title(label, loc="left", fontweight="bold")
        return
    if title:
        ax.set_title(title)
    if label and place == "outside":
        ax.text(-0.12, 1.03, label, transform=ax.transAxes, fontweight="bold", va="bottom", ha="left")
    elif label:
        ax.text(0.03, 0.96, label, transform=ax.transAxes, fontweight="bold", va="top", ha="left")


def render_figure(fs, out_dir):
    """A figure of panels (bench/zoo/figures.mjs): plt.subplots or subplot_mosaic, shared axes,
    one legend for all panels or one each; the truth of every panel."""
    with plt.style.context(STYLES[fs["look"]]), plt.rc_context(rc_for(fs)):
        dpi = fs["dpi"]
        fig = plt.figure(figsize=(fs["width"] / dpi, fs["height"] / dpi), dpi=dpi)
        share = fs["share"]
        if fs["mosaic"]:
            axd = fig.subplot_mosaic(fs["mosaic"], sharex=share["x"], sharey=share["y"])
            axes = [axd[letter] for letter in dict.fromkeys(fs["mosaic"].replace(";", ""))]
        else:
            grid = fig.subplots(fs["rows"], fs["cols"], sharex=share["x"], sharey=share["y"], squeeze=False)
            axes = [grid[p["cell"][0]][p["cell"][1]] for p in fs["panels"]]
        shared = fs["legendMode"] == "shared"
        for ax, p in zip(axes, fs["panels"]):
            spec = {**p, "id": fs["id"], "look": fs["look"], "frame": "box", "ticks": fs["ticks"],
                    "grid": fs["grid"], "legend": p["legend"] or (True if shared else None)}
            if p["y"]["scale"] == "log":
                ax.set_yscale("log")
            if p["x"]["scale"] == "log":
                ax.set_xscale("log")
            draw_series(ax, spec)
            set_format(ax.xaxis, p["x"], spec, "x")
            set_format(ax.yaxis, p["y"], spec, "y")
            style_axes(ax, spec)
            label_panel(ax, p, fs["labels"]["place"])
            if p["x_label"]:
                ax.set_xlabel(p["x_label"])
            if p["y_label"]:
                ax.set_ylabel(p["y_label"])
            if p["legend"]:
                lg = p["legend"]
                ax.legend(loc=LEGEND_LOC[lg["position"]], frameon=lg["frame"])
        if fs["suptitle"]:
            fig.suptitle(fs["suptitle"])
        rect = [0, 0, 1, 1]
        if shared:
            lg = fs["legend"]
            handles, labels = axes[0].get_legend_handles_labels()
            kw = {"title": lg["title"], "frameon": lg["frame"]}
            pos = lg["position"]
            if pos == "inside":
                axes[0].legend(loc="best", **kw)
            else:
                if pos == "top" and fs["suptitle"]:
                    pos = "bottom"
                loc = {"bottom": "lower center", "top": "upper center", "right": "center right"}[pos]
                leg = fig.legend(handles, labels, loc=loc, ncol=1 if pos == "right" else len(handles), **kw)
                fig.canvas.draw()
                extent = leg.get_window_extent(fig.canvas.get_renderer())
                w, h = extent.width / fig.bbox.width, extent.height / fig.bbox.height
                rect = {"bottom": [0, h + 0.01, 1, 1], "top": [0, 0, 1, 1 - h - 0.01], "right": [0, 0, 1 - w - 0.01, 1]}[pos]
        fig.canvas.draw()
        try:
            fig.tight_layout(rect=rect, pad=0.6)
        except Exception:  # crowded small figures: a fixed layout
            fig.subplots_adjust(left=0.12, right=0.95 * rect[2], bottom=0.12 + rect[1], top=0.9, wspace=0.4, hspace=0.5)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()

        png = f"{out_dir}/{fs['id']}.png"
        pdf_op = next((op for op in fs["state"] if op["op"] == "pdf"), None)
        fig_h = fig.bbox.height
        flip = lambda b: [b.x0, fig_h - b.y1, b.x1, fig_h - b.y0]  # noqa: E731
        panels = []
        for ax, p in zip(axes, fs["panels"]):
            x_range, x_ticks, x_labels = axis_truth(ax, "x", p["x"])
            y_range, y_ticks, y_labels = axis_truth(ax, "y", p["y"])
            panels.append({
                "x_range": x_range, "y_range": y_range,
                "plot_area_px": flip(ax.get_window_extent()),
                "panel_box_px": flip(ax.get_tightbbox(renderer)),
                "x_ticks": x_ticks, "y_ticks": y_ticks, "x_tick_labels": x_labels, "y_tick_labels": y_labels,
            })
        result = {"id": fs["id"], "png": png}
        if pdf_op:
            pdf = f"{out_dir}/{fs['id']}.pdf"
            fig.savefig(pdf, format="pdf", dpi=dpi)
            subprocess.run(["pdftoppm", "-r", str(pdf_op["dpi"]), "-png", "-singlefile", pdf, png[:-4]], check=True)
            scale = pdf_op["dpi"] / dpi
            for panel in panels:
                for key in ("plot_area_px", "panel_box_px"):
                    panel[key] = [v * scale for v in panel[key]]
            result["pdf"] = pdf
        else:
            fig.savefig(png, dpi=dpi)
        plt.close(fig)
    for panel in panels:
        for key in ("plot_area_px", "panel_box_px"):
            panel[key] = [round(v, 3) for v in panel[key]]
    result["extras"] = {"panels": panels}
    return result


def main():
    figures = sys.argv[1] == "--figures"
    specs_path, out_dir, results_path = sys.argv[2:5] if figures else sys.argv[1:4]
    with open(specs_path) as f:
        specs = json.load(f)
    results = []
    for spec in specs:
        try:
            results.append(render_figure(spec, out_dir) if figures else render(spec, out_dir))
        except Exception as e:  # one bad chart spares the batch
            plt.close("all")
            results.append({"id": spec["id"], "error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc(limit=3)})
    with open(results_path, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
