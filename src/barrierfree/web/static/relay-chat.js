// The order chat, live: a WebSocket brings each new message into the log (read out by screen readers through its
// aria-live region), makes the phone vibrate and the page flash once, and sends what is typed. Without WebSocket
// or JavaScript the form posts and the page reloads, as before.
(function () {
  "use strict";
  var section = document.querySelector("[data-chat-socket]");
  if (!section || !window.WebSocket) { return; }
  var log = section.querySelector(".chat-log");
  var form = section.querySelector("form");
  var text = form.querySelector("textarea");
  var status = section.querySelector(".chat-status");
  var seen = {};
  Array.prototype.forEach.call(log.querySelectorAll("li[data-id]"), function (item) { seen[item.dataset.id] = true; });

  function signal() {
    if (navigator.vibrate) { navigator.vibrate([200, 100, 200]); }
    document.body.classList.add("chat-flash");
    window.setTimeout(function () { document.body.classList.remove("chat-flash"); }, 800);
  }

  // The rider's words read aloud by the server, for a customer or merchant who cannot read them, as on page load.
  function listenLink(words) {
    var link = document.createElement("a");
    link.href = "/speech/audio.wav?" + new URLSearchParams({ text: words, lang: section.dataset.lang }).toString();
    link.textContent = section.dataset.listenLabel;
    link.setAttribute("aria-label", section.dataset.listenName.replace("{text}", words.slice(0, 60)));
    var holder = document.createDocumentFragment();
    holder.appendChild(document.createTextNode(" "));
    holder.appendChild(link);
    return holder;
  }

  function show(message) {
    var empty = log.querySelector(".chat-empty");
    if (empty) { empty.parentNode.removeChild(empty); }
    var item = document.createElement("li");
    item.className = "chat-" + message.sender;
    item.dataset.id = message.id;
    var who = document.createElement("strong");
    who.textContent = message.sender_label;
    item.appendChild(who);
    var voice = message.from_voice ? " (" + section.dataset.voiceLabel + ")" : "";
    item.appendChild(document.createTextNode(voice + ": " + message.text));
    if (message.sender === "rider" && section.dataset.me !== "rider") { item.appendChild(listenLink(message.text)); }
    log.appendChild(item);
  }

  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  var socket = new WebSocket(scheme + window.location.host + section.dataset.chatSocket);
  socket.onmessage = function (event) {
    var data = JSON.parse(event.data);
    if (data.messages) {
      var fromOthers = false;
      data.messages.forEach(function (message) {
        if (seen[message.id]) { return; }
        seen[message.id] = true;
        show(message);
        if (message.sender !== section.dataset.me) { fromOthers = true; }
      });
      if (fromOthers) { signal(); }
    } else if (data.error) {
      status.textContent = data.error;
    } else if (data.stored) {
      text.value = "";
      status.textContent = section.dataset.sentLabel;
    }
  };
  form.addEventListener("submit", function (event) {
    if (socket.readyState !== WebSocket.OPEN) { return; }  // the form posts as usual
    event.preventDefault();
    socket.send(JSON.stringify({ text: text.value }));
  });
})();
