//! Credit assessments for the tests that need a credit history: a red rating on a given day.

use chrono::NaiveDate;
use kam_radar::model::{CreditAssessment, Input};

/// A red credit assessment of `account` on `date` (deal volume 10, performance 10, risk −40:
/// a total of −20, grade A).
pub fn red(account: &str, date: NaiveDate) -> CreditAssessment {
    CreditAssessment {
        account: account.into(),
        date,
        inputs: [
            ("deal_volume", 10.0),
            ("contract_performance", 10.0),
            ("operating_risk", -40.0),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), Input::Number(v)))
        .collect(),
    }
}
