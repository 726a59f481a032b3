//! Every reader as the drop zone calls it: arbitrary bytes as a workbook and as text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kam_radar::import::fuzz::read_any(data));
