//! Numbers and dates as people type them into spreadsheets.
//!
//! Numbers: thousands separators (`1,234,567`, `1 234 567`), currency marks (`¥ ￥ $ € £ US$
//! RMB CNY USD EUR 元`), Chinese units (`万` 1e4, `百万` 1e6, `亿` 1e8, also `万元`/`亿元`),
//! suffixes `K` 1e3, `M`/`MN` 1e6, `B`/`BN` 1e9, accounting negatives `(1,234)`, full-width
//! digits. **A percent sign divides by 100** (`45%` → 0.45), the convention of every share in
//! the workspace (mainstream share 0.6 = 60%). With a decimal comma (semicolon files),
//! `1.234,5` is 1234.5. No currency conversion happens: the number is taken as written.
//!
//! Dates: ISO `2024-01-05` (a time after it is ignored), `2024/1/5`, `2024-1-5`, `2024.1.5`,
//! `2024年1月5日`, `20240105`, and Excel serial numbers in the 1900 date system with its
//! leap-year bug (serial 60 is the non-existent 29 Feb 1900 and is refused). Day-first and
//! month-first forms (`05/01/2024`) are refused rather than guessed.
//!
//! An empty cell is a missing value, never 0.

use std::borrow::Cow;

use chrono::{Days, NaiveDate};
use thiserror::Error;

use super::report::Reason;

/// A cell that is not what its column expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum ValueError {
    #[error("not a number")]
    NotANumber,
    #[error("not a date")]
    NotADate,
    #[error("Excel serial 60 is 29 Feb 1900, which does not exist")]
    ExcelLeapDay,
}

impl ValueError {
    /// The report's wording of this error.
    pub fn reason(self) -> Reason {
        match self {
            ValueError::NotANumber => Reason::NotANumber,
            ValueError::NotADate => Reason::NotADate,
            ValueError::ExcelLeapDay => Reason::ExcelLeapDay,
        }
    }
}

/// Currency marks, longest first so `US$` wins over `$`.
const CURRENCIES: &[&str] = &[
    "us$", "usd", "rmb", "cny", "eur", "hk$", "hkd", "¥", "$", "€", "£", "元",
];
/// Unit words and their factors, longest first so `百万` wins over `万`.
const UNITS: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("百万", 1e6),
    ("千万", 1e7),
    ("亿", 1e8),
    ("万", 1e4),
    ("千", 1e3),
    ("bn", 1e9),
    ("mn", 1e6),
    ("k", 1e3),
    ("m", 1e6),
    ("b", 1e9),
];

/// `cell.trim()`, without the general search when the cell neither starts nor ends with
/// whitespace, as nearly every cell of a large file does: its first and last bytes tell.
/// (Every whitespace character is ASCII or starts with the byte C2, E1, E2 or E3 in UTF-8.)
pub(crate) fn trim_cell(cell: &str) -> &str {
    let bytes = cell.as_bytes();
    let Some(&last) = bytes.last() else {
        return cell;
    };
    // The last character's first byte: up to three continuation bytes (10xxxxxx) back.
    let last_lead = bytes
        .iter()
        .rev()
        .take(4)
        .find(|&&b| b & 0xc0 != 0x80)
        .copied()
        .unwrap_or(last);
    if may_start_whitespace(bytes[0]) || may_start_whitespace(last_lead) {
        cell.trim()
    } else {
        cell
    }
}

/// False when a character whose UTF-8 starts with `lead` is surely not whitespace.
fn may_start_whitespace(lead: u8) -> bool {
    matches!(lead, b' ' | 0x09..=0x0d | 0xc2 | 0xe1..=0xe3)
}

/// Parses a number as written (see the module docs); `Ok(None)` for a blank cell.
pub fn parse_number(cell: &str, decimal_comma: bool) -> Result<Option<f64>, ValueError> {
    parse_trimmed_number(trim_cell(cell), decimal_comma)
}

/// [`parse_number`] of a cell already trimmed.
pub(crate) fn parse_trimmed_number(
    t: &str,
    decimal_comma: bool,
) -> Result<Option<f64>, ValueError> {
    if t.is_empty() {
        return Ok(None);
    }
    // Most cells of a large file are plain numbers: no allocation for them.
    // ("inf" and "NaN" parse as floats but are no one's revenue; with a decimal comma a
    // point is a thousands separator, so "1.234" must take the long way.)
    let plain = !(decimal_comma && t.contains('.'));
    if plain {
        if let Ok(v) = t.parse::<f64>() {
            return if v.is_finite() {
                Ok(Some(v))
            } else {
                Err(ValueError::NotANumber)
            };
        }
    }
    // Labels ("高", "high") are most of the remaining cells: no digit, no number.
    if !t
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return Err(ValueError::NotANumber);
    }
    let needs_folding = t.chars().any(|c| {
        c.is_ascii_uppercase() || matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}' | '\u{ffe5}')
    });
    let folded = if needs_folding {
        Cow::Owned(fold_width(t).to_lowercase())
    } else {
        Cow::Borrowed(t)
    };
    parse_written(&folded, decimal_comma)
        .map(Some)
        .ok_or(ValueError::NotANumber)
}

fn parse_written(s: &str, decimal_comma: bool) -> Option<f64> {
    let mut s = s.trim();
    let mut sign = 1.0;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        sign = -1.0;
        s = inner.trim();
    }
    let mut factor = 1.0;
    // Marks come in any order around the digits ("-¥1.2万元", "US$ 1.5B", "45 %"). No mark
    // starts or ends with a digit, so a side that is a digit already ("1,234,567") is not
    // searched.
    let digit_first = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    let digit_last = |s: &str| s.ends_with(|c: char| c.is_ascii_digit());
    while !(digit_first(s) && digit_last(s)) {
        let before = s.len();
        if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
            sign = -sign;
            s = rest.trim_start();
        }
        if let Some(rest) = s.strip_prefix('+') {
            s = rest.trim_start();
        }
        for c in CURRENCIES {
            if !digit_first(s) {
                if let Some(rest) = s.strip_prefix(c) {
                    s = rest.trim_start();
                }
            }
            if !digit_last(s) {
                if let Some(rest) = s.strip_suffix(c) {
                    s = rest.trim_end();
                }
            }
        }
        if let Some(rest) = s.strip_suffix('%') {
            factor *= 0.01;
            s = rest.trim_end();
        }
        if s.len() == before {
            break;
        }
    }
    let units = if digit_last(s) { &[][..] } else { UNITS };
    for (unit, f) in units {
        if let Some(rest) = s.strip_suffix(unit) {
            // "m" alone (the level alias "mid") is not a number: digits must precede a unit.
            if rest.ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ' ') {
                factor *= f;
                s = rest.trim_end();
            }
            break;
        }
    }
    let mut buffer = Digits::default();
    let v: f64 = plain_digits(s, decimal_comma, &mut buffer)?.parse().ok()?;
    let v = sign * v * factor;
    v.is_finite().then_some(v)
}

/// A number's digits with separators removed: on the stack up to 48 bytes (every real
/// amount), on the heap beyond.
struct Digits {
    short: [u8; 48],
    len: usize,
    long: String,
}

impl Default for Digits {
    fn default() -> Self {
        Digits {
            short: [0; 48],
            len: 0,
            long: String::new(),
        }
    }
}

impl Digits {
    fn push(&mut self, part: &str) {
        if self.long.is_empty() {
            if let Some(room) = self.short.get_mut(self.len..self.len + part.len()) {
                room.copy_from_slice(part.as_bytes());
                self.len += part.len();
                return;
            }
            let short = std::str::from_utf8(&self.short[..self.len]).unwrap_or_default();
            self.long = String::with_capacity(self.len + part.len());
            self.long.push_str(short);
        }
        self.long.push_str(part);
    }

    fn as_str(&self) -> &str {
        if self.long.is_empty() {
            // Only whole `&str`s are pushed, so the bytes are UTF-8.
            std::str::from_utf8(&self.short[..self.len]).unwrap_or_default()
        } else {
            &self.long
        }
    }
}

/// Removes thousands separators and makes the decimal mark a point. Separators must group
/// exactly three digits, so "12,5" in a comma file is refused rather than read as 125.
fn plain_digits<'d>(s: &str, decimal_comma: bool, out: &'d mut Digits) -> Option<&'d str> {
    let (group_marks, decimal): (&[char], char) = if decimal_comma {
        (&['.', ' ', '\u{a0}', '\u{202f}', '\''], ',')
    } else {
        (&[',', ' ', '\u{a0}', '\u{202f}', '\''], '.')
    };
    let (int_part, frac_part) = match s.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    // In a decimal-comma file a single '.' not followed by exactly three digits is a decimal
    // point after all ("1.5").
    if decimal_comma && frac_part.is_none() {
        if let Some((i, f)) = s.split_once('.') {
            if !f.contains('.') && f.len() != 3 {
                return plain_digits(&format!("{i},{f}"), true, out);
            }
        }
    }
    let mut groups = int_part.split(group_marks);
    let first = groups.next()?;
    out.push(first);
    for g in groups {
        if g.len() != 3 || first.is_empty() {
            return None;
        }
        out.push(g);
    }
    if let Some(f) = frac_part {
        out.push(".");
        out.push(f);
    }
    let digits = out.as_str();
    let ok = !digits.is_empty()
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'-' || b == b'+');
    ok.then_some(digits)
}

/// Full-width digits and signs (what a Chinese IME types) to ASCII; the ideographic space
/// to a space; `￥` to `¥`.
pub(crate) fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{ffe5}' => '¥',
            c => c,
        })
        .collect()
}

/// The last serial Excel accepts (31 Dec 9999).
const MAX_SERIAL: f64 = 2_958_465.0;

/// The date of an Excel serial in the 1900 date system. Excel counts 29 Feb 1900, which never
/// existed: serials from 61 on are one day late, and 60 itself has no date.
pub fn excel_serial_to_date(serial: f64) -> Result<NaiveDate, ValueError> {
    if !(1.0..=MAX_SERIAL + 0.999_999).contains(&serial) {
        return Err(ValueError::NotADate);
    }
    let days = serial.floor() as u64;
    let base = match days {
        60 => return Err(ValueError::ExcelLeapDay),
        0..60 => NaiveDate::from_ymd_opt(1899, 12, 31),
        _ => NaiveDate::from_ymd_opt(1899, 12, 30),
    };
    base.and_then(|b| b.checked_add_days(Days::new(days)))
        .ok_or(ValueError::NotADate)
}

/// Parses a date as written (see the module docs); `Ok(None)` for a blank cell.
pub fn parse_date(cell: &str) -> Result<Option<NaiveDate>, ValueError> {
    let t = fold_width(cell.trim());
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let ymd = (t[..4].parse(), t[4..6].parse(), t[6..].parse());
        if let (Ok(y), Ok(m), Ok(d)) = ymd {
            return NaiveDate::from_ymd_opt(y, m, d)
                .map(Some)
                .ok_or(ValueError::NotADate);
        }
    }
    if let Ok(serial) = t.parse::<f64>() {
        return excel_serial_to_date(serial).map(Some);
    }
    // Drop a time of day: "2024-01-05T10:00:00", "2024/1/5 10:00", "2024年1月5日 上午".
    let date_part = t
        .split(|c: char| c == 'T' || c.is_whitespace())
        .next()
        .unwrap_or(t);
    let date_part = date_part.trim_end_matches(['日', '号']);
    let mut parts = date_part.split(['-', '/', '.', '年', '月']);
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ValueError::NotADate);
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return Err(ValueError::NotADate);
    }
    match (y.parse(), m.parse(), d.parse()) {
        (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d)
            .map(Some)
            .ok_or(ValueError::NotADate),
        _ => Err(ValueError::NotADate),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn every_whitespace_character_starts_with_a_byte_the_quick_trim_checks() {
        let mut buf = [0; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_whitespace(lead), "{:?} starts with {lead:#x}", c);
            }
        }
    }

    proptest! {
        #[test]
        fn the_quick_trim_is_the_standard_trim(
            cell in "[ \t\n\u{b}\u{85}\u{a0}\u{1680}\u{2003}\u{202f}\u{3000}\u{feff}a1,高万￥é😀]{0,6}",
        ) {
            prop_assert_eq!(trim_cell(&cell), cell.trim());
        }
    }

    fn n(s: &str) -> Option<f64> {
        parse_number(s, false).ok().flatten()
    }

    #[test]
    fn numbers_as_people_write_them() {
        for (text, want) in [
            ("1,234,567", 1_234_567.0),
            ("1 234 567", 1_234_567.0),
            ("¥1,200", 1200.0),
            ("￥１２００", 1200.0),
            ("US$ 2.5M", 2.5e6),
            ("RMB 3", 3.0),
            ("1.2万", 12_000.0),
            ("3亿元", 3e8),
            ("12万元", 120_000.0),
            ("5百万", 5e6),
            ("45%", 0.45),
            ("1.5B", 1.5e9),
            ("800k", 800_000.0),
            ("(1,234)", -1234.0),
            ("-$5", -5.0),
            ("1e6", 1e6),
            ("€ 7", 7.0),
        ] {
            assert_eq!(n(text), Some(want), "{text}");
        }
        for bad in ["12,5", "high", "m", "1,2345", "abc元", "--", "%"] {
            assert_eq!(
                parse_number(bad, false),
                Err(ValueError::NotANumber),
                "{bad}"
            );
        }
        assert_eq!(parse_number("  ", false), Ok(None));
    }

    #[test]
    fn digits_beyond_the_stack_buffer_still_read() {
        let long = format!("1{}", ",000".repeat(20));
        assert_eq!(parse_number(&long, false), Ok(Some(1e60)));
        let fraction = "5".repeat(60);
        let plain: f64 = format!("1234.{fraction}").parse().expect("a float");
        assert_eq!(n(&format!("1,234.{fraction}万")), Some(plain * 1e4));
    }

    #[test]
    fn decimal_commas_in_semicolon_files() {
        assert_eq!(parse_number("1.234,5", true), Ok(Some(1234.5)));
        assert_eq!(parse_number("12,5", true), Ok(Some(12.5)));
        assert_eq!(parse_number("1.5", true), Ok(Some(1.5)));
        assert_eq!(parse_number("1.234", true), Ok(Some(1234.0)));
    }

    #[test]
    fn dates_as_people_write_them_and_excel_serials() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 5);
        for text in [
            "2024-01-05",
            "2024-1-5",
            "2024/1/5",
            "2024.1.5",
            "2024年1月5日",
            "2024-01-05T10:30:00",
            "2024/1/5 10:30",
            "20240105",
            "45296",
        ] {
            assert_eq!(parse_date(text), Ok(d), "{text}");
        }
        assert_eq!(
            excel_serial_to_date(1.0).ok(),
            NaiveDate::from_ymd_opt(1900, 1, 1)
        );
        assert_eq!(
            excel_serial_to_date(59.0).ok(),
            NaiveDate::from_ymd_opt(1900, 2, 28)
        );
        assert_eq!(
            excel_serial_to_date(61.0).ok(),
            NaiveDate::from_ymd_opt(1900, 3, 1)
        );
        assert_eq!(parse_date("60"), Err(ValueError::ExcelLeapDay));
        for bad in ["05/01/2024", "2024-13-01", "soon", "2024-02-30"] {
            assert_eq!(parse_date(bad), Err(ValueError::NotADate), "{bad}");
        }
        assert_eq!(parse_date(""), Ok(None));
    }
}
