//! The portfolio table's HTML as the browser receives it: workspace text escaped, one row per
//! display position with its ARIA row index, the sorted heading marked, and the counts and
//! filter choices showing the filter in force.

use kam_radar::i18n::Lang;
mod credit_support;

use credit_support::red;
use kam_radar::model::{Account, AccountLevel, Input, Workspace};
use kam_radar::portfolio::html::{bar, head, rows, summary, Labels};
use kam_radar::portfolio::{select, Column, Columns, Filter, Sort};
use kam_radar::scoring::Engine;

/// Three accounts: a key account on the green list with a hostile name, a potential one, and one
/// without inputs.
fn workspace() -> Workspace {
    let scorecard = |a: Account, v: [f64; 6]| {
        kam_radar::model::keys::SCORECARD
            .into_iter()
            .zip(v)
            .fold(a, |a, (k, v)| a.with(k, Input::Number(v)))
    };
    let credit = |a: Account| {
        a.with("deal_volume", Input::Number(50.0))
            .with("contract_performance", Input::Number(45.0))
            .with("operating_risk", Input::Number(-5.0))
    };
    let mut hostile = credit(scorecard(
        Account::new("x1", "<img src=x onerror=\"alert('1')\"> & Co"),
        [30.0, 20.0, 20.0, 10.0, 5.0, 5.0],
    ));
    hostile.owner = "王经理".into();
    hostile.level = Some(AccountLevel::Company);
    let mut potential = scorecard(
        Account::new("x2", "Beta"),
        [20.0, 15.0, 15.0, 5.0, 3.0, 2.0],
    );
    potential.owner = "O'Brien".into();
    Workspace {
        accounts: vec![hostile, potential, Account::new("x3", "Gamma")],
        ..Workspace::default()
    }
}

struct Prepared {
    ws: Workspace,
    engine: Engine,
    columns: Columns,
}

fn prepare() -> Prepared {
    let ws = workspace();
    let engine = Engine::new(&ws.frameworks_in_force()).expect("presets");
    let portfolio = engine.index(&ws.accounts, &ws.stakeholders);
    let scores = engine.score(&portfolio);
    let columns = Columns::build(&engine, &portfolio, &scores, &ws, None);
    Prepared {
        ws,
        engine,
        columns,
    }
}

#[test]
fn rows_escape_workspace_text_and_carry_position_index_and_classes() {
    let p = prepare();
    let selection = select(&p.columns, &p.ws.accounts, &Filter::default(), None);
    let labels = Labels::new(&p.engine, Lang::En);
    let html = rows(&p.columns, &p.ws.accounts, &selection, 0..10, 1, &labels);
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; Co</div>")
    );
    assert!(html.contains("O&#39;Brien"));
    assert_eq!(
        html.matches("role=\"row\"").count(),
        3,
        "the range is cut at the end"
    );
    assert_eq!(html.matches("role=\"gridcell\"").count(), 3 * 14);
    for pos in 0..3 {
        assert!(html.contains(&format!("data-pos=\"{pos}\" aria-rowindex=\"{}\"", pos + 2)));
    }
    assert_eq!(html.matches("tabindex=\"0\"").count(), 1);
    assert!(
        html.contains("tabindex=\"0\" data-pos=\"1\""),
        "the active row is in the tab order"
    );
    assert!(html.contains(">key account list</div>"));
    assert!(html.contains("class=\"pt-class list-green\" title=\"AAA · green list\""));
    assert!(html.contains(">potential key account list</div>"));
    assert!(html.contains(">Company-level</div>"));
    // Gamma has no input: every score and class, ABC, RFM and level are a dash.
    let gamma = &html[html.find("data-pos=\"2\"").expect("third row")..];
    assert_eq!(gamma.matches(">—</div>").count(), 11, "{gamma}");

    let zh = rows(
        &p.columns,
        &p.ws.accounts,
        &selection,
        1..2,
        0,
        &Labels::new(&p.engine, Lang::Zh),
    );
    assert!(zh.contains(">潜在大客户名单</div>"), "{zh}");
    assert_eq!(zh.matches("role=\"row\"").count(), 1);
}

#[test]
fn no_matching_account_shows_the_empty_state() {
    let p = prepare();
    let filter = Filter {
        text: "nobody".into(),
        ..Filter::default()
    };
    let selection = select(&p.columns, &p.ws.accounts, &filter, None);
    let html = rows(
        &p.columns,
        &p.ws.accounts,
        &selection,
        0..20,
        0,
        &Labels::new(&p.engine, Lang::En),
    );
    assert!(html.contains("data-testid=\"no-matches\""));
    assert!(!html.contains("role=\"row\""));
}

#[test]
fn the_heading_marks_only_the_sorted_column() {
    let html = head(
        Some(Sort {
            column: Column::Score(0),
            descending: true,
        }),
        Lang::En,
    );
    assert_eq!(html.matches("<button").count(), 14);
    assert_eq!(html.matches("aria-sort").count(), 1);
    assert!(html.contains(
        "aria-sort=\"descending\"><button type=\"button\" data-col=\"1\">Key-account score"
    ));
    assert!(head(None, Lang::Zh).contains(">大客户名单</button>"));
    assert!(!head(None, Lang::En).contains("aria-sort"));
}

#[test]
fn the_counts_show_each_class_with_the_filter_in_force_pressed() {
    let p = prepare();
    let mut filter = Filter::default();
    filter.class[0] = Some(0);
    let selection = select(&p.columns, &p.ws.accounts, &filter, None);
    let html = summary(&selection, 3, &filter, &Labels::new(&p.engine, Lang::En));
    assert!(html.contains("<strong data-testid=\"shown-count\">1</strong> / 3"));
    assert!(html.contains(
        "data-facet=\"0\" data-value=\"0\" aria-pressed=\"true\" data-class=\"key\">key account list <strong>1</strong>"
    ));
    assert!(html.contains(
        "data-facet=\"0\" data-value=\"1\" aria-pressed=\"false\" data-class=\"potential\">potential key account list <strong>1</strong>"
    ));
    assert!(html.contains(
        "data-facet=\"0\" data-value=\"255\" aria-pressed=\"false\" data-class=\"unclassified\""
    ));
    assert!(html.contains("class=\"chip list-green\" data-facet=\"1\" data-value=\"0\""));
    assert!(
        !html.contains("key_status_lost"),
        "no account lost its status: no chip for it"
    );
    assert!(html.contains("data-framework=\"abc\""));
    assert_eq!(
        html.matches("data-facet=\"4\"").count(),
        4,
        "A, B, C and none"
    );
}

#[test]
fn the_bar_shows_the_chosen_filters_and_escapes_them() {
    let p = prepare();
    let filter = Filter {
        owner: Some("O'Brien".into()),
        level: Some(255),
        text: "\"><script>".into(),
        ..Filter::default()
    };
    let html = bar(Lang::En, p.columns.owners(), p.columns.regions(), &filter);
    assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;\""));
    assert!(!html.contains("<script>"));
    assert!(html.contains("<option value=\"O&#39;Brien\" selected>O&#39;Brien</option>"));
    assert!(html.contains("<option value=\"王经理\">王经理</option>"));
    assert!(html.contains("<option value=\"255\" selected>Level not set</option>"));
    assert!(html.contains("<option value=\"\" selected>All regions</option>"));
    for action in ["clear-filters", "download-results", "download-shown"] {
        assert!(html.contains(&format!("data-action=\"{action}\"")));
    }
    assert!(bar(Lang::Zh, &[], &[], &Filter::default()).contains("下载结果 CSV（全部客户）"));
}

#[test]
fn a_key_account_that_lost_its_status_says_so_in_its_row_and_in_the_counts() {
    let mut ws = workspace();
    // The hostile-named key account, red (deal 10, performance 10, risk −40) for a year.
    ws.credit_assessments = ["2025-01-10", "2025-07-10"]
        .into_iter()
        .map(|d| red("x1", d.parse().expect("date")))
        .collect();
    let engine = Engine::new(&ws.frameworks_in_force()).expect("presets");
    let portfolio = engine.index(&ws.accounts, &ws.stakeholders);
    let scores = engine.score(&portfolio);
    let as_of = "2026-01-10".parse().ok();
    let columns = Columns::build(&engine, &portfolio, &scores, &ws, as_of);
    let selection = select(&columns, &ws.accounts, &Filter::default(), None);
    for (lang, label, why) in [
        (
            Lang::En,
            "key-account status lost · red list",
            "Key-account status lost on 2026-01-10 (red list for 12 months or more)",
        ),
        (
            Lang::Zh,
            "已取消大客户资格 · 红名单",
            "已于 2026-01-10 取消大客户资格（在红名单上满 12 个月）",
        ),
    ] {
        let labels = Labels::new(&engine, lang);
        let html = rows(&columns, &ws.accounts, &selection, 0..1, 0, &labels);
        assert!(
            html.contains(&format!(
                "<div role=\"gridcell\" class=\"pt-class list-red\" title=\"{why}\">{label}</div>"
            )),
            "{html}"
        );
        let counts = summary(&selection, 3, &Filter::default(), &labels);
        assert!(
            counts.contains(&format!(
                "data-facet=\"0\" data-value=\"3\" aria-pressed=\"false\" data-class=\"key_status_lost\">{label} <strong>1</strong>"
            )),
            "{counts}"
        );
        assert!(
            counts.contains("data-class=\"key\">"),
            "the key list stays a choice"
        );
    }
}
