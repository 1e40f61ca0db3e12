# Draws charts of known data with ggplot2 and reports their truth.
#
# Usage: Rscript ggplot2.R SPECS.json OUT.json
# Each spec: {"file": "out.pdf", "device": "pdf" | "cairo_pdf", "size": [w, h] (inches),
# "theme": "grey" | "bw" | "minimal" | "classic", "panels": [chart]} with one chart, as in
# mpl_figures.py (markers are matplotlib letters, mapped to R's shapes). OUT.json gets one list of
# truths per spec, with the limits and breaks ggplot2 used.
suppressPackageStartupMessages({
  library(ggplot2)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
specs <- fromJSON(args[1], simplifyVector = FALSE)

shapes <- c("o" = 16, "^" = 17, "s" = 15, "D" = 18, "v" = 25, "x" = 4, "+" = 3, "*" = 8)
linetypes <- c(solid = "solid", dashed = "dashed", dotted = "dotted", dashdot = "dotdash")
themes <- list(grey = theme_grey, bw = theme_bw, minimal = theme_minimal, classic = theme_classic)

draw <- function(spec) {
  chart <- spec$panels[[1]]
  rows <- list()
  for (s in chart$series) {
    rows[[length(rows) + 1]] <- data.frame(
      x = unlist(s$x), y = unlist(s$y), series = s$name,
      stringsAsFactors = FALSE
    )
  }
  d <- do.call(rbind, rows)
  names <- vapply(chart$series, function(s) s$name, "")
  d$series <- factor(d$series, levels = names)
  colours <- setNames(vapply(chart$series, function(s) s$color, ""), names)
  types <- setNames(vapply(chart$series, function(s) linetypes[[s$linestyle]], ""), names)
  marked <- vapply(chart$series, function(s) !is.null(s$marker), TRUE)
  p <- ggplot(d, aes(x, y, colour = series, linetype = series, group = series)) +
    geom_line(linewidth = 0.5) +
    scale_colour_manual(values = colours, name = NULL) +
    scale_linetype_manual(values = types, name = NULL)
  if (any(marked)) {
    pts <- d[d$series %in% names[marked], ]
    shape_values <- setNames(
      vapply(chart$series, function(s) if (is.null(s$marker)) NA_real_ else shapes[[s$marker]], 0),
      names
    )
    p <- p + geom_point(data = pts, aes(shape = series), size = 1.8) +
      scale_shape_manual(values = shape_values, name = NULL, na.translate = FALSE)
  }
  if (identical(chart$y_scale, "log")) p <- p + scale_y_log10()
  if (identical(chart$x_scale, "log")) p <- p + scale_x_log10()
  p <- p + themes[[spec$theme]]() + labs(title = chart$title, x = chart$x_label, y = chart$y_label)
  has_legend <- !is.null(chart$legend)
  if (!has_legend) p <- p + theme(legend.position = "none")
  size <- unlist(spec$size)
  if (identical(spec$device, "cairo_pdf")) {
    cairo_pdf(spec$file, width = size[1], height = size[2])
  } else {
    pdf(spec$file, width = size[1], height = size[2])
  }
  print(p)
  invisible(dev.off())
  built <- ggplot_build(p)$layout$panel_params[[1]]
  back <- function(v, scale) if (identical(scale, "log")) 10^v else v
  xs <- if (is.null(chart$x_scale)) "linear" else chart$x_scale
  ys <- if (is.null(chart$y_scale)) "linear" else chart$y_scale
  breaks <- function(b, scale) {
    b <- b[!is.na(b)]
    as.numeric(back(b, scale))
  }
  list(list(
    title = chart$title, x_label = chart$x_label, y_label = chart$y_label,
    x_scale = xs, y_scale = ys,
    x_range = back(built$x.range, xs), y_range = back(built$y.range, ys),
    x_ticks = breaks(built$x$breaks, xs), y_ticks = breaks(built$y$breaks, ys),
    legend = has_legend,
    series = lapply(chart$series, function(s) list(
      name = if (has_legend) s$name else NULL,
      color = s$color, marker = s$marker, linestyle = s$linestyle,
      x = unlist(s$x), y = unlist(s$y)
    ))
  ))
}

out <- lapply(specs, draw)
writeLines(toJSON(out, auto_unbox = TRUE, null = "null", digits = NA), args[2])
