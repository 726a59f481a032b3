//! Scores accounts from spreadsheets with every preset and prints the results CSV.
//!
//! ```text
//! cargo run --release --no-default-features --example score -- <file>... \
//!     [--stakeholders <file>] [--framework <framework.json>]
//! ```
//!
//! Each `<file>` may be CSV, TSV or semicolon text (UTF-8, UTF-16 with BOM, or GBK), or an
//! XLSX, XLS or ODS workbook; every sheet is classed as accounts, stakeholders, orders or
//! credit assessments by its headers, and columns are mapped by header synonyms in Chinese or
//! English (客户名称 / Account name, 战略契合度 / strategic_fit, 年销售额 / annual sales …), the
//! same rules as the app's Import view. `--stakeholders` forces a file's sheets to be read as
//! stakeholders. Input keys (printed by `--help`, from `kam_radar::model::keys::ALL`) work as
//! headers too. `--framework`: a framework JSON (the serde form of `Framework`) replacing the
//! preset with the same id.
//!
//! Results go to stdout; the import report (file, sheet, row, column, value, reason) and the
//! scoring problems go to stderr, one per line. The exit code is non-zero only when nothing
//! could be scored.

use std::process::ExitCode;

use kam_radar::export::results::write_csv;
use kam_radar::i18n::Lang;
use kam_radar::import::TableKind;
use kam_radar::model::keys;
use kam_radar::scoring::batch::{run_files, FileBytes, Source};

fn usage() -> String {
    let mut s = String::from(
        "usage: score <file>... [--stakeholders <file>] [--framework <framework.json>]\n\n\
         files: .csv/.tsv/.txt (UTF-8, UTF-16, GBK) or .xlsx/.xls/.ods; headers in Chinese or English.\n\
         account columns: name (客户名称), id (客户编号), industry, region, owner, and input keys:\n",
    );
    for (key, what) in keys::ALL {
        s.push_str(&format!("  {key:<24} {what}\n"));
    }
    s.push_str(
        "\nstakeholder columns: account, journey_point, name, age, education, org_role,\n  \
         power_role, relationship_role, potential (labels in zh or en)\n",
    );
    s
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{}", usage());
        return if args.is_empty() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let mut files: Vec<(String, Option<TableKind>)> = Vec::new();
    let mut framework = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let kind = match a.as_str() {
            "--stakeholders" => Some(TableKind::Stakeholders),
            "--framework" => None,
            _ => {
                files.push((a.clone(), None));
                continue;
            }
        };
        let Some(v) = it.next() else {
            eprintln!("{a} needs a file\n{}", usage());
            return ExitCode::from(2);
        };
        match kind {
            Some(k) => files.push((v.clone(), Some(k))),
            None => framework = Some(v.clone()),
        }
    }
    if files.is_empty() {
        eprintln!("{}", usage());
        return ExitCode::from(2);
    }
    let loaded = (|| -> Result<_, String> {
        let bytes = files
            .iter()
            .map(|(path, _)| read(path))
            .collect::<Result<Vec<_>, _>>()?;
        let framework = match &framework {
            Some(path) => Some((
                path.clone(),
                std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?,
            )),
            None => None,
        };
        Ok((bytes, framework))
    })();
    let (bytes, framework) = match loaded {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let inputs: Vec<FileBytes> = files
        .iter()
        .zip(&bytes)
        .map(|((name, kind), bytes)| FileBytes {
            name,
            bytes,
            kind: *kind,
        })
        .collect();
    let out = run_files(
        &inputs,
        framework.as_ref().map(|(n, t)| Source { name: n, text: t }),
    );
    match out {
        Ok(out) => {
            for line in out.import.lines(Lang::En) {
                eprintln!("{line}");
            }
            for p in &out.batch.problems {
                eprintln!("{p}");
            }
            if let Err(e) = write_csv(&out.batch.results, std::io::stdout().lock()) {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
            if out.batch.scored == 0 {
                eprintln!("nothing could be scored");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
