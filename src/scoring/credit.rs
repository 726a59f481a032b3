//! Credit history: the red-list clock over dated assessments, and loss of key-account status.
//!
//! The source: an A-grade (red list) customer still on the red list a year later loses its
//! key-account status. Each assessment is graded with the credit framework in force, so an
//! edited threshold re-grades the whole history consistently.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use thiserror::Error;

use crate::framework::presets;
use crate::model::{Account, CreditAssessment};
use crate::scoring::Engine;

/// The id of the list that starts the clock.
pub const RED_LIST: &str = "red";

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

/// The red-list status of every account that has assessments, by account id, as of `as_of`.
/// Incomplete assessments have no grade and neither start nor break a run.
pub fn red_list(
    engine: &Engine,
    assessments: &[CreditAssessment],
    as_of: NaiveDate,
    months: u32,
) -> Result<BTreeMap<String, RedListStatus>, CreditError> {
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
    let mut by_account: BTreeMap<&str, Vec<(NaiveDate, bool)>> = BTreeMap::new();
    for (i, a) in assessments.iter().enumerate() {
        if a.date > as_of {
            continue;
        }
        let Some(class) = graded.outcome(i).class else {
            continue;
        };
        let red = classes
            .get(usize::from(class))
            .and_then(|c| c.list.as_ref())
            .is_some_and(|l| l.id == RED_LIST);
        by_account
            .entry(a.account.as_str())
            .or_default()
            .push((a.date, red));
    }
    Ok(by_account
        .into_iter()
        .map(|(id, mut history)| {
            history.sort_by_key(|(d, _)| *d);
            (id.to_string(), status(&history, as_of, months))
        })
        .collect())
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
