// The letter verification page: the SHA-256 of a chosen PDF is computed on the visitor's device
// (the file is never uploaded), written into the hash field, and the form is sent.
(function () {
  "use strict";
  var picker = document.getElementById("berkas-surat");
  var field = document.getElementById("id_sha256");
  if (!picker || !field || !window.crypto || !window.crypto.subtle) { return; }
  picker.closest(".pdf-hash").classList.remove("d-none");
  picker.addEventListener("change", function () {
    var file = picker.files && picker.files[0];
    if (!file) { return; }
    file.arrayBuffer()
      .then(function (content) { return window.crypto.subtle.digest("SHA-256", content); })
      .then(function (digest) {
        field.value = Array.prototype.map.call(new Uint8Array(digest), function (byte) {
          return byte.toString(16).padStart(2, "0");
        }).join("");
        field.form.submit();
      });
  });
}());
