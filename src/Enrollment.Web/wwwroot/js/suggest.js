// A suggestion from the server (e.g. the campaign code for a newly chosen year) goes into an input only if the input
// still shows what the server last put there. The check happens here, in the browser, at the moment of writing: a
// person's typing that has not reached the server yet is never overwritten or appended to. If the person is already in
// the field, what they selected stays selected (all of it, or the caret at the end), so the keystroke that follows
// replaces the suggestion as it would have replaced the old one, instead of being added after it.
export function replaceIfUnchanged(id, expected, next) {
  const input = document.getElementById(id);
  if (!input || input.value !== expected) {
    return false;
  }
  const focused = document.activeElement === input;
  const wholeSelected = focused && input.selectionStart === 0 && input.selectionEnd === expected.length && expected.length > 0;
  input.value = next;
  if (focused) {
    input.setSelectionRange(wholeSelected ? 0 : next.length, next.length);
  }
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}
