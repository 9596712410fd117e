// The workstation's dictation: copies each block of microphone samples to the page, which builds the WAV file
// when the agent stops dictating. It writes nothing to its output, so the agent never hears themselves.
class DictationCapture extends AudioWorkletProcessor {
  process(inputs) {
    var channel = inputs[0] && inputs[0][0];
    if (channel) { this.port.postMessage(channel.slice(0)); }
    return true;
  }
}
registerProcessor("dictation-capture", DictationCapture);
