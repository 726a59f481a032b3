//! Arbitrary bytes never panic the importer: every reader, the whole text pipeline, and cell
//! parsing, through the same `fn(&[u8])` entries a fuzzer would call.

use kam_radar::import::fuzz;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic_any_reader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        fuzz::read_any(&bytes);
        fuzz::text_pipeline(&bytes);
        fuzz::values(&bytes);
    }

    #[test]
    fn zip_and_ole_lookalikes_never_panic_the_workbook_reader(
        magic in prop_oneof![Just(b"PK\x03\x04".to_vec()), Just(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec())],
        tail in proptest::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut bytes = magic;
        bytes.extend(tail);
        fuzz::read_any(&bytes);
    }

    #[test]
    fn csv_shaped_text_never_panics_the_pipeline(
        cells in proptest::collection::vec("[\"a-z0-9,;\t\n\r %¥万亿.\\-()年月日客户名称]{0,12}", 0..64),
    ) {
        let text = format!("客户名称,战略契合度,年销售额,日期\n{}", cells.join(","));
        fuzz::text_pipeline(text.as_bytes());
    }
}
