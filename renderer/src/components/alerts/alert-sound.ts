/**
 * A short two-tone beep made with WebAudio (no audio file to ship or load). Browsers keep audio
 * suspended until the page has had a click or key press; by the time alerts arrive the person
 * has chosen their profile, and if the browser still refuses, the alert shows without sound.
 */
type AudioContextConstructor = new () => AudioContext;

let context: AudioContext | null = null;

export function playAlertBeep(win: object = globalThis): void {
  const Context = (win as { AudioContext?: AudioContextConstructor }).AudioContext;
  if (!Context) return;
  try {
    context ??= new Context();
    const audio = context;
    void audio.resume().catch(() => undefined);
    const start = audio.currentTime + 0.01;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 660],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      // A soft attack and release: no click at either end.
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.16);
    }
  } catch {
    // No audio device, or the browser refused: the alert is still on screen.
  }
}
