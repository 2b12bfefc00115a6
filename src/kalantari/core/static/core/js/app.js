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

  // After a refused form: the first field marked wrong takes the focus (else the summary).
  function focusFirstError() {
    var firstInvalid = document.querySelector("[aria-invalid=true]");
    var summary = document.getElementById("error-summary");
    if (firstInvalid && firstInvalid.offsetParent !== null) { firstInvalid.focus(); }
    else if (summary) { summary.focus(); }
  }

  // A double click must not send a form twice (the server would also refuse the duplicate).
  // Delegated, so forms swapped in by htmx are covered too.
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f.matches || !f.matches("form[data-once]")) { return; }
    // After this tick, so the pressed button's own value is still sent.
    setTimeout(function () {
      f.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    }, 0);
  });

  // htmx (claim, release, notes, queue filters): the plain form works without it. An answer
  // that came from another page (a sign-in the session needed) is opened as a page; an answer
  // that is not to be swapped in (404, 500) reloads the page, which shows the state as it is.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var url = e.detail.xhr && e.detail.xhr.responseURL;
    if (!url) { return; }
    var answered = new URL(url).pathname;
    var asked = new URL(e.detail.requestConfig.path, location.href).pathname;
    if (answered !== location.pathname && answered !== asked) {
      e.detail.shouldSwap = false;
      location.assign(url);
    }
  });
  document.addEventListener("htmx:responseError", function () { location.reload(); });
  document.addEventListener("htmx:sendError", function (e) {
    var f = e.detail.elt;
    if (f && f.querySelectorAll) {
      f.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
    }
  });
  document.addEventListener("htmx:afterSettle", focusFirstError);

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
    focusFirstError();
    if (window.jalaliDatepicker) {
      window.jalaliDatepicker.startWatch({ time: false, persianDigits: true, autoReadOnlyInput: false });
    }
  });
})();
