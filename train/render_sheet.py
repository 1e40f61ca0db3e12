"""Draws sheets of text lines with matplotlib's Agg renderer, for the glyph training set.

    /usr/bin/python3 train/render_sheet.py SHEETS.json OUT_DIR

SHEETS.json holds a list of sheets: {file, width, height, family, fontset, items: [{text, x,
y, size, color}]}, where (x, y) is the start of the item's baseline in image pixels (origin
top left) and size is in px (72 dpi: 1 pt = 1 px). `family` "cm" draws every item as
Computer Modern mathtext (the items are mathtext already). Writes OUT_DIR/<file> (PNG).
Deterministic for a given matplotlib and set of fonts.
"""

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.transforms import IdentityTransform  # noqa: E402


def draw(sheet, out_dir):
    rc = {
        "font.family": ["cmr10"] if sheet["family"] == "cm" else [sheet["family"]],
        "mathtext.fontset": sheet["fontset"],
        "axes.unicode_minus": True,
    }
    if sheet["fontset"] == "custom":
        rc["mathtext.rm"] = sheet["family"]
        rc["mathtext.it"] = sheet["family"] + ":italic"
        rc["mathtext.bf"] = sheet["family"] + ":bold"
    with plt.rc_context(rc):
        width, height = sheet["width"], sheet["height"]
        fig = plt.figure(figsize=(width / 72, height / 72), dpi=72)
        for item in sheet["items"]:
            fig.text(
                item["x"],
                height - item["y"],
                item["text"],
                fontsize=item["size"],
                color=item["color"],
                ha="left",
                va="baseline",
                transform=IdentityTransform(),
            )
        fig.savefig(f"{out_dir}/{sheet['file']}", dpi=72)
        plt.close(fig)


def main():
    for sheet in json.load(open(sys.argv[1])):
        draw(sheet, sys.argv[2])


main()
