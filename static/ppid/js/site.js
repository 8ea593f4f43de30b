/* The portal's own behaviour, loaded on every page (the Content-Security-Policy allows no inline script).
 * - A form's error summary receives focus, and its links move focus to the field they name.
 * - Text fields with a maxlength show how many characters are used, say so near the limit, and warn when a
 *   paste was cut to the limit.
 * - A form is not sent twice by a double click.
 * Everything here is an enhancement: the pages work without it.
 */
(function () {
  "use strict";

  function strings() {
    var holder = document.getElementById("js-strings");
    return holder ? holder.dataset : {};
  }

  function format(template, values) {
    return (template || "").replace(/%\((\w+)\)s/g, function (_, key) {
      return values[key] !== undefined ? values[key] : "";
    });
  }

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    // A fragment in the address (e.g. #konten after the skip link) would move focus away on load.
    window.addEventListener("load", function () {
      if (document.activeElement === document.body || document.activeElement.id === "konten") summary.focus();
    });
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']");
      var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
      (legend || label || field).scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  }

  function addCounters() {
    var text = strings();
    var fields = document.querySelectorAll("textarea[maxlength], input[data-counter][maxlength]");
    Array.prototype.forEach.call(fields, function (field) {
      var max = parseInt(field.getAttribute("maxlength"), 10);
      if (!max) return;
      var counter = document.createElement("div");
      counter.className = "char-counter form-text";
      counter.id = field.id + "_counter";
      var visible = document.createElement("span");
      visible.setAttribute("aria-hidden", "true");
      var announce = document.createElement("span");
      announce.className = "visually-hidden";
      announce.setAttribute("aria-live", "polite");
      counter.appendChild(visible);
      counter.appendChild(announce);
      field.insertAdjacentElement("afterend", counter);
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.id = field.id + "_limit";
      hint.textContent = format(text.counterMax, { max: max });
      counter.appendChild(hint);
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described.push(hint.id);
      field.setAttribute("aria-describedby", described.join(" "));
      var lastAnnounced = null;
      function update() {
        var used = field.value.length;
        var left = max - used;
        visible.textContent = format(text.counter, { count: used, max: max });
        counter.classList.toggle("near-limit", left <= max * 0.1);
        // Speak only near the limit, and only when the tens change: not on every key.
        var step = left <= 0 ? 0 : Math.ceil(left / 10) * 10;
        if (left <= max * 0.1 && step !== lastAnnounced) {
          lastAnnounced = step;
          announce.textContent = left <= 0 ? format(text.counterFull, { max: max }) : format(text.counterLeft, { left: left });
        }
      }
      field.addEventListener("input", update);
      // A paste longer than the limit is cut by the browser without a word: say so, visibly and aloud.
      field.addEventListener("paste", function (event) {
        var pasted = (event.clipboardData || window.clipboardData || { getData: function () { return ""; } }).getData("text");
        var kept = field.value.length - (field.selectionEnd - field.selectionStart);
        if (pasted && kept + pasted.length > max) {
          counter.classList.add("near-limit");
          announce.textContent = format(text.counterCut, { max: max });
          visible.setAttribute("data-cut", "1");
          var warning = counter.querySelector(".char-counter-cut") || document.createElement("div");
          warning.className = "char-counter-cut text-danger";
          warning.setAttribute("aria-hidden", "true");
          warning.textContent = format(text.counterCut, { max: max });
          counter.appendChild(warning);
        }
      });
      update();
    });
  }

  function preventDoubleSubmit() {
    Array.prototype.forEach.call(document.querySelectorAll("form[method='post']"), function (form) {
      form.addEventListener("submit", function (event) {
        if (!form.getAttribute("action") && window.location.hash) {
          // Post to the page without its fragment, so the answer opens at its top (or its error summary).
          form.setAttribute("action", window.location.pathname + window.location.search);
        }
        if (form.dataset.submitted === "1") {
          event.preventDefault();
          return;
        }
        form.dataset.submitted = "1";
        // Sent forms may come back from the browser's page cache (the back button): let them be used again.
        window.addEventListener("pageshow", function () { form.dataset.submitted = ""; }, { once: true });
      });
    });
  }

  function start() {
    focusErrorSummary();
    addCounters();
    preventDoubleSubmit();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
