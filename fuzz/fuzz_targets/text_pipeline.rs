//! Text read, columns mapped and rows converted with the preset frameworks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kam_radar::import::fuzz::text_pipeline(data));
