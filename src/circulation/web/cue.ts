/** The desk's error cue: a short low beep (Web Audio), so a librarian looking at the books hears a refusal. */
let context: AudioContext | null = null;

export function beepError() {
  try {
    context ??= new AudioContext();
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = 'square';
    osc.frequency.value = 220;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(context.destination);
    osc.start();
    osc.stop(context.currentTime + 0.25);
  } catch {
    // No audio (a headless browser, a locked-down machine): the red message still shows.
  }
}
