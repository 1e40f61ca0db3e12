#!/bin/sh
# Installs the chart zoo's plotting engines (bench/zoo/README.md): Debian packages for
# matplotlib, gnuplot, ggplot2, pdftoppm, headless Chromium and the fonts the specs name, and
# the JavaScript engines into bench/zoo/node_modules from bench/zoo/package-lock.json (never
# into the main package). Run as root (or with sudo) on Debian 12:
#
#   sh bench/zoo/setup.sh
set -eu
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  python3-matplotlib gnuplot-nox r-cran-ggplot2 r-cran-jsonlite poppler-utils chromium \
  fonts-dejavu fonts-liberation fonts-liberation2 fonts-urw-base35 fonts-freefont-ttf \
  fonts-roboto fonts-open-sans fonts-lato fonts-crosextra-carlito fonts-crosextra-caladea \
  fonts-noto-core

npm ci --prefix . --no-audit --no-fund

# What is there now (an engine that is missing is skipped by the zoo, with a message).
/usr/bin/python3 -c 'import matplotlib; print("matplotlib", matplotlib.__version__)'
gnuplot --version
Rscript -e 'cat("ggplot2", as.character(packageVersion("ggplot2")), "\n")'
pdftoppm -v 2>&1 | head -1
