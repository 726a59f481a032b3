//! The portable workspace file: pretty, versioned JSON a user downloads, keeps and imports
//! again, on this or another machine.
//!
//! The file holds the plain serde form of the workspace (not the compact stored form) so it
//! stays readable and diffable; `FORMAT.md` beside this file documents it.

use serde::Serialize;
use serde_json::Value;

use super::format::{self, migrate};
use super::{NotAWorkspace, PersistError};
use crate::model::{Input, Workspace};

/// The `format` of a workspace file.
pub const FILE_FORMAT: &str = "kam-radar-workspace-file";
/// The file version this build writes.
pub const FILE_VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    app: &'static str,
    workspace: &'a Workspace,
}

/// The workspace as a file's text. Refuses a NaN or infinite number, which JSON cannot hold
/// and which would otherwise come back as a different value.
pub fn export_file(ws: &Workspace) -> Result<String, PersistError> {
    check_finite(ws)?;
    serde_json::to_string_pretty(&FileOut {
        format: FILE_FORMAT,
        version: FILE_VERSION,
        app: "KAM Radar (大客户雷达)",
        workspace: ws,
    })
    .map_err(|e| PersistError::Malformed(e.to_string()))
}

/// Reads a workspace file of any version, a bare workspace JSON (stored format 1), or a stored
/// workspace document (a downloaded backup).
pub fn import_file(text: &str) -> Result<Workspace, PersistError> {
    let text = text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(text)
        .map_err(|e| PersistError::NotAWorkspace(NotAWorkspace::NotJson(e.to_string())))?;
    match value.get("format").and_then(Value::as_str) {
        Some(FILE_FORMAT) => {
            let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
            if version > u64::from(FILE_VERSION) {
                return Err(PersistError::NewerVersion {
                    what: "file format",
                    found: version,
                    supported: u64::from(FILE_VERSION),
                    raw: text.to_string(),
                });
            }
            let Some(ws) = value.get("workspace") else {
                return Err(PersistError::NotAWorkspace(NotAWorkspace::NoWorkspace));
            };
            migrate(ws.clone(), 1)
        }
        Some(format::FORMAT) => format::decode_document(text),
        Some(other) => Err(PersistError::NotAWorkspace(NotAWorkspace::OtherFormat(
            other.to_string(),
        ))),
        None if value.get("schema_version").is_some() => migrate(value, 1),
        None => Err(PersistError::NotAWorkspace(NotAWorkspace::NoFormat)),
    }
}

fn check_finite(ws: &Workspace) -> Result<(), PersistError> {
    let bad = |what: String| Err(PersistError::NotFinite(what));
    let inputs = ws
        .accounts
        .iter()
        .flat_map(|a| a.inputs.iter().map(move |(k, v)| (&a.id, k, v)))
        .chain(
            ws.stakeholders
                .iter()
                .flat_map(|s| s.inputs.iter().map(move |(k, v)| (&s.account, k, v))),
        )
        .chain(
            ws.credit_assessments
                .iter()
                .flat_map(|c| c.inputs.iter().map(move |(k, v)| (&c.account, k, v))),
        );
    for (account, key, v) in inputs {
        if let Input::Number(n) = v {
            if !n.is_finite() {
                return bad(format!("input {key:?} of account {account:?}"));
            }
        }
    }
    for o in &ws.orders {
        if !o.amount.is_finite() {
            return bad(format!(
                "the order amount of account {:?} on {}",
                o.account, o.date
            ));
        }
    }
    Ok(())
}
