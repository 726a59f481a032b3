//! The browser entry point: mounts the KAM Radar app into the page. A build with the cargo
//! feature `bench` also exports the benchmark's timing hooks ([`kam_radar::ui::bench`]) to
//! JavaScript, from here so that only this binary carries them.

fn main() {
    kam_radar::ui::mount();
}

#[cfg(feature = "bench")]
mod bench_exports {
    use kam_radar::ui::bench;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(js_name = benchDrawRadars)]
    pub fn draw_radars(count: u32) -> Result<String, JsValue> {
        bench::bench_draw_radars(count)
    }

    #[wasm_bindgen(js_name = benchTableRender)]
    pub fn table_render() -> Result<f64, JsValue> {
        bench::bench_table_render()
    }

    #[wasm_bindgen(js_name = benchForget)]
    pub fn forget() {
        bench::bench_forget();
    }

    #[wasm_bindgen(js_name = benchImport)]
    pub async fn import(file: web_sys::File, fresh_worker: bool) -> Result<String, JsValue> {
        bench::bench_import(file, fresh_worker).await
    }

    #[wasm_bindgen(js_name = benchRescore)]
    pub fn rescore(runs: u32) -> Result<Vec<f64>, JsValue> {
        bench::bench_rescore(runs)
    }

    #[wasm_bindgen(js_name = benchStorage)]
    pub async fn storage() -> Result<String, JsValue> {
        bench::bench_storage().await
    }
}
