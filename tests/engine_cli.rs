//! The command-line logic on hand-computed fixtures (tests/fixtures/engine/README.md).

use kam_radar::export::results::write_csv;
use kam_radar::scoring::batch::{run, Source};

const ACCOUNTS: &str = include_str!("fixtures/engine/independent_accounts.csv");
const EXPECTED: &str = include_str!("fixtures/engine/independent_expected.csv");

fn table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|x| x.expect("row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn batch_results_match_the_independent_computation() {
    let out = run(
        Source {
            name: "accounts.csv",
            text: ACCOUNTS,
        },
        None,
        None,
    )
    .expect("runs");
    let mut csv_out = Vec::new();
    write_csv(&out.results, &mut csv_out).expect("writes");
    let (got_h, got) = table(std::str::from_utf8(&csv_out).expect("utf8"));
    let (exp_h, exp) = table(EXPECTED);
    assert_eq!(got.len(), exp.len());
    for (col, name) in exp_h.iter().enumerate() {
        let g = got_h
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        for (row, (e, a)) in exp.iter().zip(&got).enumerate() {
            let (e, a) = (&e[col], &a[g]);
            match (e.parse::<f64>(), a.parse::<f64>()) {
                (Ok(x), Ok(y)) => assert!(
                    (x - y).abs() < 1e-4,
                    "row {row} {name}: expected {x}, got {y}"
                ),
                _ => assert_eq!(e, a, "row {row} {name}"),
            }
        }
    }
    assert_eq!(out.scored, 5);
}

#[test]
fn problems_name_file_row_column_value_and_the_accepted_values() {
    let out = run(
        Source {
            name: "accounts.csv",
            text: ACCOUNTS,
        },
        None,
        None,
    )
    .expect("runs");
    let lines: Vec<String> = out.problems.iter().map(|p| p.to_string()).collect();
    let find = |needle: &str| {
        lines
            .iter()
            .find(|l| l.contains(needle))
            .cloned()
            .unwrap_or_else(|| panic!("no problem with {needle}: {lines:#?}"))
    };
    let fit = find("column strategic_fit");
    assert!(
        fit.starts_with("accounts.csv, row 6, column strategic_fit, value '35'"),
        "{fit}"
    );
    assert!(fit.contains("allowed 0 to 30"), "{fit}");
    let label = find("value 'excellent'");
    assert!(
        label.contains("row 6") && label.contains("high 高, mid 中, low 低"),
        "{label}"
    );
    assert!(find("column revenue_usd, value '-3'").contains("out of range"));
    assert!(find("row 5, column development_potential").contains("missing"));
}

#[test]
fn nothing_scored_is_reported_and_a_missing_account_column_is_an_error() {
    let out = run(
        Source {
            name: "a.csv",
            text: "account,quality_requirement\nX,\n",
        },
        None,
        None,
    )
    .expect("runs");
    assert_eq!(out.scored, 0);
    assert!(run(
        Source {
            name: "a.csv",
            text: "name\nX\n"
        },
        None,
        None
    )
    .is_err());
}

#[test]
fn text_cells_are_neutralised_but_negative_numbers_stay_numbers() {
    let out = run(
        Source {
            name: "accounts.csv",
            text: ACCOUNTS,
        },
        None,
        None,
    )
    .expect("runs");
    let mut csv_out = Vec::new();
    write_csv(&out.results, &mut csv_out).expect("writes");
    let text = String::from_utf8(csv_out).expect("utf8");
    assert!(text.lines().any(|l| l.starts_with("'=Beta,")), "{text}");
    let gamma = text
        .lines()
        .find(|l| l.starts_with("Gamma,"))
        .expect("Gamma row");
    assert!(gamma.contains(",-22.5,A,red,"), "{gamma}");
}
