#!/usr/bin/env bash
# Copy front-end assets from npm packages into the app's static files (no CDN at run time).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error
out=src/kalantari/core/static/vendor
rm -rf "$out" && mkdir -p "$out/vazirmatn" "$out/jalalidatepicker" "$out/chartjs"
cp "node_modules/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2" "$out/vazirmatn/Vazirmatn-wght.woff2"
cp node_modules/vazirmatn/OFL.txt "$out/vazirmatn/"
cp node_modules/@majidh1/jalalidatepicker/dist/jalalidatepicker.min.js \
   node_modules/@majidh1/jalalidatepicker/dist/jalalidatepicker.min.css "$out/jalalidatepicker/"
# Chart.js (UMD build: one file, no bundler; the dashboards' charts, oversight/dashboard.js).
cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map "$out/chartjs/"
cp node_modules/chart.js/LICENSE.md "$out/chartjs/"
