//! Exports: the results as CSV and as an XLSX workbook, both safe to open in a spreadsheet,
//! the print view's pages, and the names of the files the app offers for download.

pub mod book;
pub mod print;
pub mod results;
pub mod xlsx;

/// A download's file name that is safe on every system: the parts (account, chart, …) joined
/// by `_`, with path separators, reserved signs and control characters replaced. Chinese and
/// other letters are kept, so the name still says which account and which chart it holds.
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let joined = parts
        .iter()
        .map(|part| {
            part.chars()
                .map(|c| {
                    if c.is_control() || "/\\:*?\"<>|".contains(c) {
                        '_'
                    } else {
                        c
                    }
                })
                .collect::<String>()
                .trim()
                .to_string()
        })
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let stem = if joined.is_empty() {
        "kam-radar".to_string()
    } else {
        joined
    };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn a_file_name_keeps_the_account_and_chart_but_no_path_signs() {
        assert_eq!(
            file_name(&["客户A / Customer A", "external profile"], "png"),
            "客户A _ Customer A_external profile.png"
        );
        assert_eq!(file_name(&["a:b*c?"], "svg"), "a_b_c_.svg");
        assert_eq!(file_name(&["", " "], "csv"), "kam-radar.csv");
    }
}
