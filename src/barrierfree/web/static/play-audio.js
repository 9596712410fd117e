// "Play as voice" on the card and speech pages: plays the server's speech without leaving the page. Without
// JavaScript the button stays hidden and the download link still gives the audio.
(function () {
  "use strict";
  var button = document.getElementById("play-card");
  var status = document.getElementById("play-status");
  if (!button || !window.Audio) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var player = new Audio(button.dataset.src);
    player.play().catch(function () { status.textContent = button.dataset.failed; });
  });
})();
