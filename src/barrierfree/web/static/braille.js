// Live conversion on the braille page: as the text changes, ask the API and update the result in place.
// The page works without this script (the form posts to the server). The result area is not a live region, so
// a screen reader is not interrupted while typing; one short status line says when the braille was updated.
(function () {
  "use strict";
  var form = document.getElementById("braille-form");
  if (!form || !window.fetch) { return; }
  var status = document.getElementById("live-status");
  var result = document.getElementById("result");
  var timer = null;
  var latest = 0;

  function cell(text, lang) {
    var td = document.createElement("td");
    td.textContent = text;
    if (lang) { td.lang = lang; }
    return td;
  }

  function show(data) {
    document.getElementById("pinyin-output").textContent = data.pinyin_text;
    document.getElementById("braille-output").textContent = data.unicode;
    document.getElementById("brf-output").textContent = data.brf;
    var body = document.querySelector("#words-table tbody");
    body.textContent = "";
    data.words.forEach(function (word) {
      var row = document.createElement("tr");
      row.appendChild(cell(word.text, "zh-CN"));
      row.appendChild(cell(word.marked.join(" "), "zh-Latn-pinyin"));
      row.appendChild(cell(word.braille));
      row.appendChild(cell(word.dots.join(" ")));
      body.appendChild(row);
    });
    result.hidden = false;
    status.textContent = form.dataset.updated.replace("{n}", String(data.words.length));
  }

  function convert() {
    var text = form.elements.text.value;
    if (!text.trim()) { return; }
    var ticket = ++latest;
    var body = {
      text: text,
      system: form.elements.system.value,
      english: form.elements.english.value,
      cells_per_line: parseInt(form.elements.cells_per_line.value || "0", 10) || 0
    };
    fetch("/api/v1/braille/translate", {
      method: "POST",
      headers: {"Content-Type": "application/json", "Accept": "application/json"},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && ticket === latest) { show(data); }
    }).catch(function () { /* the Convert button still works */ });
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(convert, 400);
  });
}());
