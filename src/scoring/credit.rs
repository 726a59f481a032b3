//! Credit history: the red-list clock over dated assessments, and loss of key-account status.
//!
//! The source: an A-grade (red list) customer still on the red list a year later loses its
//! key-account status. Each assessment is graded with the credit framework in force, so an
//! edited threshold re-grades the whole history consistently.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use thiserror::Error;

use crate::framework::presets;
use crate::i18n::Lang;
use crate::model::{Account, CreditAssessment, Workspace};
use crate::scoring::{Engine, Scores};

/// The id of the list that starts the clock.
pub const RED_LIST: &str = "red";

/// The id of the scorecard class that is key-account status, the one the red list takes away.
pub const KEY_CLASS: &str = "key";

/// The id the portfolio table and the exports give a key account that lost its status.
pub const STATUS_LOST: &str = "key_status_lost";

/// Where an account stands on the red-list clock as of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RedListStatus {
    /// The date of the latest graded assessment on or before the as-of date.
    pub latest: Option<NaiveDate>,
    /// The first assessment of the current unbroken run of red ratings, if the latest is red.
    pub red_since: Option<NaiveDate>,
    /// The date key-account status is (or was) lost if the run does not end.
    pub revoke_on: Option<NaiveDate>,
    /// Whether the account has stayed red for the full period as of the date.
    pub revoked: bool,
}

/// Why the history could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CreditError {
    #[error("no credit framework (id '{}') is in force", presets::CREDIT)]
    NoCreditFramework,
}

/// One dated assessment as graded by the credit framework in force.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Graded {
    pub date: NaiveDate,
    /// The complete total, `None` when an input is missing or invalid.
    pub total: Option<f64>,
    /// The grade reached (index into the credit framework's classes).
    pub class: Option<u8>,
    /// Whether the grade puts the account on the red list.
    pub red: bool,
}

/// Grades assessments with the credit framework in force, in the order given.
fn grade(engine: &Engine, assessments: &[CreditAssessment]) -> Result<Vec<Graded>, CreditError> {
    let fi = engine
        .index_of(presets::CREDIT)
        .ok_or(CreditError::NoCreditFramework)?;
    let classes = engine.frameworks()[fi].classes();
    let rows: Vec<Account> = assessments
        .iter()
        .map(|a| Account {
            id: a.account.clone(),
            inputs: a.inputs.clone(),
            ..Account::default()
        })
        .collect();
    let scores = engine.score(&engine.index(&rows, &[]));
    let graded = scores.framework(fi);
    Ok(assessments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let o = graded.outcome(i);
            Graded {
                date: a.date,
                total: o.complete_total(),
                class: o.class,
                red: o
                    .class
                    .and_then(|c| classes.get(usize::from(c)))
                    .and_then(|c| c.list.as_ref())
                    .is_some_and(|l| l.id == RED_LIST),
            }
        })
        .collect())
}

/// One account's assessments, graded, oldest first.
pub fn history(
    engine: &Engine,
    assessments: &[CreditAssessment],
    account: &str,
) -> Result<Vec<Graded>, CreditError> {
    let mine: Vec<CreditAssessment> = assessments
        .iter()
        .filter(|a| a.account == account)
        .cloned()
        .collect();
    let mut graded = grade(engine, &mine)?;
    graded.sort_by_key(|g| g.date);
    Ok(graded)
}

/// The red-list status of every account that has assessments, by account id, as of `as_of`.
/// Incomplete assessments have no grade and neither start nor break a run.
pub fn red_list(
    engine: &Engine,
    assessments: &[CreditAssessment],
    as_of: NaiveDate,
    months: u32,
) -> Result<BTreeMap<String, RedListStatus>, CreditError> {
    let graded = grade(engine, assessments)?;
    let mut by_account: BTreeMap<&str, Vec<(NaiveDate, bool)>> = BTreeMap::new();
    for (a, g) in assessments.iter().zip(&graded) {
        if a.date > as_of || g.class.is_none() {
            continue;
        }
        by_account
            .entry(a.account.as_str())
            .or_default()
            .push((a.date, g.red));
    }
    Ok(by_account
        .into_iter()
        .map(|(id, mut history)| {
            history.sort_by_key(|(d, _)| *d);
            (id.to_string(), status(&history, as_of, months))
        })
        .collect())
}

/// The key accounts that have lost their status as of a day, by account row: the accounts the
/// scorecard in force puts in its [`KEY_CLASS`] whose credit rating has stayed on the red list
/// for the workspace's months (`Settings::red_list_months`) or more.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LostStatus {
    /// Per account row, the day its status was lost; empty when no account lost it.
    lost_on: Vec<Option<NaiveDate>>,
    /// How many accounts lost it.
    count: usize,
}

impl LostStatus {
    /// Reads the red-list clock of every key account of `ws`, scored by `engine` into `scores`
    /// (in the workspace's account order). Nothing is lost without a scorecard with a key
    /// class, a credit framework, or assessments.
    pub fn compute(engine: &Engine, scores: &Scores, ws: &Workspace, as_of: NaiveDate) -> Self {
        let Some((fi, key)) = key_class(engine) else {
            return LostStatus::default();
        };
        // Most workspaces have no credit history: no account is read for nothing.
        if ws.credit_assessments.is_empty() {
            return LostStatus::default();
        }
        let results = scores.framework(fi);
        let is_key = |row: usize| results.outcome(row).class == Some(key);
        // Only the key accounts' histories are graded: a few among many accounts.
        let keys: std::collections::BTreeSet<&str> = ws
            .accounts
            .iter()
            .enumerate()
            .filter(|(row, _)| is_key(*row))
            .map(|(_, a)| a.id.as_str())
            .collect();
        let theirs: Vec<CreditAssessment> = ws
            .credit_assessments
            .iter()
            .filter(|c| keys.contains(c.account.as_str()))
            .cloned()
            .collect();
        if theirs.is_empty() {
            return LostStatus::default();
        }
        let Ok(clocks) = red_list(engine, &theirs, as_of, ws.settings.red_list_months) else {
            return LostStatus::default();
        };
        let lost: BTreeMap<&str, NaiveDate> = clocks
            .iter()
            .filter(|(_, s)| s.revoked)
            .filter_map(|(id, s)| Some((id.as_str(), s.revoke_on?)))
            .collect();
        if lost.is_empty() {
            return LostStatus::default();
        }
        let lost_on: Vec<Option<NaiveDate>> = ws
            .accounts
            .iter()
            .enumerate()
            .map(|(row, a)| {
                is_key(row)
                    .then(|| lost.get(a.id.as_str()).copied())
                    .flatten()
            })
            .collect();
        // Every id in `lost` is a key account's: at least one row.
        let count = lost_on.iter().flatten().count();
        LostStatus { lost_on, count }
    }

    /// The day the account at this row lost key-account status, if it has.
    pub fn lost_on(&self, row: usize) -> Option<NaiveDate> {
        self.lost_on.get(row).copied().flatten()
    }

    /// How many key accounts have lost their status.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// The engine index of the scorecard in force and the index of its [`KEY_CLASS`], when both
/// exist: only then can an account lose key-account status.
pub fn key_class(engine: &Engine) -> Option<(usize, u8)> {
    let fi = engine.index_of(presets::SCORECARD)?;
    let key = engine.frameworks()[fi]
        .classes()
        .iter()
        .position(|c| c.id == KEY_CLASS)?;
    Some((fi, u8::try_from(key).ok()?))
}

/// "Key-account status lost on 2026-11-03 (red list for 12 months or more)".
pub fn describe_lost(on: NaiveDate, months: u32, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("Key-account status lost on {on} (red list for {months} months or more)")
        }
        Lang::Zh => format!("已于 {on} 取消大客户资格（在红名单上满 {months} 个月）"),
    }
}

/// Whole months from `from` to `to`: the largest `k` with `from` + `k` months on or before
/// `to`, counted as the revocation date is (a month's end clamps: 31 Jan + 1 month = 28 Feb).
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let diff = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let Ok(k) = u32::try_from(diff) else {
        return 0;
    };
    match from.checked_add_months(Months::new(k)) {
        Some(d) if d <= to => k,
        _ => k.saturating_sub(1),
    }
}

/// The red-list clock in words, when the account is on the red list as of `as_of`:
/// "On the red list since 2025-11-03: 7 of 12 months; loses key-account status on 2026-11-03".
/// An account that is not a key account (`key_account` false) has no status to lose, and the
/// clock only says how long it has been red.
pub fn describe_clock(
    status: &RedListStatus,
    as_of: NaiveDate,
    months: u32,
    key_account: bool,
    lang: Lang,
) -> Option<String> {
    let since = status.red_since?;
    let elapsed = whole_months(since, as_of);
    let on = status.revoke_on.map_or_else(String::new, |d| d.to_string());
    if !key_account {
        return Some(match lang {
            Lang::En => format!(
                "On the red list since {since}: {elapsed} months (not a key account: no key-account status to lose)"
            ),
            Lang::Zh => format!(
                "自 {since} 起列入红名单：已满 {elapsed} 个月（非大客户，无大客户资格可取消）"
            ),
        });
    }
    Some(match (lang, status.revoked) {
        (Lang::En, false) => format!(
            "On the red list since {since}: {elapsed} of {months} months; loses key-account status on {on}"
        ),
        (Lang::En, true) => format!(
            "On the red list since {since}: {elapsed} months, {months} or more; key-account status lost on {on}"
        ),
        (Lang::Zh, false) => format!(
            "自 {since} 起列入红名单：已满 {elapsed} 个月（共 {months} 个月）；若仍在红名单，将于 {on} 取消大客户资格"
        ),
        (Lang::Zh, true) => format!(
            "自 {since} 起列入红名单：已满 {elapsed} 个月（达到 {months} 个月）；已于 {on} 取消大客户资格"
        ),
    })
}

fn status(history: &[(NaiveDate, bool)], as_of: NaiveDate, months: u32) -> RedListStatus {
    let latest = history.last().map(|(d, _)| *d);
    let run = history.iter().rev().take_while(|(_, red)| *red).last();
    let red_since = run.map(|(d, _)| *d);
    let revoke_on = red_since.and_then(|d| d.checked_add_months(Months::new(months)));
    RedListStatus {
        latest,
        red_since,
        revoke_on,
        revoked: revoke_on.is_some_and(|r| as_of >= r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Input;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn assessment(account: &str, date: NaiveDate, grade: &str) -> CreditAssessment {
        let (deal, perf, risk) = match grade {
            "red" => ("low", "poor", "high"),
            _ => ("high", "good", "low"),
        };
        let inputs = [
            ("deal_volume", deal),
            ("contract_performance", perf),
            ("operating_risk", risk),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_string(), Input::Text((*v).into())))
        .collect();
        CreditAssessment {
            account: account.into(),
            date,
            inputs,
        }
    }

    #[test]
    fn whole_months_count_a_month_once_its_day_is_reached() {
        assert_eq!(whole_months(day(2025, 11, 3), day(2026, 6, 2)), 6);
        assert_eq!(whole_months(day(2025, 11, 3), day(2026, 6, 3)), 7);
        assert_eq!(whole_months(day(2025, 1, 31), day(2025, 2, 27)), 0);
        assert_eq!(whole_months(day(2025, 1, 31), day(2025, 2, 28)), 1);
        assert_eq!(whole_months(day(2026, 1, 1), day(2025, 1, 1)), 0);
    }

    #[test]
    fn the_history_is_one_accounts_assessments_graded_oldest_first() {
        let e = Engine::presets();
        let list = vec![
            assessment("a", day(2025, 6, 1), "green"),
            assessment("b", day(2025, 1, 1), "red"),
            assessment("a", day(2025, 3, 1), "red"),
        ];
        let h = history(&e, &list, "a").unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].date, day(2025, 3, 1));
        assert!(h[0].red);
        assert_eq!(h[0].total, Some(-22.5));
        assert_eq!((h[1].total, h[1].red), (Some(80.0), false));
    }

    #[test]
    fn the_clock_reads_since_when_how_long_and_the_day_status_is_lost() {
        let e = Engine::presets();
        let list = vec![
            assessment("a", day(2025, 8, 1), "green"),
            assessment("a", day(2025, 11, 3), "red"),
            assessment("a", day(2026, 2, 3), "red"),
        ];
        let as_of = day(2026, 6, 10);
        let status = red_list(&e, &list, as_of, 12).unwrap()["a"];
        assert_eq!(
            describe_clock(&status, as_of, 12, true, Lang::En).unwrap(),
            "On the red list since 2025-11-03: 7 of 12 months; loses key-account status on 2026-11-03"
        );
        assert_eq!(
            describe_clock(&status, as_of, 12, true, Lang::Zh).unwrap(),
            "自 2025-11-03 起列入红名单：已满 7 个月（共 12 个月）；若仍在红名单，将于 2026-11-03 取消大客户资格"
        );
        let later = day(2026, 12, 1);
        let status = red_list(&e, &list, later, 12).unwrap()["a"];
        assert!(status.revoked);
        assert_eq!(
            describe_clock(&status, later, 12, true, Lang::En).unwrap(),
            "On the red list since 2025-11-03: 12 months, 12 or more; key-account status lost on 2026-11-03"
        );
        assert_eq!(
            describe_clock(&status, later, 12, false, Lang::En).unwrap(),
            "On the red list since 2025-11-03: 12 months (not a key account: no key-account status to lose)"
        );
        assert_eq!(
            describe_clock(&status, later, 12, false, Lang::Zh).unwrap(),
            "自 2025-11-03 起列入红名单：已满 12 个月（非大客户，无大客户资格可取消）"
        );
        let off = vec![assessment("a", day(2025, 11, 3), "green")];
        let status = red_list(&e, &off, as_of, 12).unwrap()["a"];
        assert_eq!(describe_clock(&status, as_of, 12, true, Lang::En), None);
    }

    /// Three accounts scored by the presets: `key` and `key2` are key accounts, `potential`
    /// is not; each has the credit history given.
    fn workspace(histories: &[(&str, &[(NaiveDate, &str)])]) -> (Engine, Scores, Workspace) {
        let level = |v: &str| Input::Text(v.into());
        let account = |id: &str, grade: &str| Account {
            id: id.into(),
            name: id.into(),
            inputs: crate::model::keys::SCORECARD
                .iter()
                .map(|k| ((*k).to_string(), level(grade)))
                .collect(),
            ..Account::default()
        };
        let ws = Workspace {
            accounts: vec![
                account("key", "high"),
                account("potential", "mid"),
                account("key2", "high"),
            ],
            credit_assessments: histories
                .iter()
                .flat_map(|(id, list)| list.iter().map(|(d, g)| assessment(id, *d, g)))
                .collect(),
            ..Workspace::default()
        };
        let e = Engine::presets();
        let scores = e.score(&e.index(&ws.accounts, &[]));
        (e, scores, ws)
    }

    #[test]
    fn a_key_account_red_for_the_whole_period_loses_its_status_and_no_other_does() {
        let red_run: &[(NaiveDate, &str)] = &[(day(2025, 3, 1), "red"), (day(2025, 9, 1), "red")];
        let (e, scores, ws) = workspace(&[
            ("key", red_run),
            ("potential", red_run),
            (
                "key2",
                &[(day(2025, 3, 1), "red"), (day(2025, 9, 1), "green")],
            ),
        ]);
        let (fi, key) = key_class(&e).unwrap();
        assert_eq!(scores.framework(fi).outcome(0).class, Some(key));
        assert_ne!(scores.framework(fi).outcome(1).class, Some(key));

        let before = LostStatus::compute(&e, &scores, &ws, day(2026, 2, 28));
        assert_eq!((before.count(), before.lost_on(0)), (0, None));

        let after = LostStatus::compute(&e, &scores, &ws, day(2026, 3, 1));
        assert_eq!(after.count(), 1);
        assert_eq!(after.lost_on(0), Some(day(2026, 3, 1)));
        // Red as long, but not a key account: there is no status to lose.
        assert_eq!(after.lost_on(1), None);
        // A green rating stopped the clock.
        assert_eq!(after.lost_on(2), None);
        assert_eq!(after.lost_on(99), None);
        assert_eq!(
            describe_lost(day(2026, 3, 1), 12, Lang::En),
            "Key-account status lost on 2026-03-01 (red list for 12 months or more)"
        );
        assert_eq!(
            describe_lost(day(2026, 3, 1), 12, Lang::Zh),
            "已于 2026-03-01 取消大客户资格（在红名单上满 12 个月）"
        );
    }

    #[test]
    fn the_period_is_the_workspaces_and_the_scorecard_must_have_a_key_class() {
        let (e, scores, mut ws) = workspace(&[("key", &[(day(2025, 3, 1), "red")])]);
        let as_of = day(2025, 9, 1);
        assert_eq!(LostStatus::compute(&e, &scores, &ws, as_of).count(), 0);
        ws.settings.red_list_months = 6;
        let lost = LostStatus::compute(&e, &scores, &ws, as_of);
        assert_eq!(lost.lost_on(0), Some(day(2025, 9, 1)));

        let mut frameworks = e.frameworks().to_vec();
        let fi = e.index_of(presets::SCORECARD).unwrap();
        if let crate::framework::Classification::Total { bands, .. } =
            &mut frameworks[fi].classification
        {
            bands[0].class.id = "top".into();
        }
        let renamed = Engine::new(&frameworks).unwrap();
        let scores = renamed.score(&renamed.index(&ws.accounts, &[]));
        assert_eq!(key_class(&renamed), None);
        assert_eq!(
            LostStatus::compute(&renamed, &scores, &ws, as_of).count(),
            0
        );
    }
}
