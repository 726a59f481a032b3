// Starts the import worker: wasm-bindgen's no-modules glue, then its module, named by the
// options object (a bare path is the deprecated form and logs a warning on every start).
// Our own loader instead of trunk's shim, for that reason; the page starts this file.
importScripts('./import-worker.js');
wasm_bindgen({ module_or_path: './import-worker_bg.wasm' });
