// Loads the KAM Radar WebAssembly module. Our own loader instead of trunk's inline script, so
// the Content-Security-Policy allows scripts from the page's origin only, and relative URLs
// keep the app working under any subpath of a static host.
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
  });
