// Tells the server that the person at this page is still working: after keyboard, pointer or touch input, at most
// once per interval, it calls the circuit (which keeps the session from ending for idleness) and asks the server to
// slide the sign-in cookie (a circuit sends no HTTP requests of its own). Nothing is sent while the page is idle.
let timer = null;
let sawInput = false;
const mark = () => { sawInput = true; };
const events = ['keydown', 'pointerdown', 'touchstart', 'wheel', 'input'];

/** Marks the document as connected to its circuit: event handlers work from now on (tests wait for this). */
export function markInteractive() {
    document.documentElement.dataset.interactive = '1';
    // When it happened, counted from the navigation's start: the time-to-interactive measurement reads it.
    window.enrollmentInteractiveAt ??= performance.now();
}

export function start(dotNetRef, intervalMs) {
    stop();
    events.forEach(type => document.addEventListener(type, mark, { capture: true, passive: true }));
    timer = setInterval(async () => {
        if (!sawInput) {
            return;
        }
        sawInput = false;
        try { await dotNetRef.invokeMethodAsync('RecordInput'); } catch { /* circuit gone: the page reloads on reconnect */ }
        try { await fetch('/account/keep-alive', { credentials: 'same-origin', cache: 'no-store' }); } catch { /* offline */ }
    }, intervalMs);
}

export function stop() {
    if (timer !== null) {
        clearInterval(timer);
        timer = null;
    }
    events.forEach(type => document.removeEventListener(type, mark, { capture: true }));
}
