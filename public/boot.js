// Loads the KAM Radar WebAssembly module. Our own loader instead of trunk's inline script, so
// the Content-Security-Policy allows scripts from the page's origin only, and relative URLs
// keep the app working under any subpath of a static host. Then registers the service worker
// that keeps the app offline, and offers a new build when one is ready.
import init, * as bindings from './kam-radar.js';

init({ module_or_path: new URL('./kam-radar_bg.wasm', import.meta.url) })
  .then(() => {
    // The benchmark hooks (`tests/e2e/bench/`); nothing else uses them.
    window.kamRadar = bindings;
  })
  .catch((error) => {
    const boot = document.getElementById('boot');
    if (boot) {
      boot.textContent = 'KAM Radar could not start: ' + error + ' · 大客户雷达无法启动';
    }
    console.error(error);
  })
  // After the app's own downloads, so the worker's precaching does not compete with them.
  .finally(registerServiceWorker);

/**
 * Registers sw.js (generated per build, see .ci/service-worker.mjs). Browsers offer service
 * workers on https and localhost only; elsewhere the app simply works online only.
 */
function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('./sw.js', { scope: './' })
    .then((registration) => {
      // A new build installs in the background, then waits until the user says to switch.
      const track = (worker) =>
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) {
            offerUpdate(registration);
          }
        });
      track(registration.installing);
      registration.addEventListener('updatefound', () => track(registration.installing));
      if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration);
    })
    .catch((error) => console.warn('KAM Radar works, but not offline:', error));
}

/** Shows the update banner; its button lets the waiting build take over, then reloads. */
function offerUpdate(registration) {
  if (document.getElementById('update-banner')) return;
  const banner = document.createElement('div');
  banner.id = 'update-banner';
  banner.className = 'update-banner';
  banner.setAttribute('role', 'status');
  banner.dataset.testid = 'update-banner';
  const message = document.createElement('span');
  message.textContent = 'A new version of KAM Radar is ready · 新版本已就绪';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.dataset.testid = 'update-reload';
  reload.textContent = 'Reload · 重新加载';
  reload.addEventListener('click', () => {
    reload.disabled = true;
    const waiting = registration.waiting;
    if (!waiting) {
      // Another tab already switched to the new build: this one only needs to load it.
      location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
      once: true,
    });
    waiting.postMessage('skipWaiting');
  });
  banner.append(message, reload);
  document.body.append(banner);
}
