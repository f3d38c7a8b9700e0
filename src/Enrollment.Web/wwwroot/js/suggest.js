// A suggestion from the server (e.g. the campaign code for a newly chosen year) goes into an input only if the input
// still shows what the server last put there. The check happens here, in the browser, at the moment of writing: a
// person's typing that has not reached the server yet is never overwritten or appended to.
export function replaceIfUnchanged(id, expected, next) {
  const input = document.getElementById(id);
  if (!input || input.value !== expected) {
    return false;
  }
  input.value = next;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}
