//! The framework file: one or several frameworks as versioned JSON, to share edited frameworks
//! with a workshop. Reading it checks everything before anything is used, and every refusal
//! names the file and the place ("frameworks.json: framework 'scorecard', dimension 'profit',
//! level 'high': lo 18 above hi 15"); the caller keeps its frameworks when a file is refused.
//!
//! ```json
//! { "format": "kam-radar-frameworks", "version": 1, "frameworks": [ { "id": "scorecard", … } ] }
//! ```
//!
//! A bare framework object (the command line's `--framework` file) and a bare array of
//! frameworks are read too.

use serde::Serialize;
use serde_json::Value;

use super::edit::{check, upsert, Problem};
use super::Framework;
use crate::i18n::Lang;
use crate::model::Workspace;
use crate::scoring::Engine;

/// The `format` field of a framework file.
pub const FORMAT: &str = "kam-radar-frameworks";
/// The version of the framework file this build writes and reads up to.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    frameworks: &'a [Framework],
}

/// The file of these frameworks, pretty-printed so a workshop can read and diff it.
pub fn export(frameworks: &[Framework]) -> String {
    serde_json::to_string_pretty(&FileOut {
        format: FORMAT,
        version: VERSION,
        frameworks,
    })
    // Frameworks are plain data with string keys: serialising them cannot fail.
    .unwrap_or_default()
}

/// Why a framework file was refused. [`FileError::text`] words it with the file's name.
#[derive(Debug, Clone, PartialEq)]
pub enum FileError {
    /// Not JSON at all, at this line and column.
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a framework file.
    NotFrameworks,
    /// Written by a newer version of the app.
    NewerVersion(u32),
    /// No framework in the file.
    Empty,
    /// A framework (or one of its dimensions) that does not have the expected fields.
    Shape {
        /// "framework 2 ('scorecard')", "dimension 'profit'" …
        at: Vec<String>,
        message: String,
    },
    /// Two frameworks of the file share an id.
    Duplicate(String),
    /// Frameworks that read well but cannot be scored, every problem located.
    Problems(Vec<Problem>),
    /// The frameworks cannot be scored together with the workspace's (a derivation names a
    /// framework that is not there, a cycle).
    Together(String),
}

impl FileError {
    /// "frameworks.json: …" in `lang`, with what to do.
    pub fn text(&self, file: &str, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let body = match self {
            FileError::NotJson {
                line,
                column,
                message,
            } if zh => format!("第{line}行第{column}列：不是有效的 JSON（{message}）"),
            FileError::NotJson {
                line,
                column,
                message,
            } => format!("line {line}, column {column}: not valid JSON ({message})"),
            FileError::NotFrameworks if zh => {
                "不是评估框架文件：请选择在“评估框架”页导出的文件".into()
            }
            FileError::NotFrameworks => {
                "not a framework file; choose a file exported from the Frameworks view".into()
            }
            FileError::NewerVersion(v) if zh => {
                format!("由更新版本的应用保存（格式{v}，本应用最高读取{VERSION}）；请更新应用")
            }
            FileError::NewerVersion(v) => format!(
                "saved by a newer version of the app (format {v}; this one reads up to {VERSION}); update the app"
            ),
            FileError::Empty if zh => "文件中没有评估框架".into(),
            FileError::Empty => "the file holds no framework".into(),
            FileError::Shape { at, message } if zh => {
                format!("{}：{message}", at.join("，"))
            }
            FileError::Shape { at, message } => format!("{}: {message}", at.join(", ")),
            FileError::Duplicate(id) if zh => format!("有两个框架的标识都是“{id}”"),
            FileError::Duplicate(id) => format!("two frameworks share the id '{id}'"),
            FileError::Problems(problems) => problems
                .iter()
                .map(|p| p.text(lang))
                .collect::<Vec<_>>()
                .join(if zh { "；" } else { "; " }),
            FileError::Together(message) if zh => {
                format!("无法与工作区中的框架一起评分：{message}")
            }
            FileError::Together(message) => {
                format!("cannot be scored with the workspace's frameworks: {message}")
            }
        };
        let colon = if zh { "：" } else { ": " };
        format!("{file}{colon}{body}")
    }
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

/// Where a framework value sits, for people: "framework 2 ('scorecard')".
fn framework_at(index: usize, v: &Value) -> String {
    match id_of(v) {
        Some(id) => format!("framework '{id}'"),
        None => format!("framework {}", index + 1),
    }
}

/// Reads one framework value, naming the dimension whose fields are wrong when it can.
fn read_framework(index: usize, v: &Value) -> Result<Framework, FileError> {
    serde_json::from_value::<Framework>(v.clone()).map_err(|e| {
        let mut at = vec![framework_at(index, v)];
        let mut message = e.to_string();
        let dims = v.get("dimensions").and_then(Value::as_array);
        for (di, d) in dims.into_iter().flatten().enumerate() {
            if let Err(inner) = serde_json::from_value::<super::Dimension>(d.clone()) {
                at.push(match id_of(d) {
                    Some(id) => format!("dimension '{id}'"),
                    None => format!("dimension {}", di + 1),
                });
                message = inner.to_string();
                break;
            }
        }
        FileError::Shape { at, message }
    })
}

/// Reads a framework file: every framework must read, pass [`check`] and have its own id.
pub fn import(text: &str) -> Result<Vec<Framework>, FileError> {
    let text = text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(text).map_err(|e| FileError::NotJson {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let list: Vec<Value> = match value {
        Value::Array(items) => items,
        Value::Object(mut map) => {
            if let Some(format) = map.get("format") {
                if format.as_str() != Some(FORMAT) {
                    return Err(FileError::NotFrameworks);
                }
            }
            if let Some(v) = map.get("version").and_then(Value::as_u64) {
                let v = u32::try_from(v).unwrap_or(u32::MAX);
                if v > VERSION {
                    return Err(FileError::NewerVersion(v));
                }
            }
            match map.remove("frameworks") {
                Some(Value::Array(items)) => items,
                Some(_) => return Err(FileError::NotFrameworks),
                None if map.contains_key("dimensions") => vec![Value::Object(map)],
                None => return Err(FileError::NotFrameworks),
            }
        }
        _ => return Err(FileError::NotFrameworks),
    };
    if list.is_empty() {
        return Err(FileError::Empty);
    }
    let frameworks = list
        .iter()
        .enumerate()
        .map(|(i, v)| read_framework(i, v))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, f) in frameworks.iter().enumerate() {
        if frameworks[..i].iter().any(|g| g.id == f.id) {
            return Err(FileError::Duplicate(f.id.clone()));
        }
    }
    let problems: Vec<Problem> = frameworks.iter().flat_map(check).collect();
    if !problems.is_empty() {
        return Err(FileError::Problems(problems));
    }
    Ok(frameworks)
}

/// The workspace's edited frameworks with the imported ones in place (same id replaced, new
/// ones added), refused when the result cannot be scored together.
pub fn merge(ws: &Workspace, imported: Vec<Framework>) -> Result<Vec<Framework>, FileError> {
    let mut frameworks = ws.frameworks.clone();
    for f in imported {
        upsert(&mut frameworks, f);
    }
    let candidate = Workspace {
        frameworks,
        ..Workspace::default()
    };
    let settings = Workspace {
        settings: ws.settings.clone(),
        ..candidate
    };
    Engine::new(&settings.frameworks_in_force())
        .map(|_| settings.frameworks)
        .map_err(|e| FileError::Together(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::edit::{apply, Edit};
    use crate::framework::presets;

    #[test]
    fn export_then_import_gives_the_same_frameworks() {
        let mut edited = presets::scorecard();
        apply(&mut edited, &Edit::SetWeight { dim: 0, max: 40.0 }).unwrap();
        let list = vec![edited, presets::internal()];
        let text = export(&list);
        assert!(text.contains("\"format\": \"kam-radar-frameworks\""));
        assert_eq!(import(&text), Ok(list));
    }

    #[test]
    fn a_bare_framework_and_a_bare_list_are_read() {
        let one = serde_json::to_string(&presets::external()).unwrap();
        assert_eq!(import(&one), Ok(vec![presets::external()]));
        let many = serde_json::to_string(&vec![presets::credit()]).unwrap();
        assert_eq!(import(&many), Ok(vec![presets::credit()]));
    }

    #[test]
    fn a_bad_level_is_refused_with_file_framework_dimension_and_level() {
        let mut f = presets::internal();
        apply(
            &mut f,
            &Edit::SetLevelBound {
                dim: 1,
                level: 0,
                bound: crate::framework::edit::Bound::Lo,
                value: 101.0,
            },
        )
        .unwrap();
        let err = import(&export(&[f])).unwrap_err();
        assert_eq!(
            err.text("frameworks.json", Lang::En),
            "frameworks.json: framework 'internal', dimension 'profit', level 'high': lo 101 above hi 100"
        );
        assert_eq!(
            err.text("frameworks.json", Lang::Zh),
            "frameworks.json：框架“internal”，维度“profit”，等级“high”：下限101高于上限100"
        );
    }

    #[test]
    fn broken_json_says_line_and_column() {
        let err = import("{\n  \"format\": \"kam-radar-frameworks\",\n  oops\n}").unwrap_err();
        assert!(matches!(err, FileError::NotJson { line: 3, .. }), "{err:?}");
        assert!(err
            .text("f.json", Lang::En)
            .starts_with("f.json: line 3, column"));
    }

    #[test]
    fn a_missing_field_names_the_framework_and_dimension() {
        let mut v = serde_json::to_value(presets::scorecard()).unwrap();
        v["dimensions"][1].as_object_mut().unwrap().remove("max");
        let text = serde_json::json!({ "format": FORMAT, "version": 1, "frameworks": [v] });
        let err = import(&text.to_string()).unwrap_err();
        let message = err.text("frameworks.json", Lang::En);
        assert!(
            message.starts_with(
                "frameworks.json: framework 'scorecard', dimension 'profit_contribution': missing field `max`"
            ),
            "{message}"
        );
    }

    #[test]
    fn other_files_newer_versions_duplicates_and_empty_lists_are_refused() {
        assert_eq!(import("{\"accounts\": []}"), Err(FileError::NotFrameworks));
        assert_eq!(import("42"), Err(FileError::NotFrameworks));
        assert_eq!(
            import("{\"format\": \"something-else\", \"frameworks\": []}"),
            Err(FileError::NotFrameworks)
        );
        assert_eq!(
            import("{\"format\": \"kam-radar-frameworks\", \"version\": 9, \"frameworks\": []}"),
            Err(FileError::NewerVersion(9))
        );
        assert_eq!(import("[]"), Err(FileError::Empty));
        let twice = export(&[presets::credit(), presets::credit()]);
        assert_eq!(import(&twice), Err(FileError::Duplicate("credit".into())));
    }

    #[test]
    fn merging_replaces_by_id_and_refuses_what_cannot_score_together() {
        let mut ws = Workspace::default();
        ws.frameworks.push(presets::scorecard());
        let mut mine = presets::scorecard();
        mine.dimensions.pop();
        let merged = merge(&ws, vec![mine.clone(), presets::credit()]).unwrap();
        assert_eq!(merged, vec![mine, presets::credit()]);

        // A framework deriving from one that does not exist cannot be scored.
        let mut orphan = presets::internal();
        orphan.id = "my_internal".into();
        if let crate::framework::Rule::Derived { from, .. } = &mut orphan.dimensions[3].rule {
            *from = crate::framework::Derivation::FrameworkTotal {
                framework: "nowhere".into(),
            };
        }
        let err = merge(&ws, vec![orphan]).unwrap_err();
        assert!(matches!(err, FileError::Together(_)));
        assert_eq!(
            ws.frameworks,
            vec![presets::scorecard()],
            "the workspace is untouched"
        );
    }
}
