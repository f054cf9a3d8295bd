/**
 * Counts one read of the story on this page, also when the page came from a cache: a GET to the
 * beacon URL that the page carries, without cookies. Pages without JavaScript use the <noscript>
 * image beside it. Nothing identifies the reader.
 */
const el = document.querySelector<HTMLElement>('[data-view-beacon]');
const url = el?.dataset.viewBeacon;
if (url && url.startsWith('/')) {
  const send = () => {
    fetch(url, { method: 'GET', credentials: 'omit', cache: 'no-store', keepalive: true }).catch(() => {});
  };
  // A page opened in a background tab counts when it is first seen.
  if (document.visibilityState === 'visible') send();
  else document.addEventListener('visibilitychange', function once() {
    if (document.visibilityState !== 'visible') return;
    document.removeEventListener('visibilitychange', once);
    send();
  });
}
