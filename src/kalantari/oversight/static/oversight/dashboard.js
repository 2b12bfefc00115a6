/* Draws the dashboard's two charts from the numbers the server put in #dashboard-data
 * (json_script; no inline script under the CSP). Right-to-left in Persian: legend and
 * tooltips in RTL, the time axis running from right to left, Persian digits; the same
 * numbers are in the tables under each chart. */
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var rtl = Boolean(data.rtl);
    var numbers = new Intl.NumberFormat(data.lang === "fa" ? "fa-IR" : "en-US");
    var dir = rtl ? "rtl" : "ltr";
    var Chart = window.Chart;
    Chart.defaults.font.family = '"Vazirmatn", system-ui, sans-serif';
    Chart.defaults.color = "#1b2330";

    function options(reverseX) {
      return {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: data.lang === "fa" ? "fa-IR" : "en-US",
        interaction: { mode: "index", intersect: false },
        layout: { padding: { left: 12, right: 12 } },
        plugins: {
          legend: { rtl: rtl, textDirection: dir, position: "top", align: "start" },
          tooltip: {
            rtl: rtl,
            textDirection: dir,
            callbacks: {
              label: function (item) {
                return item.dataset.label + ": " + numbers.format(item.parsed.y);
              }
            }
          }
        },
        scales: {
          x: { reverse: reverseX, ticks: { autoSkip: true, maxRotation: 0 } },
          y: {
            beginAtZero: true,
            position: rtl ? "right" : "left",
            ticks: {
              precision: 0,
              callback: function (value) { return numbers.format(value); }
            }
          }
        }
      };
    }

    var daily = document.getElementById("chart-daily");
    if (daily) {
      new Chart(daily, {
        type: "line",
        data: {
          labels: data.daily.labels,
          datasets: [
            { label: data.daily.names.received, data: data.daily.received, borderColor: "#11589c", backgroundColor: "#11589c", cubicInterpolationMode: "monotone", pointRadius: 2 },
            { label: data.daily.names.closed, data: data.daily.closed, borderColor: "#17663a", backgroundColor: "#17663a", cubicInterpolationMode: "monotone", pointRadius: 2 }
          ]
        },
        options: options(rtl)
      });
      daily.dataset.drawn = "1";
    }
    var backlog = document.getElementById("chart-backlog");
    if (backlog) {
      new Chart(backlog, {
        type: "bar",
        data: {
          labels: data.backlog.labels,
          datasets: [{ label: data.backlog.names.open, data: data.backlog.counts, backgroundColor: "#8a5a00" }]
        },
        options: options(rtl)
      });
      backlog.dataset.drawn = "1";
    }
  }

  // Draw once the page's font (Vazirmatn) is ready: a canvas does not redraw when it loads.
  function start() {
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(draw, draw);
    } else {
      draw();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
