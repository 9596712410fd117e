// The rider's order list, kept current: every few seconds the page asks for the rider's orders. A new order is added
// to the list, announced in the status line (screen readers read it out), and signalled by a vibration and a flash,
// because a rider who cannot hear a ringtone must still notice it. Without JavaScript the list is as of the last load.
(function () {
  "use strict";
  var INTERVAL_MS = 5000;
  var BACKOFF_MS = 20000;
  var section = document.querySelector("[data-orders-feed]");
  if (!section || !window.fetch) { return; }
  var list = section.querySelector("ul.rider-list");
  var status = section.querySelector(".orders-status");
  var seen = {};
  Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (item) { seen[item.dataset.id] = item; });

  function signal() {
    if (navigator.vibrate) { navigator.vibrate([300, 100, 300, 100, 300]); }
    document.body.classList.add("chat-flash");
    window.setTimeout(function () { document.body.classList.remove("chat-flash"); }, 800);
  }

  function add(order) {
    var item = document.createElement("li");
    item.dataset.id = String(order.id);
    var link = document.createElement("a");
    link.href = order.url;
    link.textContent = order.label;
    item.appendChild(link);
    list.appendChild(item);
    seen[order.id] = item;
    var empty = section.querySelector(".orders-empty");
    if (empty) { empty.parentNode.removeChild(empty); }
  }

  function update(orders) {
    var fresh = [];
    orders.forEach(function (order) {
      var known = seen[order.id];
      if (known) {
        known.querySelector("a").textContent = order.label;  // the stage may have moved on
        return;
      }
      add(order);
      fresh.push(order.label);
    });
    if (fresh.length) {
      status.textContent = section.dataset.newLabel + " " + fresh.join("; ");
      signal();
    }
  }

  function poll() {
    window.fetch(section.dataset.ordersFeed, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        update(data.orders || []);
        window.setTimeout(poll, INTERVAL_MS);
      })
      .catch(function () { window.setTimeout(poll, BACKOFF_MS); });  // signed out or offline: try again later
  }

  window.setTimeout(poll, INTERVAL_MS);
})();
