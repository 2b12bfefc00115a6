// Kalantari page behaviour. No inline scripts anywhere (CSP): everything hangs off data- attributes.
(function () {
  "use strict";

  function showExtraFields(select) {
    var code = select.value;
    document.querySelectorAll(".extra[data-category]").forEach(function (box) {
      box.hidden = box.getAttribute("data-category") !== code;
    });
    var option = select.options[select.selectedIndex];
    var anonBox = document.querySelector("[data-anon-box]");
    if (anonBox) {
      var allowed = option && option.getAttribute("data-anonymous") === "1";
      anonBox.hidden = !allowed;
      if (!allowed) {
        var t = anonBox.querySelector("[data-anon-toggle]");
        if (t) { t.checked = false; }
      }
      togglePerson();
    }
  }

  function togglePerson() {
    var toggle = document.querySelector("[data-anon-toggle]");
    var person = document.querySelector("[data-person]");
    if (person) { person.hidden = !!(toggle && toggle.checked); }
  }

  // The station list holds every station grouped by county (usable without scripts); a chosen
  // county keeps only its own group. Options are removed, not hidden: phones ignore `hidden`
  // on an <option>.
  var stationGroups = null;
  function filterStations(county) {
    var station = document.querySelector("[data-station-select]");
    if (!station) { return; }
    if (stationGroups === null) {
      stationGroups = Array.prototype.slice.call(station.querySelectorAll("optgroup[data-county]"));
    }
    var chosen = station.value;
    stationGroups.forEach(function (g) { if (g.parentNode) { g.parentNode.removeChild(g); } });
    stationGroups.forEach(function (g) {
      if (!county.value || g.getAttribute("data-county") === county.value) { station.appendChild(g); }
    });
    station.value = chosen;
    if (station.value !== chosen) { station.value = ""; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var category = document.querySelector("[data-extra-switch]");
    if (category) {
      category.addEventListener("change", function () { showExtraFields(category); });
      showExtraFields(category);
    }
    var anon = document.querySelector("[data-anon-toggle]");
    if (anon) { anon.addEventListener("change", togglePerson); }
    var county = document.querySelector("[data-county-select]");
    if (county) {
      county.addEventListener("change", function () { filterStations(county); });
      filterStations(county);
    }
    var geo = document.querySelector("[data-geolocate]");
    if (geo && navigator.geolocation) {
      geo.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (p) {
          document.getElementById("id_latitude").value = p.coords.latitude.toFixed(6);
          document.getElementById("id_longitude").value = p.coords.longitude.toFixed(6);
        });
      });
    } else if (geo) { geo.hidden = true; }
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    // The receipt's QR carries the code in the URL fragment, which never reaches a server log.
    var codeInput = document.querySelector("[data-code-from-fragment]");
    if (codeInput && location.hash.indexOf("#code=") === 0) {
      codeInput.value = decodeURIComponent(location.hash.slice(6));
      history.replaceState(null, "", location.pathname);
      var secret = document.getElementById("id_secret");
      if (secret) { secret.focus(); }
    }
    // A double click must not send a form twice (the server would also refuse the duplicate).
    document.querySelectorAll("form[data-once]").forEach(function (f) {
      f.addEventListener("submit", function () {
        // After this tick, so the pressed button's own value is still sent.
        setTimeout(function () {
          f.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
        }, 0);
      });
    });
    // After a refused form: the first field marked wrong takes the focus (else the summary).
    var firstInvalid = document.querySelector("[aria-invalid=true]");
    var summary = document.getElementById("error-summary");
    if (firstInvalid && firstInvalid.offsetParent !== null) { firstInvalid.focus(); }
    else if (summary) { summary.focus(); }
    if (window.jalaliDatepicker) {
      window.jalaliDatepicker.startWatch({ time: false, persianDigits: true, autoReadOnlyInput: false });
    }
  });
})();
