// Citizen page: "you are next" also by sound and vibration, once per change, never in a loop.
// Browsers let a page play sound only after the person has touched it, so audio is unlocked on
// the first tap or key press (checking in is one); a button offers that tap after a reload.

const $ = (id) => document.getElementById(id);

// Short rising chimes (Hz): two notes when next, three when given the floor.
const CHIMES = { next: [660, 880], onFloor: [660, 880, 1320] };
const VIBRATION = { next: [300, 150, 300], onFloor: [500, 150, 500] };
const NOTE_SECONDS = 0.18;
const GAP_SECONDS = 0.06;

let audio = null;

function audioContextClass() {
  return window.AudioContext || window.webkitAudioContext || null;
}

function unlocked() {
  return !!audio && audio.state === 'running';
}

function showSoundButton() {
  const button = $('sound-on');
  if (button) button.hidden = unlocked() || !audioContextClass();
}

/** Inside a user gesture: create or wake the audio context. */
function unlock() {
  const Context = audioContextClass();
  if (!Context) return Promise.resolve();
  try {
    if (!audio) audio = new Context();
    return (audio.state === 'suspended' ? audio.resume() : Promise.resolve()).catch(() => {}).then(showSoundButton);
  } catch {
    audio = null;
    return Promise.resolve();
  }
}

function play(tones) {
  const start = audio.currentTime + 0.02;
  tones.forEach((frequency, i) => {
    const at = start + i * (NOTE_SECONDS + GAP_SECONDS);
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    // A soft attack and release: no click at either end.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_SECONDS);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_SECONDS + 0.01);
  });
}

export function setupNextAlert() {
  // On click, not pointerdown: hiding the button between press and release would eat its click.
  const early = { capture: true, passive: true };
  document.addEventListener('click', unlock, early);
  document.addEventListener('keydown', unlock, early);
  const button = $('sound-on');
  if (button) {
    button.addEventListener('click', () => unlock().then(() => { if (unlocked()) play(CHIMES.next); }));
  }
  showSoundButton();
}

/** Called once when the turn's state becomes `key`; does nothing for other states. */
export function ringFor(key) {
  if (!CHIMES[key]) return;
  if (unlocked()) play(CHIMES[key]);
  // Browsers refuse (and log) vibration before any user gesture on the page.
  const active = !navigator.userActivation || navigator.userActivation.hasBeenActive;
  if (active && typeof navigator.vibrate === 'function') navigator.vibrate(VIBRATION[key]);
}
