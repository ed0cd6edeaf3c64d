// Key presses and media for browser tests that run in Chromium (through Playwright) and in
// Firefox (through WebDriver BiDi): only the first understands a chord such as
// 'Shift+Tab' in one press, so chords are pressed as keys held down.
import { emulateMedia, sendKeys } from '@web/test-runner-commands';

/** Presses a key or a chord ('Tab', 'Space', 'Shift+Tab', 'Control+a'), as a person would. */
export async function press(chord: string): Promise<void> {
  const keys = chord.split('+');
  // Firefox's automation knows the space bar only by the character it types.
  const key = keys.pop()!.replace(/^Space$/, ' ');
  for (const modifier of keys) await sendKeys({ down: modifier });
  try {
    await sendKeys({ press: key });
  } finally {
    for (const modifier of keys.reverse()) await sendKeys({ up: modifier });
  }
}

/**
 * `emulateMedia`, or false in a browser whose automation cannot emulate media
 * (Firefox over WebDriver BiDi has no print or forced-colours emulation): the
 * caller leaves out what needs it, and says so.
 */
export async function emulateMediaIfAble(media: Parameters<typeof emulateMedia>[0]): Promise<boolean> {
  try {
    await emulateMedia(media);
    return true;
  } catch (error) {
    if (/CDP support is required|Unsupported media feature/.test(String(error))) return false;
    throw error;
  }
}

/**
 * `emulateMedia`, or, in a browser whose automation cannot emulate media, the
 * test is skipped from here on and reported as skipped.
 */
export async function emulateMediaOrSkip(test: Mocha.Context, media: Parameters<typeof emulateMedia>[0]): Promise<void> {
  if (!(await emulateMediaIfAble(media))) test.skip();
}

/**
 * Puts `text` into a text box in one input event, as pasting does: a box that
 * searches as you type then searches for the whole text only, however slowly the
 * machine would have typed it a key at a time.
 */
export function paste(input: HTMLInputElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertFromPaste' }));
}
