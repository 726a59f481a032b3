//! A tiny reader for the SVG plotters writes, so chart tests can look at what a user would see.
//!
//! plotters writes one element per line with double-quoted attributes; this is not a general
//! XML parser and does not need to be.

use std::collections::HashMap;

/// One SVG element: its tag, attributes and (for `<text>`) its unescaped content.
#[derive(Debug, Clone)]
pub struct Element {
    pub tag: String,
    pub attrs: HashMap<String, String>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, key: &str) -> &str {
        self.attrs.get(key).map(String::as_str).unwrap_or("")
    }

    pub fn num(&self, key: &str) -> f64 {
        self.attr(key).parse().unwrap_or(f64::NAN)
    }

    /// The `points` of a polyline or polygon.
    pub fn points(&self) -> Vec<(f64, f64)> {
        self.attr("points")
            .split_whitespace()
            .filter_map(|p| {
                let (x, y) = p.split_once(',')?;
                Some((x.parse().ok()?, y.parse().ok()?))
            })
            .collect()
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every element of the document, in order.
pub fn elements(svg: &str) -> Vec<Element> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let Some(end) = rest.find('>') else { break };
        let inner = &rest[..end];
        rest = &rest[end + 1..];
        if inner.starts_with('/') || inner.starts_with('?') || inner.starts_with('!') {
            continue;
        }
        let inner = inner.trim_end_matches('/');
        let (tag, mut attrs_src) = inner.split_once(' ').unwrap_or((inner, ""));
        let mut attrs = HashMap::new();
        while let Some(eq) = attrs_src.find("=\"") {
            let key = attrs_src[..eq].trim().to_string();
            let after = &attrs_src[eq + 2..];
            let Some(close) = after.find('"') else { break };
            attrs.insert(key, unescape(&after[..close]));
            attrs_src = &after[close + 1..];
        }
        let text = if tag == "text" {
            let close = rest.find("</text>").unwrap_or(0);
            unescape(rest[..close].trim())
        } else {
            String::new()
        };
        out.push(Element {
            tag: tag.to_string(),
            attrs,
            text,
        });
    }
    out
}

/// The contents of every `<text>` element.
pub fn texts(svg: &str) -> Vec<String> {
    elements(svg)
        .into_iter()
        .filter(|e| e.tag == "text")
        .map(|e| e.text)
        .collect()
}
