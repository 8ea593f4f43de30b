// Progress of a background document: polls its status and shows the download link when ready.
(function () {
  "use strict";
  var box = document.getElementById("berkas-latar");
  if (!box || box.dataset.finished === "1") { return; }
  var bar = document.getElementById("kemajuan-berkas");
  var label = document.getElementById("status-berkas");
  var percent = document.getElementById("persen-berkas");
  var link = document.getElementById("unduh-berkas");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.value = state.progress;
        bar.textContent = state.progress + "%";
        label.textContent = state.status_label;
        percent.textContent = "(" + state.progress + "%)";
        if (state.status === "done") {
          link.classList.remove("d-none");
        } else if (state.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
