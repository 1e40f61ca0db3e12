# ggplot2 engine of the chart zoo: renders a batch of ChartSpecs (bench/zoo/README.md) in one R
# process and reports, per chart, the truth ggplot2 itself used.
#
#   Rscript ggplot2.R SPECS.json OUT_DIR RESULTS.json
#
# Truth: the panel ranges of ggplot_build() (expansion included; log10 scales in log10 units,
# dates in days since 1970, discrete positions 1..n) and the panel's box on the device, from the
# gtable's panel viewport after drawing (grid::deviceLoc, in inches, times the dpi). With a `pdf`
# state the chart is drawn by cairo_pdf and rasterised by pdftoppm; the box is then at its dpi.
suppressPackageStartupMessages({
  library(ggplot2)
  library(grid)
  library(jsonlite)
})

SHAPES <- c(o = 16, "^" = 17, v = 6, s = 15, D = 18, x = 4, "+" = 3, "*" = 8)
LINETYPES <- c(solid = "solid", dashed = "dashed", dotted = "dotted", dashdot = "dotdash", none = "blank")
THEMES <- list(grey = theme_grey, bw = theme_bw, minimal = theme_minimal, classic = theme_classic)
INSIDE <- list(
  "inside-upper-right" = c(1, 1), "inside-best" = c(1, 1), "inside-upper-left" = c(0, 1),
  "inside-lower-right" = c(1, 0), "inside-lower-left" = c(0, 0)
)

decimals_for <- function(span) {
  step <- abs(span) / 5
  if (step == 0) step <- 1
  min(6, max(1, 1 - floor(log10(step))))
}

pow10_labels <- function(v) {
  as.expression(lapply(v, function(z) {
    if (is.na(z)) return(NA)
    if (z == 0) return(quote(0))
    e <- floor(log10(abs(z)) + 1e-9)
    m <- signif(z / 10^e, 3)
    if (m == 1) bquote(10^.(e)) else bquote(.(m) %*% 10^.(e))
  }))
}

si_labels <- function(v) {
  vapply(v, function(z) {
    if (is.na(z)) return(NA_character_)
    a <- abs(z)
    for (u in list(c(1e9, "G"), c(1e6, "M"), c(1e3, "k"))) {
      if (a >= as.numeric(u[1])) return(paste0(format(signif(z / as.numeric(u[1]), 6), trim = TRUE), u[2]))
    }
    format(signif(z, 6), trim = TRUE)
  }, "")
}

labels_for <- function(axspec, values) {
  span <- diff(range(values))
  switch(axspec$format,
    decimals = scales::label_number(accuracy = 10^-decimals_for(span)),
    thousands = scales::label_comma(),
    si = si_labels,
    percent = function(v) ifelse(is.na(v), NA, paste0(format(v, trim = TRUE, drop0trailing = TRUE), "%")),
    sci = scales::label_scientific(),
    pow10 = if (axspec$scale == "log") scales::trans_format("log10", scales::math_format(10^.x)) else pow10_labels,
    waiver()
  )
}

build_plot <- function(spec) {
  series <- spec$series
  n <- length(series)
  has_legend <- !is.null(spec$legend)
  keys <- if (has_legend) vapply(series, function(s) as.character(s$name), "") else paste0("s", seq_len(n))
  time <- spec$x$scale == "time"
  cat_axis <- spec$x$scale == "category"
  rows <- lapply(seq_len(n), function(k) {
    s <- series[[k]]
    x <- unlist(s$x)
    d <- data.frame(series = keys[k], y = as.numeric(unlist(s$y)), stringsAsFactors = FALSE)
    d$x <- if (time) as.Date(x) else if (cat_axis) factor(unlist(spec$x$categories)[as.integer(x) + 1], levels = unlist(spec$x$categories)) else as.numeric(x)
    d$err <- if (!is.null(s$errors)) as.numeric(unlist(s$errors)) else NA_real_
    d$lo <- if (!is.null(s$band)) as.numeric(unlist(s$band$lo)) else NA_real_
    d$hi <- if (!is.null(s$band)) as.numeric(unlist(s$band$hi)) else NA_real_
    d
  })
  d <- do.call(rbind, rows)
  d$series <- factor(d$series, levels = keys)
  colours <- setNames(vapply(series, function(s) s$color, ""), keys)
  linetypes <- setNames(vapply(series, function(s) LINETYPES[[s$linestyle]], ""), keys)
  shapes <- setNames(vapply(series, function(s) if (is.null(s$marker)) NA_real_ else SHAPES[[s$marker]], 0), keys)
  lw <- vapply(series, function(s) s$linewidth, 0) / .pt
  ms <- vapply(series, function(s) s$markersize, 0) / .pt * 0.9

  p <- ggplot(d, aes(x = x, y = y, colour = series, group = series))
  for (k in seq_len(n)) {
    s <- series[[k]]
    if (!is.null(s$band)) {
      p <- p + geom_ribbon(data = d[d$series == keys[k], ], aes(ymin = lo, ymax = hi, fill = series),
        alpha = s$band$alpha, colour = NA, show.legend = FALSE, inherit.aes = TRUE)
    }
  }
  for (k in seq_len(n)) {
    s <- series[[k]]
    dk <- d[d$series == keys[k], ]
    if (!is.null(s$errors)) {
      p <- p + geom_errorbar(data = dk, aes(ymin = y - err, ymax = y + err), linewidth = lw[k] * 0.7,
        width = 0, show.legend = FALSE)
    }
    p <- p + geom_line(data = dk, aes(linetype = series), linewidth = lw[k])
    # every series gets a point layer when any has markers (NA: none drawn), so that the shape
    # scale has every level and merges with the colour and linetype legends
    if (any(!is.na(shapes))) p <- p + geom_point(data = dk, aes(shape = series), size = ms[k], na.rm = TRUE)
  }
  title <- if (has_legend) spec$legend$title else NULL
  lname <- if (is.null(title)) waiver() else title
  p <- p + scale_colour_manual(values = colours, name = lname) +
    scale_fill_manual(values = colours, guide = "none") +
    scale_linetype_manual(values = linetypes, name = lname)
  if (any(!is.na(shapes))) {
    p <- p + scale_shape_manual(values = shapes, name = lname, na.translate = FALSE)
  }
  # axes
  ys <- d$y
  sec <- spec$ticks == "in4"
  ylab <- labels_for(spec$y, ys)
  if (spec$y$scale == "log") {
    p <- p + scale_y_log10(labels = ylab, sec.axis = if (sec) dup_axis(labels = NULL, name = NULL) else waiver())
  } else {
    p <- p + scale_y_continuous(labels = ylab, sec.axis = if (sec) dup_axis(labels = NULL, name = NULL) else waiver())
  }
  if (time) {
    p <- p + scale_x_date()
  } else if (!cat_axis) {
    xlab <- labels_for(spec$x, as.numeric(unlist(series[[1]]$x)))
    if (spec$x$scale == "log") {
      p <- p + scale_x_log10(labels = xlab, sec.axis = if (sec) dup_axis(labels = NULL, name = NULL) else waiver())
    } else {
      p <- p + scale_x_continuous(labels = xlab, sec.axis = if (sec) dup_axis(labels = NULL, name = NULL) else waiver())
    }
  }
  p <- p + labs(title = spec$title, x = spec$x_label, y = spec$y_label)
  if (is.null(spec$x_label)) p <- p + theme(axis.title.x = element_blank())
  if (is.null(spec$y_label)) p <- p + theme(axis.title.y = element_blank())

  # theme
  p <- p + THEMES[[spec$look]](base_size = spec$font$size, base_family = spec$font$family)
  if (!spec$grid) p <- p + theme(panel.grid = element_blank())
  if (spec$frame == "box") p <- p + theme(panel.border = element_rect(fill = NA, colour = "grey20"))
  if (spec$frame == "spines") p <- p + theme(axis.line = element_line(colour = "black"))
  if (spec$ticks == "none") p <- p + theme(axis.ticks = element_blank())
  if (spec$ticks %in% c("in", "in4")) p <- p + theme(axis.ticks.length = unit(-3, "pt"))
  if (!has_legend) {
    p <- p + theme(legend.position = "none")
  } else {
    lg <- spec$legend
    pos <- lg$position
    if (pos %in% names(INSIDE)) {
      j <- INSIDE[[pos]]
      p <- p + theme(legend.position = j * 0.96 + 0.02, legend.justification = j)
    } else {
      p <- p + theme(legend.position = switch(pos, "outside-right" = "right", top = "top", bottom = "bottom"))
    }
    if (is.null(lg$title)) p <- p + theme(legend.title = element_blank())
    if (isTRUE(lg$frame)) p <- p + theme(legend.background = element_rect(colour = "grey30", fill = "white"))
    if (pos %in% c("top", "bottom")) {
      # as many rows as the names need to fit the width (ggplot2 would cut a long row off)
      px_per_char <- 0.6 * spec$font$size * spec$dpi / 72
      row_px <- sum(nchar(keys) + 5) * px_per_char
      nr <- max(ceiling(n / lg$columns), ceiling(row_px / (0.9 * spec$width)))
      p <- p + guides(colour = guide_legend(nrow = nr), linetype = guide_legend(nrow = nr), shape = guide_legend(nrow = nr))
    } else if (lg$columns > 1) {
      p <- p + guides(colour = guide_legend(ncol = lg$columns), linetype = guide_legend(ncol = lg$columns), shape = guide_legend(ncol = lg$columns))
    }
  }
  p
}

# Draws the plot on the open device; returns the panel box in inches from the bottom left.
draw_and_measure <- function(g) {
  grid.newpage()
  grid.draw(g)
  lay <- g$layout[g$layout$name == "panel", ]
  seekViewport(sprintf("panel.%d-%d-%d-%d", lay$t, lay$l, lay$b, lay$r))
  loc <- deviceLoc(unit(c(0, 1), "npc"), unit(c(0, 1), "npc"), valueOnly = TRUE)
  upViewport(0)
  loc
}

render <- function(spec, out_dir) {
  p <- build_plot(spec)
  built <- ggplot_build(p)
  pp <- built$layout$panel_params[[1]]
  g <- ggplot_gtable(built)
  png_file <- file.path(out_dir, paste0(spec$id, ".png"))
  w_in <- spec$width / spec$dpi
  h_in <- spec$height / spec$dpi
  pdf_op <- Filter(function(op) op$op == "pdf", spec$state)
  result <- list(id = spec$id, png = png_file)
  if (length(pdf_op)) {
    pdf_file <- file.path(out_dir, paste0(spec$id, ".pdf"))
    cairo_pdf(pdf_file, width = w_in, height = h_in)
    loc <- tryCatch(draw_and_measure(g), finally = dev.off())
    dpi <- pdf_op[[1]]$dpi
    status <- system2("pdftoppm", c("-r", dpi, "-png", "-singlefile", shQuote(pdf_file), shQuote(sub("\\.png$", "", png_file))))
    if (status != 0) stop("pdftoppm failed")
    result$pdf <- pdf_file
    height_px <- h_in * dpi
  } else {
    png(png_file, width = spec$width, height = spec$height, units = "px", res = spec$dpi, type = "cairo")
    loc <- tryCatch(draw_and_measure(g), finally = dev.off())
    dpi <- spec$dpi
    height_px <- spec$height
  }
  box <- c(loc$x[1] * dpi, height_px - loc$y[2] * dpi, loc$x[2] * dpi, height_px - loc$y[1] * dpi)

  xr <- pp$x.range
  yr <- pp$y.range
  if (spec$x$scale == "log") xr <- 10^xr
  if (spec$y$scale == "log") yr <- 10^yr
  if (spec$x$scale == "category") xr <- xr - 1
  if (spec$x$scale == "time") xr <- vapply(xr, decimal_year, 0)
  ticks <- function(view, scale) {
    b <- view$get_breaks()
    l <- view$get_labels()
    keep <- !is.na(b)
    v <- as.numeric(b[keep])
    if (scale == "log") v <- 10^v
    if (scale == "time") v <- vapply(v, decimal_year, 0)
    if (scale == "category") v <- v - 1
    labs <- l[keep]
    list(v = v, labels = if (is.expression(labs)) vapply(labs, function(e) paste(deparse(e), collapse = ""), "") else as.character(labs))
  }
  tx <- ticks(pp$x, spec$x$scale)
  ty <- ticks(pp$y, spec$y$scale)
  result$extras <- list(
    x_range = xr, y_range = yr, plot_area_px = box,
    x_ticks = tx$v, y_ticks = ty$v, x_tick_labels = tx$labels, y_tick_labels = ty$labels
  )
  result
}

# days since 1970 -> calendar decimal year
decimal_year <- function(days) {
  t <- as.POSIXct(days * 86400, origin = "1970-01-01", tz = "UTC")
  y <- as.integer(format(t, "%Y", tz = "UTC"))
  a <- as.numeric(as.POSIXct(sprintf("%d-01-01", y), tz = "UTC"))
  b <- as.numeric(as.POSIXct(sprintf("%d-01-01", y + 1), tz = "UTC"))
  y + (as.numeric(t) - a) / (b - a)
}

# A figure of panels (bench/zoo/figures.mjs) as facets: facet_wrap (one strip per panel, its
# title) or facet_grid (strips naming the columns above and the rows on the right); scales
# "fixed" where both axes are shared (only the outer panels print tick labels), else free.
# Returns the panel's ggplot and how to find each panel in the gtable.
build_figure <- function(fs) {
  panels <- fs$panels
  first <- panels[[1]]
  wrap <- fs$kind == "facet_wrap"
  strip <- vapply(seq_along(panels), function(k) {
    p <- panels[[k]]
    if (!wrap) return("")
    if (is.null(p$label)) p$title else paste(p$label, p$title)
  }, "")
  rows <- lapply(seq_along(panels), function(k) {
    p <- panels[[k]]
    do.call(rbind, lapply(seq_along(p$series), function(j) {
      s <- p$series[[j]]
      data.frame(panel = strip[k], prow = fs$strips$rows[[p$cell[[1]] + 1]] %||% "",
        pcol = fs$strips$cols[[p$cell[[2]] + 1]] %||% "", series = as.character(s$name),
        x = as.numeric(unlist(s$x)), y = as.numeric(unlist(s$y)), stringsAsFactors = FALSE)
    }))
  })
  d <- do.call(rbind, rows)
  d$panel <- factor(d$panel, levels = unique(strip))
  if (!wrap) {
    d$prow <- factor(d$prow, levels = unlist(fs$strips$rows))
    d$pcol <- factor(d$pcol, levels = unlist(fs$strips$cols))
  }
  series <- first$series
  keys <- vapply(series, function(s) as.character(s$name), "")
  d$series <- factor(d$series, levels = keys)
  colours <- setNames(vapply(series, function(s) s$color, ""), keys)
  linetypes <- setNames(vapply(series, function(s) LINETYPES[[s$linestyle]], ""), keys)
  shapes <- setNames(vapply(series, function(s) if (is.null(s$marker)) NA_real_ else SHAPES[[s$marker]], 0), keys)
  lw <- series[[1]]$linewidth / .pt
  ms <- series[[1]]$markersize / .pt * 0.9
  p <- ggplot(d, aes(x = x, y = y, colour = series, linetype = series, group = series)) +
    geom_line(linewidth = lw)
  if (any(!is.na(shapes))) p <- p + geom_point(aes(shape = series), size = ms, na.rm = TRUE) +
    scale_shape_manual(values = shapes, na.translate = FALSE, name = fs$legend$title %||% waiver())
  lname <- if (is.null(fs$legend$title)) waiver() else fs$legend$title
  p <- p + scale_colour_manual(values = colours, name = lname) +
    scale_linetype_manual(values = linetypes, name = lname)
  ylab <- labels_for(first$y, d$y)
  p <- p + (if (first$y$scale == "log") scale_y_log10(labels = ylab) else scale_y_continuous(labels = ylab))
  xlab <- labels_for(first$x, d$x)
  p <- p + (if (first$x$scale == "log") scale_x_log10(labels = xlab) else scale_x_continuous(labels = xlab))
  scales <- if (fs$share$x && fs$share$y) "fixed" else if (fs$share$y) "free_x" else if (fs$share$x) "free_y" else "free"
  p <- p + if (wrap) facet_wrap(~panel, ncol = fs$cols, scales = scales) else facet_grid(prow ~ pcol, scales = scales)
  p <- p + labs(title = fs$suptitle, x = fs$x_label, y = fs$y_label)
  p <- p + THEMES[[fs$look]](base_size = fs$font$size, base_family = fs$font$family)
  if (is.null(fs$x_label)) p <- p + theme(axis.title.x = element_blank())
  if (is.null(fs$y_label)) p <- p + theme(axis.title.y = element_blank())
  if (!fs$grid) p <- p + theme(panel.grid = element_blank())
  if (fs$ticks == "in") p <- p + theme(axis.ticks.length = unit(-3, "pt"))
  if (fs$legendMode != "shared") {
    p <- p + theme(legend.position = "none")
  } else {
    pos <- switch(fs$legend$position, right = "right", top = "top", "bottom")
    p <- p + theme(legend.position = pos)
    if (is.null(fs$legend$title)) p <- p + theme(legend.title = element_blank())
    if (isTRUE(fs$legend$frame)) p <- p + theme(legend.background = element_rect(colour = "grey30", fill = "white"))
  }
  p
}

`%||%` <- function(a, b) if (is.null(a)) b else a

render_figure <- function(fs, out_dir) {
  p <- build_figure(fs)
  built <- ggplot_build(p)
  lay <- built$layout$layout
  png_file <- file.path(out_dir, paste0(fs$id, ".png"))
  w_in <- fs$width / fs$dpi
  h_in <- fs$height / fs$dpi
  # the gtable is built on the device it is drawn on (text is measured with its fonts)
  measure <- function() {
    g <- ggplot_gtable(built)
    grid.newpage()
    grid.draw(g)
    # the gtable's panel cells, by their place in its rows and columns (their names do not
    # follow the facet layout's ROW and COL in facet_wrap)
    cells <- g$layout[grepl("^panel", g$layout$name), ]
    ts <- sort(unique(cells$t))
    ls <- sort(unique(cells$l))
    locs <- lapply(seq_len(nrow(lay)), function(i) {
      cell <- cells[cells$t == ts[lay$ROW[i]] & cells$l == ls[lay$COL[i]], ]
      seekViewport(sprintf("%s.%d-%d-%d-%d", cell$name, cell$t, cell$l, cell$b, cell$r))
      loc <- deviceLoc(unit(c(0, 1), "npc"), unit(c(0, 1), "npc"), valueOnly = TRUE)
      upViewport(0)
      loc
    })
    locs
  }
  pdf_op <- Filter(function(op) op$op == "pdf", fs$state)
  result <- list(id = fs$id, png = png_file)
  if (length(pdf_op)) {
    pdf_file <- file.path(out_dir, paste0(fs$id, ".pdf"))
    cairo_pdf(pdf_file, width = w_in, height = h_in)
    locs <- tryCatch(measure(), finally = dev.off())
    dpi <- pdf_op[[1]]$dpi
    status <- system2("pdftoppm", c("-r", dpi, "-png", "-singlefile", shQuote(pdf_file), shQuote(sub("\\.png$", "", png_file))))
    if (status != 0) stop("pdftoppm failed")
    result$pdf <- pdf_file
    height_px <- h_in * dpi
  } else {
    png(png_file, width = fs$width, height = fs$height, units = "px", res = fs$dpi, type = "cairo")
    locs <- tryCatch(measure(), finally = dev.off())
    dpi <- fs$dpi
    height_px <- fs$height
  }
  first <- fs$panels[[1]]
  panels <- lapply(seq_len(nrow(lay)), function(i) {
    loc <- locs[[i]]
    pp <- built$layout$panel_params[[i]]
    xr <- pp$x.range
    yr <- pp$y.range
    if (first$x$scale == "log") xr <- 10^xr
    if (first$y$scale == "log") yr <- 10^yr
    list(
      x_range = xr, y_range = yr,
      plot_area_px = c(loc$x[1] * dpi, height_px - loc$y[2] * dpi, loc$x[2] * dpi, height_px - loc$y[1] * dpi),
      panel_box_px = NULL
    )
  })
  # the layout lists panels in the figure's order (facet levels, rows then columns)
  result$extras <- list(panels = panels)
  result
}

main <- function() {
  args <- commandArgs(trailingOnly = TRUE)
  figures <- args[1] == "--figures"
  if (figures) args <- args[-1]
  specs <- fromJSON(args[1], simplifyVector = FALSE)
  out_dir <- args[2]
  results <- lapply(specs, function(spec) {
    tryCatch(if (figures) render_figure(spec, out_dir) else render(spec, out_dir), error = function(e) {
      while (!is.null(dev.list())) dev.off()
      list(id = spec$id, error = conditionMessage(e))
    })
  })
  writeLines(toJSON(results, auto_unbox = TRUE, digits = NA, null = "null"), args[3])
}

main()
