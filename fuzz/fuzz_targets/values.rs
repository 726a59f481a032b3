//! Cell values as people write them: numbers with units, dates in every form.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kam_radar::import::fuzz::values(data));
