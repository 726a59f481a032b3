//! The Import view's conversation with the import worker, message by message, with every
//! message passed through JSON exactly as `postMessage` carries it between the page and the
//! worker: read several files (GBK CSV, a two-sheet workbook, an empty file), override a
//! mapping, convert, read the located report, download the problem rows and the templates,
//! and reuse a remembered mapping.

use std::collections::BTreeMap;

use kam_radar::framework::presets;
use kam_radar::framework::{Framework, Rule};
use kam_radar::i18n::Lang;
use kam_radar::import::worker::{
    AccountRef, Arrivals, Converted, ImportWorker, ReadResult, Reply, Request, Stage,
    TemplateFormat, RECORDS_PER_PART,
};
use kam_radar::import::{
    plan_merge, Confidence, Imported, MappingMemory, PersonalField, SheetPlan, TableKind, Target,
    TextEncoding,
};
use kam_radar::model::{keys, Workspace};
use kam_radar::scoring::Engine;

/// The worker's replies to one request, each through JSON, with the bytes sent alongside.
fn ask(
    worker: &mut ImportWorker,
    request: &Request,
    files: Vec<Vec<u8>>,
) -> Vec<(Reply, Option<Vec<u8>>)> {
    let request: Request =
        serde_json::from_str(&serde_json::to_string(request).expect("request to JSON"))
            .expect("request from JSON");
    let mut replies = Vec::new();
    worker.handle(request, files, &mut |reply, bytes| {
        let json = serde_json::to_string(&reply).expect("reply to JSON");
        replies.push((serde_json::from_str(&json).expect("reply from JSON"), bytes));
    });
    replies
}

fn gbk_accounts() -> Vec<u8> {
    let text =
        "客户名称,战略契合度,利润贡献,年销售额\n华东机械,高,高,1200万\n南方电子,超高,中,300\n";
    encoding_rs::GBK.encode(text).0.into_owned()
}

/// A workbook with a sheet of accounts and a sheet of stakeholders linked by account name.
fn workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let accounts = book.add_worksheet();
    accounts.set_name("Accounts").expect("name");
    for (r, row) in [["Account Name", "Region"], ["Delta Foods", "East"]]
        .iter()
        .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            accounts.write(r as u32, c as u16, *cell).expect("cell");
        }
    }
    let people = book.add_worksheet();
    people.set_name("Stakeholders").expect("name");
    let rows = [
        ["客户名称", "姓名", "关系角色", "权力角色", "手机"],
        ["华东机械", "王强", "教练", "决策者", "13800000000"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            people.write(r as u32, c as u16, *cell).expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

fn read(worker: &mut ImportWorker, memory: MappingMemory) -> (ReadResult, Vec<f32>) {
    let names = ["华东.csv", "crm.xlsx", "empty.csv"]
        .map(String::from)
        .to_vec();
    let replies = ask(
        worker,
        &Request::Read { names, memory },
        vec![gbk_accounts(), workbook(), Vec::new()],
    );
    let mut progress = Vec::new();
    let mut result = None;
    for (reply, _) in replies {
        match reply {
            Reply::Progress { stage, fraction } => {
                assert_eq!(stage, Stage::Reading);
                progress.push(fraction);
            }
            Reply::Read(r) => result = Some(r),
            other => panic!("unexpected reply to a read: {other:?}"),
        }
    }
    (result.expect("a read result"), progress)
}

#[test]
fn a_read_reports_every_file_every_sheet_and_its_progress() {
    let mut worker = ImportWorker::default();
    let (result, progress) = read(&mut worker, MappingMemory::default());

    assert!(!progress.is_empty(), "the bar moves");
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
    assert!(progress.iter().all(|f| (0.0..=1.0).contains(f)));

    assert_eq!(result.files.len(), 3);
    assert_eq!(result.files[0].encoding, Some(TextEncoding::Gb18030));
    assert!(result.files[1].error.is_none());
    let empty = result.files[2]
        .error
        .as_ref()
        .expect("the empty file is refused");
    assert!(
        empty.en.contains("empty.csv") && empty.en.contains("empty"),
        "{empty:?}"
    );
    assert!(
        empty.zh.contains("empty.csv") && empty.zh.contains("空"),
        "{empty:?}"
    );

    // One sheet for the CSV, two for the workbook; the empty file adds none.
    assert_eq!(result.sheets.len(), 3);
    let csv = &result.sheets[0];
    assert_eq!(csv.headers[0], "客户名称");
    assert_eq!(csv.rows, 2);
    assert_eq!(csv.preview[0][3], "1200万", "cells as written");
    assert_eq!(csv.plan.kind, TableKind::Accounts);
    let people = &result.sheets[2];
    assert_eq!(people.sheet.as_deref(), Some("Stakeholders"));
    assert_eq!(people.plan.kind, TableKind::Stakeholders);
    assert_eq!(
        people.plan.mapping.columns[4].target,
        Target::Personal(PersonalField::Phone)
    );
    // A plan for every kind, so switching a sheet's kind needs no second request; the
    // guessed plan stands in its own kind's place.
    for sheet in &result.sheets {
        let kinds: Vec<TableKind> = sheet.alternatives.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                TableKind::Accounts,
                TableKind::Stakeholders,
                TableKind::Orders,
                TableKind::Assessments,
                TableKind::Other
            ]
        );
        assert!(sheet.alternatives.contains(&sheet.plan));
    }
    // The dropdowns: accounts can keep a column as an attribute, stakeholders cannot.
    let targets = |kind| {
        result
            .targets
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, t)| t.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>())
            .expect("targets")
    };
    assert!(targets(TableKind::Accounts).contains(&Target::Attribute));
    assert!(!targets(TableKind::Stakeholders).contains(&Target::Attribute));
    assert!(targets(TableKind::Stakeholders).contains(&Target::Ignore));
}

/// The report and the records of a conversion, checking that the parts come in order, each
/// with its bytes, before the report.
fn converted(replies: Vec<(Reply, Option<Vec<u8>>)>) -> (Converted, Imported, usize) {
    let (converted, arrivals, parts) = received(replies, Arrivals::default());
    (converted, arrivals.finish().0, parts)
}

/// [`converted`], with the parts given to `arrivals` as the page gives them, their accounts
/// scored after every second part.
fn received(
    replies: Vec<(Reply, Option<Vec<u8>>)>,
    mut arrivals: Arrivals,
) -> (Converted, Arrivals, usize) {
    let mut out = None;
    let mut received = 0;
    let mut done = 0.0;
    for (reply, bytes) in replies {
        match reply {
            Reply::Progress { stage, .. } => assert_eq!(stage, Stage::Converting),
            Reply::Records { part, fraction } => {
                assert!(out.is_none(), "records come before the report");
                assert_eq!(part, received);
                assert!(
                    fraction > done && fraction <= 1.0,
                    "part {part}: the bar moves forward ({done} → {fraction})"
                );
                done = fraction;
                arrivals
                    .receive(&bytes.expect("the part's bytes"))
                    .expect("the part decodes");
                // The page scores a part in the task after it; when parts come faster, one
                // scoring catches up with two (and `finish` with the rest).
                if part % 2 == 1 {
                    arrivals.score_arrived();
                }
                received += 1;
            }
            Reply::Converted(c) => out = Some(c),
            other => panic!("unexpected reply to a conversion: {other:?}"),
        }
    }
    assert_eq!(done, 1.0, "the last part completes the bar");
    (out.expect("converted"), arrivals, received)
}

#[test]
fn a_conversion_links_the_sheets_locates_each_problem_and_exports_the_rejected_rows() {
    let mut worker = ImportWorker::default();
    let (result, _) = read(&mut worker, MappingMemory::default());
    let mut plans: Vec<SheetPlan> = result.sheets.iter().map(|s| s.plan.clone()).collect();
    // The user keeps the annual sales column out of this import.
    let sales = plans[0]
        .mapping
        .column_of(&Target::Input(keys::ANNUAL_SALES.into()))
        .expect("年销售额 mapped");
    plans[0]
        .mapping
        .set(sales, Target::Attribute, TableKind::Accounts);

    let (c, imported, parts) = converted(ask(
        &mut worker,
        &Request::Convert {
            plans,
            frameworks: presets::all(),
            existing: vec![AccountRef {
                id: "old-1".into(),
                name: "Old Account".into(),
            }],
        },
        Vec::new(),
    ));
    assert_eq!(parts, 1);
    let names: Vec<&str> = imported.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["华东机械", "Delta Foods"],
        "南方电子 has an unknown level"
    );
    let east = &imported.accounts[0];
    assert_eq!(
        east.attributes.get("年销售额").map(String::as_str),
        Some("1200万")
    );
    assert_eq!(imported.stakeholders.len(), 1);
    assert_eq!(imported.stakeholders[0].account, east.id, "linked by name");
    assert_eq!(
        (c.rows_read, c.rows_imported, c.rows_with_errors),
        (4, 3, 1)
    );

    // 南方电子 is on spreadsheet row 3, its 战略契合度 in column B.
    let problem = c
        .problems
        .iter()
        .find(|p| p.error)
        .expect("an error is listed");
    assert_eq!((problem.file.as_str(), problem.row), ("华东.csv", 3));
    assert_eq!(problem.column.as_deref(), Some("B 战略契合度"));
    assert_eq!(problem.value, "超高");
    assert!(problem.reason.en.contains("level"), "{:?}", problem.reason);
    assert!(!problem.reason.zh.is_empty() && problem.reason.zh != problem.reason.en);
    assert_eq!(c.sheets_with_rejected_rows, [0]);

    let replies = ask(
        &mut worker,
        &Request::ProblemRows {
            sheet: 0,
            lang: Lang::Zh,
        },
        Vec::new(),
    );
    let [(Reply::File { name, mime }, Some(bytes))] = replies.as_slice() else {
        panic!("a file: {replies:?}");
    };
    assert_eq!(
        (name.as_str(), mime.as_str()),
        ("华东_problems.csv", "text/csv")
    );
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(text.contains("南方电子,超高,中,300"), "{text}");
    assert!(!text.contains("华东机械"), "only rejected rows");

    // A sheet without rejected rows says so instead of offering an empty file.
    let replies = ask(
        &mut worker,
        &Request::ProblemRows {
            sheet: 1,
            lang: Lang::En,
        },
        Vec::new(),
    );
    assert!(matches!(replies.as_slice(), [(Reply::Failed { .. }, None)]));
}

#[test]
fn plans_that_do_not_match_the_files_read_are_refused() {
    let mut worker = ImportWorker::default();
    let (result, _) = read(&mut worker, MappingMemory::default());
    let replies = ask(
        &mut worker,
        &Request::Convert {
            plans: vec![result.sheets[0].plan.clone()],
            frameworks: presets::all(),
            existing: Vec::new(),
        },
        Vec::new(),
    );
    let [(Reply::Failed { message }, None)] = replies.as_slice() else {
        panic!("refused: {replies:?}");
    };
    assert!(message.en.contains("read them again"), "{message:?}");
}

#[test]
fn templates_come_as_files_that_map_back() {
    let mut worker = ImportWorker::default();
    for (format, name, magic) in [
        (
            TemplateFormat::Csv,
            "kam-radar-template.csv",
            &b"\xEF\xBB\xBF"[..],
        ),
        (
            TemplateFormat::Xlsx,
            "kam-radar-template.xlsx",
            &b"PK\x03\x04"[..],
        ),
    ] {
        let replies = ask(
            &mut worker,
            &Request::Template {
                format,
                frameworks: presets::all(),
            },
            Vec::new(),
        );
        let [(Reply::File { name: got, .. }, Some(bytes))] = replies.as_slice() else {
            panic!("a template: {replies:?}");
        };
        assert_eq!(got, name);
        assert!(bytes.starts_with(magic), "{name}");
        // Read back through the worker itself: every column maps automatically.
        let back = ask(
            &mut worker,
            &Request::Read {
                names: vec![name.to_string()],
                memory: MappingMemory::default(),
            },
            vec![bytes.clone()],
        );
        let Some((Reply::Read(result), _)) = back.last() else {
            panic!("read back: {back:?}");
        };
        let accounts = &result.sheets[0].plan;
        assert_eq!(accounts.kind, TableKind::Accounts, "{name}");
        assert!(
            accounts
                .mapping
                .columns
                .iter()
                .all(|c| c.confidence == Confidence::High),
            "{name}: {accounts:?}"
        );
    }
}

#[test]
fn a_confirmed_mapping_stored_in_the_workspace_is_used_next_time() {
    let mut worker = ImportWorker::default();
    let headers = ["Kunde", "Umsatz"].map(String::from);
    let mut plan = SheetPlan {
        kind: TableKind::Accounts,
        mapping: kam_radar::import::auto_map(&headers, TableKind::Accounts),
    };
    plan.mapping.set(0, Target::Name, TableKind::Accounts);
    plan.mapping.set(
        1,
        Target::Input(keys::ANNUAL_SALES.into()),
        TableKind::Accounts,
    );
    let mut memory = MappingMemory::default();
    memory.remember(&headers, &plan);
    // Through the workspace's opaque storage, next to an entry from a future version.
    let mut stored = BTreeMap::new();
    stored.insert(
        "future".to_string(),
        serde_json::json!({"shape": "unknown"}),
    );
    memory.store(&mut stored);
    let recalled = MappingMemory::from_stored(&stored);
    assert_eq!(recalled, memory);
    assert_eq!(stored.len(), 2, "the unknown entry is kept");

    let replies = ask(
        &mut worker,
        &Request::Read {
            names: vec!["de.csv".into()],
            memory: recalled,
        },
        vec![b"KUNDE;umsatz\nAcme;5\n".to_vec()],
    );
    let Some((Reply::Read(result), _)) = replies.last() else {
        panic!("read: {replies:?}");
    };
    let plan = &result.sheets[0].plan;
    assert_eq!(plan.kind, TableKind::Accounts);
    assert_eq!(plan.mapping.columns[0].target, Target::Name);
    assert_eq!(plan.mapping.columns[1].confidence, Confidence::Remembered);
}

#[test]
fn a_large_conversion_arrives_in_parts_that_together_hold_every_record_in_order() {
    let mut worker = ImportWorker::default();
    let count = RECORDS_PER_PART * 2 + 17;
    let mut csv = String::from("客户编号,客户名称,战略契合度\n");
    for i in 0..count {
        csv.push_str(&format!("C{i},客户{i},高\n"));
    }
    let replies = ask(
        &mut worker,
        &Request::Read {
            names: vec!["big.csv".into()],
            memory: MappingMemory::default(),
        },
        vec![csv.into_bytes()],
    );
    let Some((Reply::Read(result), _)) = replies.last() else {
        panic!("read: {replies:?}");
    };
    let plans = result.sheets.iter().map(|s| s.plan.clone()).collect();
    let (c, imported, parts) = converted(ask(
        &mut worker,
        &Request::Convert {
            plans,
            frameworks: presets::all(),
            existing: Vec::new(),
        },
        Vec::new(),
    ));
    assert_eq!(parts, 3);
    assert_eq!((c.rows_read, c.rows_imported), (count, count));
    assert_eq!(imported.accounts.len(), count);
    assert!(imported
        .accounts
        .iter()
        .enumerate()
        .all(|(i, a)| a.id == format!("C{i}") && a.name == format!("客户{i}")));
}

/// A CSV of `count` accounts whose cells cover what scoring tells apart: known levels in both
/// languages, an unknown level, blanks, amounts with units and without, text for a number,
/// and a column with more distinct labels than the index compares directly.
fn varied_accounts(count: usize) -> Vec<u8> {
    let fit = ["高", "中", "低", "超高", "", "high"];
    let profit = ["高", "中", "低", "medium"];
    let mut csv = String::from("客户编号,客户名称,战略契合度,利润贡献,年销售额,行业\n");
    for i in 0..count {
        let sales = match i % 4 {
            0 => format!("{}万", i * 7),
            1 => String::new(),
            2 => "待定".into(),
            _ => format!("{}", i * 1_000),
        };
        let profit = if i % 9 == 0 {
            format!("等级{}", i % 40)
        } else {
            profit[i % profit.len()].to_string()
        };
        csv.push_str(&format!(
            "C{i},客户{i},{},{profit},{sales},行业{}\n",
            fit[i % fit.len()],
            i % 30
        ));
    }
    csv.into_bytes()
}

/// Reads `files` and converts them with the automatic plans, into a workspace without records.
fn convert_files(
    worker: &mut ImportWorker,
    names: &[&str],
    files: Vec<Vec<u8>>,
) -> Vec<(Reply, Option<Vec<u8>>)> {
    let replies = ask(
        worker,
        &Request::Read {
            names: names.iter().map(|n| n.to_string()).collect(),
            memory: MappingMemory::default(),
        },
        files,
    );
    let Some((Reply::Read(result), _)) = replies.last() else {
        panic!("read: {replies:?}");
    };
    let plans = result.sheets.iter().map(|s| s.plan.clone()).collect();
    ask(
        worker,
        &Request::Convert {
            plans,
            frameworks: Workspace::default().frameworks_in_force(),
            existing: Vec::new(),
        },
        Vec::new(),
    )
}

/// The scorecard with the points of its first dimension's first level changed, as the
/// framework editor changes a weight.
fn scorecard_edited(ws: &Workspace) -> Vec<Framework> {
    let mut frameworks = ws.frameworks_in_force();
    let Some(Rule::Levels { levels, .. }) = frameworks
        .iter_mut()
        .find(|f| f.id == kam_radar::framework::presets::SCORECARD)
        .and_then(|f| f.dimensions.first_mut())
        .map(|d| &mut d.rule)
    else {
        panic!("the scorecard's first dimension has levels");
    };
    levels[0].score = Some(levels[0].score.map_or(1.0, |s| s - 1.0));
    frameworks
}

#[test]
fn a_first_import_is_scored_as_its_parts_arrive_exactly_as_the_commit_would_score_it() {
    let mut worker = ImportWorker::default();
    let count = RECORDS_PER_PART * 4 + 123;
    let replies = convert_files(&mut worker, &["varied.csv"], vec![varied_accounts(count)]);
    let arrivals = Arrivals::into_workspace(&Workspace::default());
    let (c, arrivals, parts) = received(replies, arrivals);
    let imported_rows = c.rows_imported;
    assert!(
        imported_rows > RECORDS_PER_PART && imported_rows < count,
        "unknown levels and text amounts reject some rows: {imported_rows} of {count}"
    );
    assert_eq!(parts, imported_rows.div_ceil(RECORDS_PER_PART));
    assert!(
        parts > 1 && parts % 2 == 1,
        "{parts} parts: the first two scored together, the last only when the import finishes"
    );
    let (imported, ahead) = arrivals.finish();
    let ahead = ahead.expect("accounts without stakeholders are scored ahead");
    assert_eq!(
        ahead.rows(),
        imported_rows,
        "every part's accounts were scored"
    );

    // The commit: the merge into the blank workspace, then the workspace's own engine.
    let mut ws = Workspace::default();
    plan_merge(&ws, imported).apply(&mut ws);
    let engine = Engine::new(&ws.frameworks_in_force()).expect("an engine");
    let reference = engine.index(&ws.accounts, &ws.stakeholders);
    let reference_scores = engine.score(&reference);
    let (_, portfolio, scores) = ahead
        .finish(&engine, &ws.accounts, &ws.stakeholders)
        .expect("the committed accounts are those scored ahead");
    assert!(portfolio == reference, "the index built part by part");
    assert!(
        scores == reference_scores,
        "the scores computed part by part"
    );

    // And the scores say something: points for the levels given, rejected levels located.
    let fi = engine
        .index_of(kam_radar::framework::presets::SCORECARD)
        .expect("the scorecard is in force");
    let results = scores.framework(fi);
    let outcomes: Vec<_> = (0..imported_rows).map(|row| results.outcome(row)).collect();
    let scored = outcomes.iter().filter(|o| o.total > 0.0).count();
    let blank = outcomes.iter().filter(|o| o.missing & 1 != 0).count();
    assert!(
        scored > imported_rows / 2,
        "most rows score points: {scored}"
    );
    assert!(blank > 0, "a blank strategic fit is missing, not zero");
}

#[test]
fn scores_made_ahead_are_refused_when_the_commit_finds_other_accounts_or_frameworks() {
    let mut worker = ImportWorker::default();
    let replies = convert_files(&mut worker, &["varied.csv"], vec![varied_accounts(300)]);
    let defaults = Workspace::default().frameworks_in_force();
    let ahead_of = |replies: Vec<(Reply, Option<Vec<u8>>)>| {
        let arrivals = Arrivals::into_workspace(&Workspace::default());
        let (_, arrivals, _) = received(replies, arrivals);
        let (imported, ahead) = arrivals.finish();
        let mut ws = Workspace::default();
        plan_merge(&ws, imported).apply(&mut ws);
        (ws, ahead.expect("scored ahead"))
    };
    let engine = Engine::new(&defaults).expect("an engine");

    // A weight edited between the conversion and the commit.
    let (ws, ahead) = ahead_of(replies.clone());
    assert!(
        Arrivals::into_workspace(&ws).finish().1.is_none(),
        "an import into a workspace with accounts is scored at its commit"
    );
    let edited = Engine::new(&scorecard_edited(&ws)).expect("an engine");
    assert!(ahead
        .finish(&edited, &ws.accounts, &ws.stakeholders)
        .is_none());

    // Accounts in another order, one fewer, or one under another id.
    let (mut ws, ahead) = ahead_of(replies.clone());
    ws.accounts.swap(3, 4);
    assert!(ahead
        .finish(&engine, &ws.accounts, &ws.stakeholders)
        .is_none());
    let (mut ws, ahead) = ahead_of(replies.clone());
    ws.accounts.pop();
    assert!(ahead
        .finish(&engine, &ws.accounts, &ws.stakeholders)
        .is_none());
    let (mut ws, ahead) = ahead_of(replies.clone());
    ws.accounts[7].id.push('x');
    assert!(ahead
        .finish(&engine, &ws.accounts, &ws.stakeholders)
        .is_none());

    // Stakeholders beside them: their scores feed the accounts'.
    let (ws, ahead) = ahead_of(replies);
    let mut with_people = ws.clone();
    with_people
        .stakeholders
        .push(kam_radar::model::Stakeholder {
            account: ws.accounts[0].id.clone(),
            ..Default::default()
        });
    assert!(ahead
        .finish(&engine, &with_people.accounts, &with_people.stakeholders)
        .is_none());
}

#[test]
fn an_import_with_stakeholders_is_not_scored_ahead() {
    let mut worker = ImportWorker::default();
    let replies = convert_files(
        &mut worker,
        &["华东.csv", "crm.xlsx"],
        vec![gbk_accounts(), workbook()],
    );
    let arrivals = Arrivals::into_workspace(&Workspace::default());
    let (_, arrivals, _) = received(replies, arrivals);
    let (imported, ahead) = arrivals.finish();
    assert_eq!(imported.stakeholders.len(), 1, "the stakeholder arrived");
    assert!(
        ahead.is_none(),
        "the commit indexes and scores them together"
    );
}

#[test]
fn the_report_lists_problems_by_row_whichever_step_found_them() {
    // Row 5's unclosed quote is found while reading, row 3's unknown level and row 4's
    // duplicate id while converting: the report reads top to bottom all the same.
    let csv = "客户编号,客户名称,战略契合度\nA1,华东机械,高\nA2,南方电子,超高\nA1,北方重工,中\nA3,\"西部物流,低\n";
    let mut worker = ImportWorker::default();
    let replies = ask(
        &mut worker,
        &Request::Read {
            names: vec!["客户.csv".into()],
            memory: MappingMemory::default(),
        },
        vec![csv.as_bytes().to_vec()],
    );
    let Some(read) = replies.into_iter().find_map(|(reply, _)| match reply {
        Reply::Read(read) => Some(read),
        _ => None,
    }) else {
        panic!("a read result")
    };
    let plans = read.sheets.iter().map(|s| s.plan.clone()).collect();
    let (c, _, _) = converted(ask(
        &mut worker,
        &Request::Convert {
            plans,
            frameworks: presets::all(),
            existing: Vec::new(),
        },
        Vec::new(),
    ));
    let rows: Vec<usize> = c.problems.iter().map(|p| p.row).collect();
    assert!(rows.len() >= 3, "{:?}", c.problems);
    assert!(rows.windows(2).all(|w| w[0] <= w[1]), "by row: {rows:?}");
    assert_eq!((rows[0], *rows.last().unwrap()), (3, 5), "{:?}", c.problems);
}
