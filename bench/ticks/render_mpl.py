"""Draws the matplotlib charts of the tick-label stress set (called by render.ts).

    /usr/bin/python3 bench/ticks/render_mpl.py SPECS.json OUT_DIR

SPECS.json holds a list of charts: {id, family, fontset, fontsize, width, height, margins,
xlabels, ylabels, xtitle, ytitle}. Each chart is an empty plot frame (matplotlib's default
look: black frame, ticks out, 72 dpi so 1 pt = 1 px) whose ticks sit at 0, 1, 2, ... and carry
the given label texts (mathtext where they hold one). Writes OUT_DIR/<id>.png and prints, as
JSON on stdout, each chart's tick positions in image pixels (the centre of pixel column c is
c) and the cap height ratio of each font family asked for (`caps`, with `--caps FAMILY...`).
Deterministic: matplotlib's Agg output depends only on the specs and the fonts installed.
"""

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402


def cap_ratio(family):
    """Height of 'H' over the font size: the cap height as a share of the em."""
    path = (
        font_manager.findfont("cmr10")
        if family == "cm"
        else font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    )
    font = FT2Font(path)
    font.set_size(100, 72)
    _, y0, _, y1 = font.load_char(ord("H")).bbox
    return (y1 - y0) / 64 / 100


def draw(spec, out_dir):
    rc = {
        "font.family": [spec["family"]] if spec["fontset"] != "cm" else ["cmr10"],
        "font.size": spec["fontsize"],
        "axes.unicode_minus": True,
        "axes.formatter.use_mathtext": spec["fontset"] == "cm",
        "mathtext.fontset": spec["fontset"],
    }
    if spec["fontset"] == "custom":
        rc["mathtext.rm"] = spec["family"]
        rc["mathtext.it"] = spec["family"] + ":italic"
        rc["mathtext.bf"] = spec["family"] + ":bold"
    with plt.rc_context(rc):
        width, height = spec["width"], spec["height"]
        left, right, bottom, top = spec["margins"]
        fig = plt.figure(figsize=(width / 72, height / 72), dpi=72)
        ax = fig.add_axes(
            [left / width, bottom / height, (width - left - right) / width, (height - top - bottom) / height]
        )
        nx, ny = len(spec["xlabels"]), len(spec["ylabels"])
        ax.set_xlim(-0.5, nx - 0.5)
        ax.set_ylim(-0.5, ny - 0.5)
        ax.set_xticks(range(nx))
        ax.set_xticklabels(spec["xlabels"], fontsize=spec["fontsize"])
        ax.set_yticks(range(ny))
        ax.set_yticklabels(spec["ylabels"], fontsize=spec["fontsize"])
        ax.set_xlabel(spec["xtitle"], fontsize=spec["fontsize"])
        ax.set_ylabel(spec["ytitle"], fontsize=spec["fontsize"])
        fig.savefig(f"{out_dir}/{spec['id']}.png", dpi=72)
        # Display coordinates start at the bottom left corner of the image, pixel centres at .5.
        xs = [float(ax.transData.transform((i, 0))[0]) - 0.5 for i in range(nx)]
        ys = [height - float(ax.transData.transform((0, j))[1]) - 0.5 for j in range(ny)]
        plt.close(fig)
    return {"id": spec["id"], "x": xs, "y": ys}


def main():
    if sys.argv[1] == "--caps":
        print(json.dumps({family: cap_ratio(family) for family in sys.argv[2:]}))
        return
    specs = json.load(open(sys.argv[1]))
    print(json.dumps([draw(spec, sys.argv[2]) for spec in specs]))


main()
