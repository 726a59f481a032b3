//! Packing a chunk's UTF-8 bytes into 15 bits per UTF-16 code unit, halving what ASCII-heavy
//! JSON costs against a quota that browsers count in UTF-16 code units.
//!
//! A packed value is `~`, a parity digit (the byte count mod 2, which tells the one padding
//! byte apart from data), then one character U+3400 + v per 15-bit group v. U+3400–U+B3FF
//! holds no surrogates and no noncharacters, so every packed value is a valid string that a
//! browser stores and returns unchanged. A value starting with `{` is plain JSON; a future
//! compressed form (deflate before packing) would take another leading marker.

const BASE: u32 = 0x3400;
const MARKER: char = '~';

/// Packs `text` (JSON) into the 15-bit form.
pub fn pack(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(2 + bytes.len() * 8 / 15 + 1);
    out.push(MARKER);
    out.push(if bytes.len().is_multiple_of(2) {
        '0'
    } else {
        '1'
    });
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(glyph((acc >> bits) & 0x7fff));
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        out.push(glyph((acc << (15 - bits)) & 0x7fff));
    }
    out
}

fn glyph(v: u32) -> char {
    // v < 2^15, so BASE + v ≤ U+B3FF: always a valid scalar value.
    char::from_u32(BASE + v).unwrap_or('\u{fffd}')
}

/// The JSON text of a stored chunk value, packed or not; `None` if it is damaged.
pub fn unpack(stored: &str) -> Option<String> {
    let mut chars = stored.chars();
    match chars.next() {
        Some('{') => return Some(stored.to_string()),
        Some(MARKER) => {}
        _ => return None,
    }
    let odd = match chars.next() {
        Some('0') => false,
        Some('1') => true,
        _ => return None,
    };
    let mut bytes = Vec::with_capacity(stored.len());
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut groups = 0usize;
    for c in chars {
        let v = u32::from(c).checked_sub(BASE).filter(|v| *v < 0x8000)?;
        acc = (acc << 15) | v;
        bits += 15;
        groups += 1;
        while bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // The last group may have produced one byte of padding; the parity says whether it did.
    if (bytes.len() % 2 == 1) != odd {
        bytes.pop();
    }
    if bytes.len() * 8 <= (groups.saturating_sub(1)) * 15 && groups > 0 {
        return None;
    }
    String::from_utf8(bytes).ok()
}
