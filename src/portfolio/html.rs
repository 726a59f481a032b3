//! The portfolio table as HTML text for the browser shell: the filter bar, the counts per
//! class, the heading row and the rows in view.
//!
//! The shell sets these strings as the `innerHTML` of fixed elements and handles clicks, input
//! and keys on their container by the `data-*` attributes written here (`data-action`,
//! `data-filter`, `data-facet`/`data-value`, `data-col`, `data-pos`). Producing plain text keeps
//! the wasm small (one string builder instead of a generic view per element), makes a scroll
//! step one string and one DOM update, and lets native tests check what the user gets. Every
//! text from the workspace or a framework is escaped, so a name such as `<img onerror=…>`
//! shows as written and never runs.

use std::fmt::Write;

use super::{Column, Columns, Filter, Selection, Sort, FRAMEWORKS, NONE};
use crate::framework::presets::{self, ACCOUNT_PRESETS};
use crate::i18n::{Lang, Msg};
use crate::model::Account;
use crate::scoring::credit::{describe_lost, key_class, STATUS_LOST};
use crate::scoring::Engine;

/// The column headings, in [`Column::ALL`] order.
const HEADINGS: [Msg; 14] = [
    Msg::ColAccount,
    Msg::KeyAccountScore,
    Msg::ColKeyList,
    Msg::CreditScore,
    Msg::ColCreditGrade,
    Msg::ColExternalScore,
    Msg::ColExternalClass,
    Msg::ColInternalScore,
    Msg::ColInternalTier,
    Msg::ColAbc,
    Msg::ColRfm,
    Msg::Owner,
    Msg::Region,
    Msg::ColLevel,
];

/// A class as the table shows it: its id, its label ("AAA · green list" for a class on a list)
/// and the CSS class of its list's colour.
struct ClassLabel {
    id: String,
    text: String,
    colour: &'static str,
}

/// The words of the table in one language: each framework's name and class labels.
pub struct Labels {
    lang: Lang,
    names: [String; FRAMEWORKS],
    /// Per framework, its classes then the unclassified.
    classes: [Vec<ClassLabel>; FRAMEWORKS],
}

impl Labels {
    /// The labels of the frameworks in force in `engine`, in `lang`.
    pub fn new(engine: &Engine, lang: Lang) -> Labels {
        let framework = |slot: usize| {
            engine
                .index_of(ACCOUNT_PRESETS[slot])
                .map(|fi| &engine.frameworks()[fi])
        };
        Labels {
            lang,
            names: std::array::from_fn(|slot| {
                framework(slot).map_or_else(String::new, |f| f.name.get(lang).to_string())
            }),
            classes: std::array::from_fn(|slot| {
                let mut classes: Vec<ClassLabel> = framework(slot)
                    .map(|f| {
                        f.classes()
                            .into_iter()
                            .map(|c| {
                                let label = c.label.get(lang);
                                match &c.list {
                                    Some(list) => ClassLabel {
                                        id: c.id.clone(),
                                        text: format!("{label} · {}", list.label.get(lang)),
                                        colour: match list.id.as_str() {
                                            "green" => "list-green",
                                            "yellow" => "list-yellow",
                                            "red" => "list-red",
                                            _ => "",
                                        },
                                    },
                                    None => ClassLabel {
                                        id: c.id.clone(),
                                        text: label.to_string(),
                                        colour: "",
                                    },
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                // The scorecard's class for a key account that lost its status on the red
                // list, after its own classes (as `Columns::lost_class` numbers it).
                if ACCOUNT_PRESETS[slot] == presets::SCORECARD && key_class(engine).is_some() {
                    classes.push(ClassLabel {
                        id: STATUS_LOST.into(),
                        text: Msg::KeyStatusLost.text(lang).into(),
                        colour: "list-red",
                    });
                }
                classes.push(ClassLabel {
                    id: "unclassified".into(),
                    text: Msg::NotClassified.text(lang).into(),
                    colour: "",
                });
                classes
            }),
        }
    }
}

/// Appends `text` with the characters HTML gives a meaning escaped, for text and for
/// attribute values in double quotes.
pub(crate) fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Appends a grid cell; a text one carries its full text as a tooltip, since a narrow cell
/// cuts it short.
fn cell(out: &mut String, class: &str, text: &str) {
    cell_titled(out, class, text, (class != "num").then_some(text));
}

/// Appends a grid cell with this tooltip.
fn cell_titled(out: &mut String, class: &str, text: &str, title: Option<&str>) {
    out.push_str("<div role=\"gridcell\" class=\"");
    out.push_str(class);
    if let Some(title) = title {
        out.push_str("\" title=\"");
        escape(out, title);
    }
    out.push_str("\">");
    escape(out, text);
    out.push_str("</div>");
}

/// The heading row: a button per column (`data-col`: its index in [`Column::ALL`]), and
/// `aria-sort` on the sorted one.
pub fn head(sort: Option<Sort>, lang: Lang) -> String {
    let mut out = String::from("<div role=\"row\" class=\"pt-row\" aria-rowindex=\"1\">");
    for (i, (column, heading)) in Column::ALL.into_iter().zip(HEADINGS).enumerate() {
        out.push_str("<div role=\"columnheader\"");
        if let Some(s) = sort.filter(|s| s.column == column) {
            out.push_str(if s.descending {
                " aria-sort=\"descending\""
            } else {
                " aria-sort=\"ascending\""
            });
        }
        let _ = write!(out, "><button type=\"button\" data-col=\"{i}\">");
        escape(&mut out, heading.text(lang));
        out.push_str("</button></div>");
    }
    out.push_str("</div>");
    out
}

/// The rows at display positions `range` of `selection` (`data-pos`: the position; the row at
/// `active` is the one in the tab order), or the empty-state line when no account passes.
pub fn rows(
    columns: &Columns,
    accounts: &[Account],
    selection: &Selection,
    range: std::ops::Range<usize>,
    active: usize,
    labels: &Labels,
) -> String {
    let lang = labels.lang;
    if selection.rows.is_empty() {
        return format!(
            "<p class=\"pt-empty\" data-testid=\"no-matches\">{}</p>",
            Msg::NoMatches.text(lang)
        );
    }
    let mut out = String::new();
    let mut number = String::new();
    let mut classes = String::new();
    for pos in range {
        let Some(&row) = selection.rows.get(pos) else {
            break;
        };
        let row = row as usize;
        let Some(a) = accounts.get(row) else {
            break;
        };
        let _ = write!(
            out,
            "<div role=\"row\" class=\"pt-row\" tabindex=\"{}\" data-pos=\"{pos}\" aria-rowindex=\"{}\">",
            if pos == active { 0 } else { -1 },
            pos + 2
        );
        cell(&mut out, "name", &a.name);
        for f in 0..FRAMEWORKS {
            number.clear();
            number.push_str(
                &columns
                    .score(f, row)
                    .map_or("—".into(), crate::chart::format_value),
            );
            cell(&mut out, "num", &number);
            let class = columns.class(f, row);
            // A class cell may wrap onto a second line ("key-account status lost · red list").
            classes.clear();
            classes.push_str("pt-class ");
            match class.and_then(|k| labels.classes[f].get(usize::from(k))) {
                // A key account that lost its status says since when, and why, on hover.
                Some(label) if columns.lost_class() == class.map(|k| (f, k)) => {
                    let why = columns
                        .lost_on(row)
                        .map(|day| describe_lost(day, columns.red_list_months(), lang));
                    classes.push_str(label.colour);
                    cell_titled(&mut out, &classes, &label.text, why.as_deref());
                }
                Some(label) => {
                    classes.push_str(label.colour);
                    cell(&mut out, &classes, &label.text);
                }
                None => cell(&mut out, &classes, "—"),
            }
        }
        cell(
            &mut out,
            "",
            columns
                .abc(row)
                .map_or("—", |k| ["A", "B", "C"][usize::from(k)]),
        );
        number.clear();
        match columns.rfm(row) {
            Some(v) => {
                let _ = write!(number, "{v}");
            }
            None => number.push('—'),
        }
        cell(&mut out, "num", &number);
        cell(&mut out, "", &a.owner);
        cell(&mut out, "", &a.region);
        let level = match columns.level(row) {
            Some(0) => Msg::LevelCompany.text(lang),
            Some(_) => Msg::LevelRegional.text(lang),
            None => "—",
        };
        cell(&mut out, "", level);
        out.push_str("</div>");
    }
    out
}

/// A chip of the counts: the filter value, class id, label, colour class and count.
type Chip<'a> = (u8, &'a str, &'a str, &'static str, u32);

/// The chips of counts from (class id, label, colour class, count) in class order, each with
/// its class as filter value, the last one for the unclassified ([`NONE`]).
fn chips<'a>(
    classes: impl ExactSizeIterator<Item = (&'a str, &'a str, &'static str, u32)>,
) -> Vec<Chip<'a>> {
    let last = classes.len().saturating_sub(1);
    classes
        .enumerate()
        .map(|(k, (id, text, colour, n))| {
            let value = if k == last { NONE } else { k as u8 };
            (value, id, text, colour, n)
        })
        .collect()
}

/// One framework's (or ABC's) counts: its name and a button per class.
fn facet(out: &mut String, f: usize, id: &str, name: &str, chosen: Option<u8>, chips: &[Chip<'_>]) {
    let _ = write!(
        out,
        "<div class=\"pt-facet\" data-framework=\"{id}\"><span class=\"pt-facet-name\">"
    );
    escape(out, name);
    out.push_str("</span>");
    for &(value, class, text, colour, count) in chips {
        let _ = write!(
            out,
            "<button type=\"button\" class=\"chip {colour}\" data-facet=\"{f}\" data-value=\"{value}\" aria-pressed=\"{}\" data-class=\"",
            chosen == Some(value)
        );
        escape(out, class);
        out.push_str("\">");
        escape(out, text);
        let _ = write!(out, " <strong>{count}</strong></button>");
    }
    out.push_str("</div>");
}

/// How many accounts the filters show out of `total`, then the counts per class of each
/// framework and of ABC, each a button that shows only that class (`data-facet`: the
/// framework's index, ABC after them; `data-value`: the class, 255 for the unclassified;
/// `aria-pressed` when it is the filter in force).
pub fn summary(selection: &Selection, total: usize, filter: &Filter, labels: &Labels) -> String {
    let lang = labels.lang;
    let mut out = String::from("<p class=\"pt-shown\" role=\"status\">");
    escape(&mut out, Msg::AccountsShown.text(lang));
    let _ = write!(
        out,
        ": <strong data-testid=\"shown-count\">{}</strong> / {total}</p><p class=\"hint\">",
        selection.rows.len()
    );
    escape(&mut out, Msg::CountsCaption.text(lang));
    out.push_str("</p><div class=\"pt-counts\" data-testid=\"class-counts\">");
    for (f, id) in ACCOUNT_PRESETS.into_iter().enumerate() {
        if labels.names[f].is_empty() {
            continue;
        }
        let mut chips = chips(
            labels.classes[f]
                .iter()
                .zip(&selection.class_counts[f])
                .map(|(c, n)| (c.id.as_str(), c.text.as_str(), c.colour, *n)),
        );
        // "Key-account status lost" only where some account lost it (or it is the filter).
        chips.retain(|&(value, class, _, _, n)| {
            class != STATUS_LOST || n > 0 || filter.class[f] == Some(value)
        });
        facet(&mut out, f, id, &labels.names[f], filter.class[f], &chips);
    }
    let no_abc = Msg::NoAbc.text(labels.lang);
    let chips = chips(
        [("A", "A"), ("B", "B"), ("C", "C"), ("unclassified", no_abc)]
            .into_iter()
            .zip(selection.abc_counts)
            .map(|((id, text), n)| (id, text, "", n)),
    );
    let name = Msg::AbcFacet.text(labels.lang);
    facet(&mut out, FRAMEWORKS, "abc", name, filter.abc, &chips);
    out.push_str("</div>");
    out
}

/// Appends the `<option>`s of a filter: "all" (value `""`) first, then each `(value, label)`,
/// the one whose value is `chosen` selected.
fn options<'a>(
    out: &mut String,
    all: &'a str,
    choices: impl Iterator<Item = (&'a str, &'a str)>,
    chosen: &str,
) {
    for (value, label) in [("", all)].into_iter().chain(choices) {
        out.push_str("<option value=\"");
        escape(out, value);
        out.push('"');
        if chosen == value {
            out.push_str(" selected");
        }
        out.push('>');
        escape(out, label);
        out.push_str("</option>");
    }
}

/// Appends a `<select>` of a filter (`data-filter`: which).
fn choice<'a>(
    out: &mut String,
    filter: &str,
    label: &str,
    choices: impl Iterator<Item = (&'a str, &'a str)>,
    all: &'a str,
    chosen: &str,
) {
    let _ = write!(
        out,
        "<select data-testid=\"filter-{filter}\" data-filter=\"{filter}\" aria-label=\""
    );
    escape(out, label);
    out.push_str("\">");
    options(out, all, choices, chosen);
    out.push_str("</select>");
}

/// Appends a button that does `action` (`data-action`), with a tooltip when `hint` is given.
fn button(out: &mut String, action: &str, text: &str, hint: Option<&str>) {
    let _ = write!(
        out,
        "<button type=\"button\" class=\"small\" data-action=\"{action}\" data-testid=\"{action}\""
    );
    if let Some(hint) = hint {
        out.push_str(" title=\"");
        escape(out, hint);
        out.push('"');
    }
    out.push('>');
    escape(out, text);
    out.push_str("</button>");
}

/// The heading, the filter bar (search, owner, region, level, clear) and the download buttons,
/// showing the choices of `filter`. `owners` and `regions` are the distinct values to offer.
pub fn bar<'a>(lang: Lang, owners: &'a [String], regions: &'a [String], filter: &Filter) -> String {
    let t = |m: Msg| m.text(lang);
    let mut out = String::from("<h2>");
    escape(&mut out, t(Msg::PortfolioTableTitle));
    out.push_str("</h2><div class=\"pt-filters\"><input type=\"search\" class=\"search\" data-testid=\"table-search\" data-filter=\"text\" placeholder=\"");
    escape(&mut out, t(Msg::SearchAccounts));
    out.push_str("\" aria-label=\"");
    escape(&mut out, t(Msg::SearchAccounts));
    out.push_str("\" value=\"");
    escape(&mut out, &filter.text);
    out.push_str("\">");
    let same = |v: &'a String| (v.as_str(), v.as_str());
    let chosen = |v: &Option<String>| v.clone().unwrap_or_default();
    choice(
        &mut out,
        "owner",
        t(Msg::Owner),
        owners.iter().map(same),
        t(Msg::AllOwners),
        &chosen(&filter.owner),
    );
    choice(
        &mut out,
        "region",
        t(Msg::Region),
        regions.iter().map(same),
        t(Msg::AllRegions),
        &chosen(&filter.region),
    );
    let levels = [
        ("0", t(Msg::LevelCompany)),
        ("1", t(Msg::LevelRegional)),
        ("255", t(Msg::LevelNotSet)),
    ];
    let level = filter.level.map_or(String::new(), |l| l.to_string());
    choice(
        &mut out,
        "level",
        t(Msg::ColLevel),
        levels.into_iter(),
        t(Msg::AllLevels),
        &level,
    );
    button(&mut out, "clear-filters", t(Msg::ClearFilters), None);
    out.push_str("</div><div class=\"actions pt-actions\">");
    button(
        &mut out,
        "download-results",
        t(Msg::DownloadResultsCsv),
        Some(t(Msg::DownloadResultsHint)),
    );
    button(
        &mut out,
        "download-shown",
        t(Msg::DownloadShownCsv),
        Some(t(Msg::DownloadShownHint)),
    );
    out.push_str("<span class=\"hint\">");
    escape(&mut out, t(Msg::TableHelp));
    out.push_str("</span></div>");
    out
}
