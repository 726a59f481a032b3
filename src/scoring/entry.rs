//! Inline editing of an account: the input fields the account frameworks read, and a typed
//! value checked against the rule that reads it before anything is written.
//!
//! A value is either written as the scorer will read it or refused with a message saying what
//! was typed, what is allowed and what to type instead — never clamped, never half-written. An
//! empty field clears the input: the score then shows as missing, not as 0.

use thiserror::Error;

use crate::framework::{Framework, Level, Rule};
use crate::i18n::{Label, Lang};
use crate::model::Input;
use crate::scoring::explain::num;
use crate::scoring::normalise_label;

/// What a field accepts.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldKind {
    /// A level's label (any language, any case) or a number in [min, max].
    Levels(Vec<Level>),
    /// A number in [min, max]: a direct score, or a score entered instead of a measure.
    Score,
    /// The raw measure of a piecewise rule (money, a count): at least its first breakpoint.
    Measure { unit: Label },
    /// An amount no framework scores (the customer's category spend): zero or more.
    Amount,
}

/// One editable input of an account.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The input key written.
    pub key: String,
    pub label: Label,
    /// The id of the first framework that reads the key (empty for an amount).
    pub framework: String,
    /// Every other framework that reads the same key ("also used by").
    pub shared_with: Vec<String>,
    pub min: f64,
    pub max: f64,
    pub kind: FieldKind,
}

impl Field {
    /// A field for an amount no framework scores.
    pub fn amount(key: &str, label: Label) -> Field {
        Field {
            key: key.to_string(),
            label,
            framework: String::new(),
            shared_with: Vec::new(),
            min: 0.0,
            max: f64::INFINITY,
            kind: FieldKind::Amount,
        }
    }

    /// The level an entered label names, if it names one.
    pub fn level_of(&self, text: &str) -> Option<usize> {
        let FieldKind::Levels(levels) = &self.kind else {
            return None;
        };
        let wanted = normalise_label(text);
        levels.iter().position(|l| {
            [l.label.en.as_str(), l.label.zh.as_str(), l.id.as_str()]
                .into_iter()
                .chain(l.aliases.iter().map(String::as_str))
                .any(|s| !s.is_empty() && normalise_label(s) == wanted)
        })
    }
}

/// The fields of the frameworks `ids` (in that order, each key once, where it is first read).
pub fn account_fields(frameworks: &[Framework], ids: &[&str]) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    let mut add = |field: Field| match out.iter_mut().find(|f| f.key == field.key) {
        Some(first) => {
            if first.framework != field.framework && !first.shared_with.contains(&field.framework) {
                first.shared_with.push(field.framework);
            }
        }
        None => out.push(field),
    };
    for f in ids
        .iter()
        .filter_map(|id| frameworks.iter().find(|f| &f.id == id))
    {
        for d in &f.dimensions {
            let rule = match &d.rule {
                Rule::Derived { fallback, .. } => fallback.as_ref(),
                r => r,
            };
            let field = |key: &str, label: Label, min: f64, max: f64, kind: FieldKind| Field {
                key: key.to_string(),
                label,
                framework: f.id.clone(),
                shared_with: Vec::new(),
                min,
                max,
                kind,
            };
            match rule {
                Rule::Direct | Rule::Derived { .. } => {
                    add(field(
                        &d.input,
                        d.label.clone(),
                        d.min,
                        d.max,
                        FieldKind::Score,
                    ));
                }
                Rule::Levels { levels, .. } => add(field(
                    &d.input,
                    d.label.clone(),
                    d.min,
                    d.max,
                    FieldKind::Levels(levels.clone()),
                )),
                Rule::Piecewise {
                    breakpoints,
                    unit,
                    score_input,
                } => {
                    let from = breakpoints.first().map_or(0.0, |b| b[0]);
                    add(field(
                        &d.input,
                        d.label.clone(),
                        from,
                        f64::INFINITY,
                        FieldKind::Measure { unit: unit.clone() },
                    ));
                    if let Some(k) = score_input {
                        let label = Label::new(
                            format!("{} score", d.label.en),
                            format!("{}得分", d.label.zh),
                        );
                        add(field(k, label, d.min, d.max, FieldKind::Score));
                    }
                }
            }
        }
    }
    out
}

/// Why a typed value was refused.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum EntryError {
    #[error("{value} is out of range")]
    OutOfRange { value: String, min: f64, max: f64 },
    #[error("{value} is below {min}")]
    TooSmall { value: String, min: f64 },
    #[error("'{value}' is not a level")]
    UnknownLabel { value: String, accepted: Vec<Label> },
    #[error("'{value}' is not a number")]
    NotANumber { value: String },
    #[error("the name is empty")]
    EmptyName,
}

impl EntryError {
    /// What was wrong and what to type instead, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            EntryError::OutOfRange { value, min, max } => {
                if zh {
                    format!(
                        "{value} 超出范围：请输入 {} 到 {} 之间的数字",
                        num(*min),
                        num(*max)
                    )
                } else {
                    format!(
                        "{value} is out of range: enter a number from {} to {}",
                        num(*min),
                        num(*max)
                    )
                }
            }
            EntryError::TooSmall { value, min } => {
                if zh {
                    format!("{value} 过小：请输入不小于 {} 的数字", num(*min))
                } else {
                    format!(
                        "{value} is too small: enter a number of at least {}",
                        num(*min)
                    )
                }
            }
            EntryError::UnknownLabel { value, accepted } => {
                let names: Vec<&str> = accepted.iter().map(|l| l.get(lang)).collect();
                if zh {
                    format!(
                        "“{value}”不是有效的档位：请选择 {}，或输入数字",
                        names.join("、")
                    )
                } else {
                    format!(
                        "'{value}' is not a level: choose {}, or enter a number",
                        names.join(", ")
                    )
                }
            }
            EntryError::NotANumber { value } => {
                if zh {
                    format!("“{value}”不是数字：请输入数字")
                } else {
                    format!("'{value}' is not a number: enter a number")
                }
            }
            EntryError::EmptyName => {
                if zh {
                    "名称不能为空：请输入客户名称".to_string()
                } else {
                    "The name cannot be empty: enter the account's name".to_string()
                }
            }
        }
    }
}

/// Reads a typed value for `field`: `Ok(None)` clears the input, `Ok(Some)` is what to write.
pub fn check(field: &Field, typed: &str) -> Result<Option<Input>, EntryError> {
    let Some(input) = Input::parse(typed) else {
        return Ok(None);
    };
    match input {
        Input::Number(v) => {
            let value = num(v);
            match field.kind {
                FieldKind::Levels(_) | FieldKind::Score if v < field.min || v > field.max => {
                    Err(EntryError::OutOfRange {
                        value,
                        min: field.min,
                        max: field.max,
                    })
                }
                FieldKind::Measure { .. } | FieldKind::Amount if v < field.min => {
                    Err(EntryError::TooSmall {
                        value,
                        min: field.min,
                    })
                }
                _ => Ok(Some(Input::Number(v))),
            }
        }
        Input::Text(t) => match &field.kind {
            FieldKind::Levels(levels) => match field.level_of(&t) {
                Some(_) => Ok(Some(Input::Text(t))),
                None => Err(EntryError::UnknownLabel {
                    value: t.to_string(),
                    accepted: levels.iter().map(|l| l.label.clone()).collect(),
                }),
            },
            _ => Err(EntryError::NotANumber {
                value: t.to_string(),
            }),
        },
    }
}

/// Reads a typed account name: trimmed, never empty.
pub fn check_name(typed: &str) -> Result<String, EntryError> {
    let name = typed.trim();
    if name.is_empty() {
        Err(EntryError::EmptyName)
    } else {
        Ok(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::presets;

    fn fields() -> Vec<Field> {
        account_fields(&presets::all(), &presets::ACCOUNT_PRESETS)
    }

    fn field(key: &str) -> Field {
        fields().into_iter().find(|f| f.key == key).unwrap()
    }

    #[test]
    fn every_input_of_the_account_frameworks_is_a_field_once() {
        let keys: Vec<String> = fields().into_iter().map(|f| f.key).collect();
        assert_eq!(
            keys,
            [
                "strategic_fit",
                "profit_contribution",
                "business_scale",
                "industry_influence",
                "brand_effect",
                "development_potential",
                "deal_volume",
                "contract_performance",
                "operating_risk",
                "revenue_usd",
                "market_size",
                "product_pipelines",
                "rd_capability",
                "quality_requirement",
                "regulatory_requirement",
                "price_type",
                "professional_level",
                "annual_sales",
                "sales_scale",
                "profit_level",
                "credit_rating",
                "relationship",
            ]
        );
        assert_eq!(field("quality_requirement").shared_with, vec!["internal"]);
        assert_eq!(field("market_size").label.en, "Market size score");
    }

    #[test]
    fn levels_take_a_label_in_either_language_or_a_number_in_range() {
        let f = field("profit_contribution");
        assert_eq!(check(&f, " 高 "), Ok(Some(Input::Text("高".into()))));
        assert_eq!(check(&f, "High"), Ok(Some(Input::Text("High".into()))));
        assert_eq!(f.level_of("medium"), Some(1));
        assert_eq!(check(&f, "16"), Ok(Some(Input::Number(16.0))));
        assert_eq!(check(&f, ""), Ok(None), "an empty field clears the input");
        let e = check(&f, "25").unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            "25 is out of range: enter a number from 0 to 20"
        );
        assert_eq!(
            e.message(Lang::Zh),
            "25 超出范围：请输入 0 到 20 之间的数字"
        );
        let e = check(&f, "huge").unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            "'huge' is not a level: choose high, mid, low, or enter a number"
        );
        assert_eq!(
            e.message(Lang::Zh),
            "“huge”不是有效的档位：请选择 高、中、低，或输入数字"
        );
    }

    #[test]
    fn measures_and_amounts_refuse_negative_numbers_and_text() {
        let revenue = field("revenue_usd");
        assert_eq!(
            check(&revenue, "2500000000"),
            Ok(Some(Input::Number(2.5e9)))
        );
        assert_eq!(
            check(&revenue, "-1").unwrap_err().message(Lang::En),
            "-1 is too small: enter a number of at least 0"
        );
        assert_eq!(
            check(&revenue, "lots").unwrap_err().message(Lang::En),
            "'lots' is not a number: enter a number"
        );
        let spend = Field::amount("category_spend", Label::new("Category spend", "品类采购额"));
        assert_eq!(check(&spend, "1000"), Ok(Some(Input::Number(1000.0))));
        assert!(check(&spend, "-3").is_err());
        let risk = field("operating_risk");
        assert_eq!(check(&risk, "-20"), Ok(Some(Input::Number(-20.0))));
        assert!(matches!(
            check(&risk, "5"),
            Err(EntryError::OutOfRange { .. })
        ));
    }

    #[test]
    fn a_name_is_trimmed_and_never_empty() {
        assert_eq!(check_name("  ACME "), Ok("ACME".into()));
        assert_eq!(check_name("   "), Err(EntryError::EmptyName));
    }
}
