//! Scores a CSV of accounts with every preset and prints the results CSV.
//!
//! ```text
//! cargo run --release --no-default-features --example score -- <accounts.csv> \
//!     [--stakeholders <stakeholders.csv>] [--framework <framework.json>]
//! ```
//!
//! `accounts.csv`: a header row with `account` (the name) and optionally `id`, `industry`,
//! `region`, `owner`, then any of the input keys printed by `--help` (from
//! `kam_radar::model::keys::ALL`), e.g. `strategic_fit` (high/mid/low or 0–30), `revenue_usd`,
//! `quality_requirement` (中/高/低 or medium/high/low), `annual_sales`, `category_spend`.
//! `--stakeholders`: `account`, `journey_point`, `name`, `age`, `education`, `org_role`,
//! `power_role`, `relationship_role`, `potential` (labels in zh or en).
//! `--framework`: a framework JSON (the serde form of `Framework`) replacing the preset with
//! the same id.
//!
//! Results go to stdout, problems to stderr (file, row, column, value, reason, one per line).
//! The exit code is non-zero only when nothing could be scored.

use std::process::ExitCode;

use kam_radar::export::results::write_csv;
use kam_radar::model::keys;
use kam_radar::scoring::batch::{run, Source};

fn usage() -> String {
    let mut s = String::from(
        "usage: score <accounts.csv> [--stakeholders <file.csv>] [--framework <framework.json>]\n\n\
         accounts.csv columns: account (name), id (optional), industry, region, owner, and input keys:\n",
    );
    for (key, what) in keys::ALL {
        s.push_str(&format!("  {key:<24} {what}\n"));
    }
    s.push_str(
        "\nstakeholders.csv columns: account, journey_point, name, age, education, org_role,\n  \
         power_role, relationship_role, potential (labels in zh or en)\n",
    );
    s
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))
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
    let mut accounts = None;
    let mut stakeholders = None;
    let mut framework = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let slot = match a.as_str() {
            "--stakeholders" => &mut stakeholders,
            "--framework" => &mut framework,
            _ => {
                accounts = Some(a.clone());
                continue;
            }
        };
        match it.next() {
            Some(v) => *slot = Some(v.clone()),
            None => {
                eprintln!("{a} needs a file\n{}", usage());
                return ExitCode::from(2);
            }
        }
    }
    let Some(accounts) = accounts else {
        eprintln!("{}", usage());
        return ExitCode::from(2);
    };
    let texts = (|| -> Result<_, String> {
        Ok((
            read(&accounts)?,
            stakeholders.as_deref().map(read).transpose()?,
            framework.as_deref().map(read).transpose()?,
        ))
    })();
    let (a_text, s_text, f_text) = match texts {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let source = |name: &Option<String>, text: &Option<String>| match (name, text) {
        (Some(n), Some(t)) => Some((n.clone(), t.clone())),
        _ => None,
    };
    let s_src = source(&stakeholders, &s_text);
    let f_src = source(&framework, &f_text);
    let out = run(
        Source {
            name: &accounts,
            text: &a_text,
        },
        s_src.as_ref().map(|(n, t)| Source { name: n, text: t }),
        f_src.as_ref().map(|(n, t)| Source { name: n, text: t }),
    );
    match out {
        Ok(out) => {
            for p in &out.problems {
                eprintln!("{p}");
            }
            if let Err(e) = write_csv(&out.results, std::io::stdout().lock()) {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
            if out.scored == 0 {
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
