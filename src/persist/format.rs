//! The stored envelope and the migrations: every stored version reads into today's
//! [`Workspace`], and a document from a newer version is refused with its text kept.
//!
//! Stored format versions (the `version` of the envelope, independent of the model's
//! `schema_version`):
//! - **1** — the payload is the plain serde JSON of a [`Workspace`];
//! - **2** — the payload is the compact form of [`super::codec`]: blocks inline, or (in the
//!   store) each block replaced by the checksum naming the chunk that holds it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::codec;
use super::{checksum, PersistError};
use crate::model::{Workspace, SCHEMA_VERSION};

/// The `format` of a stored workspace envelope.
pub const FORMAT: &str = "kam-radar-workspace";
/// The stored format version this build writes.
pub const FORMAT_VERSION: u32 = 2;

/// Reads a payload written by stored format `from_version` into the current workspace model.
pub fn migrate(value: Value, from_version: u32) -> Result<Workspace, PersistError> {
    match from_version {
        1 => {
            let found = value.get("schema_version").and_then(Value::as_u64);
            if let Some(found) = found.filter(|v| *v > u64::from(SCHEMA_VERSION)) {
                return Err(PersistError::NewerVersion {
                    what: "workspace schema",
                    found,
                    supported: u64::from(SCHEMA_VERSION),
                    raw: value.to_string(),
                });
            }
            Workspace::deserialize(value)
                .map_err(|e| PersistError::Malformed(format!("workspace (format 1): {e}")))
        }
        2 => codec::decode_inline(&value).map_err(|e| e.keeping_raw(|| value.to_string())),
        v if v > FORMAT_VERSION => Err(PersistError::NewerVersion {
            what: "stored format",
            found: u64::from(v),
            supported: u64::from(FORMAT_VERSION),
            raw: value.to_string(),
        }),
        v => Err(PersistError::Malformed(format!(
            "unknown stored format version {v}"
        ))),
    }
}

/// A stored envelope whose format, version and checksum have been checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    pub version: u32,
    pub saved_at: String,
    pub revision: u64,
    pub writer: String,
    pub payload: Value,
}

#[derive(Serialize, Deserialize)]
struct EnvelopeDoc {
    format: String,
    version: u32,
    #[serde(default)]
    saved_at: String,
    #[serde(default)]
    revision: u64,
    #[serde(default)]
    writer: String,
    checksum: String,
    payload: Value,
}

/// The envelope text around a payload. The checksum covers the payload's JSON text exactly
/// as serde_json writes it, which is also what a reader gets by re-writing the parsed value.
pub fn envelope_text(
    version: u32,
    saved_at: &str,
    revision: u64,
    writer: &str,
    payload: Value,
) -> Result<String, PersistError> {
    Ok(envelope_around(
        version,
        saved_at,
        revision,
        writer,
        &payload.to_string(),
    ))
}

/// [`envelope_text`] around a payload already written as compact JSON: the same bytes as
/// serde_json writes for the envelope, built by joining texts.
fn envelope_around(
    version: u32,
    saved_at: &str,
    revision: u64,
    writer: &str,
    payload: &str,
) -> String {
    let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = String::with_capacity(payload.len() + 192);
    out.push_str("{\"format\":");
    out.push_str(&text(FORMAT));
    out.push_str(&format!(",\"version\":{version},\"saved_at\":"));
    out.push_str(&text(saved_at));
    out.push_str(&format!(",\"revision\":{revision},\"writer\":"));
    out.push_str(&text(writer));
    out.push_str(",\"checksum\":");
    out.push_str(&text(&checksum(payload)));
    out.push_str(",\"payload\":");
    out.push_str(payload);
    out.push('}');
    out
}

/// Parses an envelope, refusing another format, a newer version or a wrong checksum; every
/// refusal keeps `text` as the raw data to offer for download.
pub fn parse_envelope(text: &str) -> Result<Envelope, PersistError> {
    let unreadable = |reason: String| PersistError::Unreadable {
        reason,
        raw: text.to_string(),
    };
    let value: Value =
        serde_json::from_str(text).map_err(|e| unreadable(format!("not JSON: {e}")))?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(unreadable("not a KAM Radar workspace".into()));
    }
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > u64::from(FORMAT_VERSION) {
        return Err(PersistError::NewerVersion {
            what: "stored format",
            found: version,
            supported: u64::from(FORMAT_VERSION),
            raw: text.to_string(),
        });
    }
    let doc: EnvelopeDoc =
        serde_json::from_value(value).map_err(|e| unreadable(format!("envelope: {e}")))?;
    if checksum(&doc.payload.to_string()) != doc.checksum {
        return Err(unreadable("the checksum does not match".into()));
    }
    Ok(Envelope {
        version: doc.version,
        saved_at: doc.saved_at,
        revision: doc.revision,
        writer: doc.writer,
        payload: doc.payload,
    })
}

/// A whole workspace as one stored document (format 2, blocks inline): for a store that
/// keeps one value per workspace, and for tests.
pub fn encode_document(
    ws: &Workspace,
    saved_at: &str,
    revision: u64,
    writer: &str,
) -> Result<String, PersistError> {
    let payload = codec::encode(ws)?.inline_text()?;
    Ok(envelope_around(
        FORMAT_VERSION,
        saved_at,
        revision,
        writer,
        &payload,
    ))
}

/// Reads one stored document with its payload inline, of any version up to this build's.
pub fn decode_document(text: &str) -> Result<Workspace, PersistError> {
    if let Some(ws) = decode_written(text) {
        return Ok(ws);
    }
    let env = parse_envelope(text)?;
    migrate(env.payload, env.version).map_err(|e| e.keeping_raw(|| text.to_string()))
}

/// A format 2 document as this app writes it, read without a `Value` tree: the payload's
/// checksum is taken over its text as it stands (this app writes it compactly, so that is
/// the text the checksum was made of) and its blocks are read from that text. `None` for
/// anything else — another version, a payload written differently, any error — which
/// [`decode_document`] then reads the general way, with its exact messages.
fn decode_written(text: &str) -> Option<Workspace> {
    #[derive(Deserialize)]
    struct Doc<'a> {
        // The members `parse_envelope` reads, with its types, so a document read here is one
        // it accepts too.
        #[serde(borrow)]
        format: Cow<'a, str>,
        version: u32,
        #[serde(default, borrow, rename = "saved_at")]
        _saved_at: Cow<'a, str>,
        #[serde(default, rename = "revision")]
        _revision: u64,
        #[serde(default, borrow, rename = "writer")]
        _writer: Cow<'a, str>,
        #[serde(borrow)]
        checksum: Cow<'a, str>,
        #[serde(borrow)]
        payload: &'a RawValue,
    }
    let doc: Doc = serde_json::from_str(text).ok()?;
    let payload = doc.payload.get();
    if doc.format != FORMAT || doc.version != 2 || checksum(payload) != doc.checksum {
        return None;
    }
    codec::decode_payload_text(payload)
}
