// The agent workstation: replies without reloading (the new customer message is added to a live log, so a screen
// reader announces it), reading aloud through the server's eSpeak NG, dictation recorded as 16 kHz WAV and
// transcribed by the server, quick replies, and keyboard shortcuts for each. Without this script the page still
// works: the form posts, and "Read the last message aloud" is a link to the audio.
(function () {
  "use strict";
  var root = document.getElementById("workstation");
  if (!root || !window.fetch) { return; }
  var form = document.getElementById("reply-form");
  var reply = document.getElementById("reply");
  var log = document.getElementById("chat-lines");
  var status = document.getElementById("workstation-status");
  var player = document.getElementById("speech-player");
  var listen = document.getElementById("listen");
  var rate = document.getElementById("rate");
  var dictate = document.getElementById("dictate");
  var language = root.dataset.language;
  var TARGET_RATE = 16000;

  function say(text) { status.textContent = text; }

  function lastCustomerText() {
    var lines = log.querySelectorAll("li.chat-customer .message-text");
    return lines.length ? lines[lines.length - 1].textContent : "";
  }

  function speechUrl(text) {
    return "/workforce/workstation/speech?text=" + encodeURIComponent(text) + "&language=" + encodeURIComponent(language) + "&rate=" + encodeURIComponent(rate.value);
  }

  function readAloud() {
    var text = lastCustomerText();
    if (!text) { return; }
    player.src = speechUrl(text);
    player.play().catch(function () { /* autoplay refused: the link still works */ });
  }

  function addLine(speaker, text) {
    var previous = document.getElementById("latest");
    if (previous) { previous.removeAttribute("id"); previous.removeAttribute("tabindex"); }
    var item = document.createElement("li");
    item.className = "chat-" + speaker;
    var p = document.createElement("p");
    var who = document.createElement("strong");
    who.textContent = (speaker === "customer" ? root.dataset.customer : root.dataset.you) + ":";
    var words = document.createElement("span");
    words.className = "message-text";
    words.lang = language;
    words.textContent = text;
    p.appendChild(who);
    p.appendChild(document.createTextNode(" "));
    p.appendChild(words);
    item.appendChild(p);
    item.id = "latest";
    log.appendChild(item);
    listen.href = speechUrl(lastCustomerText());
  }

  function send() {
    if (!form || !reply.value.trim()) { return; }
    var body = new FormData(form);
    var sent = reply.value;
    fetch(form.action, { method: "POST", body: body, headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        if (!result.ok) { say(result.data.detail || result.data.title); return; }
        addLine("agent", sent);
        addLine("customer", result.data.customer);
        reply.value = "";
        if (result.data.ended) {
          say(root.dataset.ended.replace("{score}", result.data.score));
          form.hidden = true;
          window.location.assign("/workforce/workstation#latest");
        } else {
          reply.focus();
        }
      })
      .catch(function () { form.submit(); });
  }

  function insert(text) {
    var joiner = reply.value && !/\s$/.test(reply.value) ? " " : "";
    reply.value = reply.value + joiner + text;
    reply.focus();
  }

  // Dictation: capture the microphone with the Web Audio API, resample to 16 kHz mono and send a WAV file.
  var capture = null;

  // The mean of the samples in [start, end): when the browser would not record at 16 kHz itself, averaging each
  // output sample's window is a simple low-pass filter, so high frequencies do not fold back as noise.
  function averageOf(samples, start, end) {
    var first = Math.floor(start);
    var last = Math.max(first + 1, Math.min(samples.length, Math.floor(end)));
    var sum = 0;
    for (var j = first; j < last; j++) { sum += samples[j]; }
    return sum / (last - first);
  }

  function wavFrom(samples, sampleRate) {
    var ratio = sampleRate / TARGET_RATE;
    var length = Math.floor(samples.length / ratio);
    var buffer = new ArrayBuffer(44 + length * 2);
    var view = new DataView(buffer);
    function text(offset, value) { for (var i = 0; i < value.length; i++) { view.setUint8(offset + i, value.charCodeAt(i)); } }
    text(0, "RIFF"); view.setUint32(4, 36 + length * 2, true); text(8, "WAVE"); text(12, "fmt ");
    view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
    view.setUint32(24, TARGET_RATE, true); view.setUint32(28, TARGET_RATE * 2, true);
    view.setUint16(32, 2, true); view.setUint16(34, 16, true); text(36, "data"); view.setUint32(40, length * 2, true);
    for (var i = 0; i < length; i++) {
      var value = Math.max(-1, Math.min(1, averageOf(samples, i * ratio, (i + 1) * ratio)));
      view.setInt16(44 + i * 2, value < 0 ? value * 0x8000 : value * 0x7fff, true);
    }
    return new Blob([view], { type: "audio/wav" });
  }

  // Microphone samples arrive in blocks: through an AudioWorklet where the browser has one (off the main
  // thread), else through the older ScriptProcessorNode.
  function captureNode(context, chunks) {
    if (context.audioWorklet) {
      return context.audioWorklet.addModule("/static/dictation-worklet.js").then(function () {
        var node = new AudioWorkletNode(context, "dictation-capture");
        node.port.onmessage = function (event) { chunks.push(event.data); };
        return node;
      });
    }
    var processor = context.createScriptProcessor(4096, 1, 1);
    processor.onaudioprocess = function (event) { chunks.push(new Float32Array(event.inputBuffer.getChannelData(0))); };
    return Promise.resolve(processor);
  }

  // Echo cancellation keeps the page's own read-aloud out of the dictation. Noise suppression and automatic gain
  // are tuned for calls and smear the sounds the recogniser needs: with them on, "thank you for" was heard as
  // "and you are".
  var MICROPHONE = { audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: false } };

  function startDictation() {
    navigator.mediaDevices.getUserMedia(MICROPHONE).then(function (stream) {
      var context = new AudioContext({ sampleRate: TARGET_RATE });
      var source;
      try {
        // The browser's own resampler is better than ours; some browsers cannot mix a 16 kHz context with a
        // microphone at another rate, and then the device's rate is used and wavFrom resamples.
        source = context.createMediaStreamSource(stream);
      } catch (error) {
        context.close();
        context = new AudioContext();
        source = context.createMediaStreamSource(stream);
      }
      var chunks = [];
      return captureNode(context, chunks).then(function (node) {
        source.connect(node);
        node.connect(context.destination);
        capture = { stream: stream, context: context, processor: node, chunks: chunks };
        dictate.setAttribute("aria-pressed", "true");
        say(root.dataset.dictating);
      });
    }).catch(function () { say(root.dataset.noMicrophone); });
  }

  function stopDictation() {
    var done = capture;
    capture = null;
    dictate.setAttribute("aria-pressed", "false");
    done.processor.disconnect();
    done.stream.getTracks().forEach(function (track) { track.stop(); });
    var total = done.chunks.reduce(function (sum, chunk) { return sum + chunk.length; }, 0);
    var samples = new Float32Array(total);
    var offset = 0;
    done.chunks.forEach(function (chunk) { samples.set(chunk, offset); offset += chunk.length; });
    var sampleRate = done.context.sampleRate;
    done.context.close();
    var body = new FormData();
    body.append("csrf_token", form.elements.csrf_token.value);
    body.append("language", language);
    body.append("audio", wavFrom(samples, sampleRate), "dictation.wav");
    fetch("/workforce/workstation/dictation", { method: "POST", body: body, headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json().then(function (data) { return { ok: response.ok, data: data }; }); })
      .then(function (result) {
        if (!result.ok) { say(root.dataset.dictationFailed + " " + (result.data.detail || result.data.title)); return; }
        if (result.data.text) { insert(result.data.text); }
        say(root.dataset.dictated);
      });
  }

  function toggleDictation() {
    if (!form) { return; }
    if (capture) { stopDictation(); } else { startDictation(); }
  }

  if (navigator.mediaDevices && window.AudioContext && dictate) {
    dictate.hidden = false;
    dictate.addEventListener("click", toggleDictation);
  }
  listen.addEventListener("click", function (event) { event.preventDefault(); readAloud(); });
  rate.addEventListener("change", function () { listen.href = speechUrl(lastCustomerText()); });
  if (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); send(); });
    Array.prototype.forEach.call(document.querySelectorAll(".quick-reply"), function (button) {
      button.addEventListener("click", function () { insert(button.dataset.text); });
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey && !event.ctrlKey && (event.code === "KeyL")) { event.preventDefault(); readAloud(); return; }
    if (event.altKey && !event.ctrlKey && (event.code === "KeyD")) { event.preventDefault(); toggleDictation(); return; }
    if (event.altKey && !event.ctrlKey && /^Digit[1-4]$/.test(event.code) && form) {
      var buttons = document.querySelectorAll(".quick-reply");
      var index = Number(event.code.slice(5)) - 1;
      if (buttons[index]) { event.preventDefault(); insert(buttons[index].dataset.text); }
      return;
    }
    if (event.ctrlKey && event.key === "Enter" && form) { event.preventDefault(); send(); }
  });
})();
