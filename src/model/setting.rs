//! The workspace settings a user edits as numbers (ABC cut-offs, RFM window, half-life, the
//! strategic-candidate thresholds, the mainstream share, the red-list months, the credit
//! rating's deal-volume thresholds): their units, the range each accepts and how a refused
//! value is explained, so the settings panel and its tests agree on what a valid value is and
//! a refused one never reaches the scores.

use super::Settings;
use crate::i18n::Lang;
use crate::scoring::explain::num;

/// A numeric setting of the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingField {
    /// ABC: cumulative share (percent) up to which accounts are A.
    AbcCutoffA,
    /// ABC: cumulative share (percent) up to which accounts are B.
    AbcCutoffB,
    /// RFM: the window of orders, in days up to today.
    RfmWindowDays,
    /// Recency-weighted contract value: a contract's weight halves every this many years.
    HalfLifeYears,
    /// Strategic candidate: average yearly purchases above this percent of our revenue (X).
    StrategicSharePct,
    /// Strategic candidate: growth above this percent in each of the last three years (Y).
    StrategicGrowthPct,
    /// Our own annual revenue, the base of X.
    OurRevenue,
    /// Share of wallet (percent) from which we are the mainstream supplier.
    MainstreamSharePct,
    /// Months on the red list after which a key account loses its status.
    RedListMonths,
}

/// Why a value was refused; nothing is written when one is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SettingError {
    /// The text is not a number.
    NotANumber,
    /// The field cannot be left empty.
    Required,
    /// Outside the accepted range; `above_min`: the minimum itself is refused.
    OutOfRange { min: f64, max: f64, above_min: bool },
    /// The field counts days or months.
    NotWhole,
    /// A's cut-off must stay below B's.
    CutoffsOutOfOrder { a: f64, b: f64 },
    /// The deal-volume thresholds are set both or neither.
    ThresholdMissing,
    /// The high deal-volume threshold must be above the mid one.
    ThresholdsOutOfOrder { high: f64, mid: f64 },
}

/// One of the credit rating's deal-volume thresholds on annual sales (FRAMEWORKS.md §2:
/// "by annual sales, high/mid/low thresholds set per workspace").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threshold {
    /// Annual sales from which deal volume is high.
    High,
    /// Annual sales from which deal volume is mid (below it: low).
    Mid,
}

impl Threshold {
    /// A short stable name, for test ids.
    pub fn id(self) -> &'static str {
        match self {
            Threshold::High => "deal-high",
            Threshold::Mid => "deal-mid",
        }
    }
}

/// A refused pair of deal-volume thresholds: which field is wrong, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThresholdError {
    pub field: Threshold,
    pub error: SettingError,
}

/// Reads a typed number: blank → `None`; "1,000,000" and "80%" are numbers (the unit is beside
/// the field).
fn parse_typed(text: &str) -> Result<Option<f64>, SettingError> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '_'))
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    cleaned
        .parse::<f64>()
        .map(Some)
        .map_err(|_| SettingError::NotANumber)
}

/// The largest annual sales a threshold accepts.
const MAX_SALES: f64 = 1e15;

impl SettingField {
    /// Every field, in the order the settings panel shows them.
    pub const ALL: [SettingField; 9] = [
        SettingField::AbcCutoffA,
        SettingField::AbcCutoffB,
        SettingField::RfmWindowDays,
        SettingField::HalfLifeYears,
        SettingField::MainstreamSharePct,
        SettingField::RedListMonths,
        SettingField::OurRevenue,
        SettingField::StrategicSharePct,
        SettingField::StrategicGrowthPct,
    ];

    /// A short stable name, for test ids and the settings panel's keys.
    pub fn id(self) -> &'static str {
        match self {
            SettingField::AbcCutoffA => "abc-a",
            SettingField::AbcCutoffB => "abc-b",
            SettingField::RfmWindowDays => "rfm-window",
            SettingField::HalfLifeYears => "half-life",
            SettingField::StrategicSharePct => "strategic-share",
            SettingField::StrategicGrowthPct => "strategic-growth",
            SettingField::OurRevenue => "our-revenue",
            SettingField::MainstreamSharePct => "mainstream",
            SettingField::RedListMonths => "red-list-months",
        }
    }

    /// Whether the field may be left empty (the strategic-candidate test then does not run).
    pub fn optional(self) -> bool {
        matches!(
            self,
            SettingField::StrategicSharePct
                | SettingField::StrategicGrowthPct
                | SettingField::OurRevenue
        )
    }

    fn whole(self) -> bool {
        matches!(
            self,
            SettingField::RfmWindowDays | SettingField::RedListMonths
        )
    }

    /// The accepted range: (min, max, whether the minimum itself is refused).
    fn bounds(self) -> (f64, f64, bool) {
        match self {
            SettingField::AbcCutoffA | SettingField::AbcCutoffB => (0.0, 100.0, true),
            SettingField::RfmWindowDays => (1.0, 3650.0, false),
            SettingField::HalfLifeYears => (0.0, 100.0, true),
            SettingField::StrategicSharePct => (0.0, 100.0, false),
            SettingField::StrategicGrowthPct => (-100.0, 1000.0, false),
            SettingField::OurRevenue => (0.0, 1e15, true),
            SettingField::MainstreamSharePct => (0.0, 100.0, true),
            SettingField::RedListMonths => (1.0, 120.0, false),
        }
    }
}

impl Settings {
    /// The value of a field as the panel shows it (percent for shares).
    pub fn value(&self, field: SettingField) -> Option<f64> {
        match field {
            SettingField::AbcCutoffA => Some(self.abc_cutoffs[0]),
            SettingField::AbcCutoffB => Some(self.abc_cutoffs[1]),
            SettingField::RfmWindowDays => Some(f64::from(self.rfm_window_days)),
            SettingField::HalfLifeYears => Some(self.half_life_years),
            SettingField::StrategicSharePct => self.strategic_share_pct,
            SettingField::StrategicGrowthPct => self.strategic_growth_pct,
            SettingField::OurRevenue => self.our_revenue,
            // Stored as a fraction; shown as the percent typed (0.55 × 100 is not quite 55).
            SettingField::MainstreamSharePct => {
                Some((self.mainstream_share * 100.0 * 1e9).round() / 1e9)
            }
            SettingField::RedListMonths => Some(f64::from(self.red_list_months)),
        }
    }

    /// Sets a field from what the user typed: blank leaves it empty, "1,000,000" and "80%"
    /// are read as numbers (the unit is beside the field).
    pub fn set_text(&mut self, field: SettingField, text: &str) -> Result<(), SettingError> {
        let value = parse_typed(text)?;
        self.set(field, value)
    }

    /// A deal-volume threshold as the panel shows it.
    pub fn threshold(&self, field: Threshold) -> Option<f64> {
        let [high, mid] = self.deal_volume_thresholds?;
        Some(match field {
            Threshold::High => high,
            Threshold::Mid => mid,
        })
    }

    /// Sets both deal-volume thresholds from what the user typed: both blank clears them
    /// (deal volume is then entered directly), both numbers with high above mid set them.
    /// Anything else names the field to mend and leaves the settings as they were.
    pub fn set_thresholds_text(&mut self, high: &str, mid: &str) -> Result<(), ThresholdError> {
        let read = |field: Threshold, text: &str| {
            let value = parse_typed(text).map_err(|error| ThresholdError { field, error })?;
            match value {
                Some(v) if !v.is_finite() || v <= 0.0 || v > MAX_SALES => Err(ThresholdError {
                    field,
                    error: SettingError::OutOfRange {
                        min: 0.0,
                        max: MAX_SALES,
                        above_min: true,
                    },
                }),
                v => Ok(v),
            }
        };
        let pair = match (read(Threshold::High, high)?, read(Threshold::Mid, mid)?) {
            (None, None) => None,
            (Some(_), None) => {
                return Err(ThresholdError {
                    field: Threshold::Mid,
                    error: SettingError::ThresholdMissing,
                })
            }
            (None, Some(_)) => {
                return Err(ThresholdError {
                    field: Threshold::High,
                    error: SettingError::ThresholdMissing,
                })
            }
            (Some(high), Some(mid)) if high <= mid => {
                return Err(ThresholdError {
                    field: Threshold::Mid,
                    error: SettingError::ThresholdsOutOfOrder { high, mid },
                })
            }
            (Some(high), Some(mid)) => Some([high, mid]),
        };
        self.deal_volume_thresholds = pair;
        Ok(())
    }

    /// Sets a field (`None`: left empty) if the value is valid for it; otherwise says why and
    /// leaves the settings as they were.
    pub fn set(&mut self, field: SettingField, value: Option<f64>) -> Result<(), SettingError> {
        let Some(v) = value else {
            if !field.optional() {
                return Err(SettingError::Required);
            }
            match field {
                SettingField::StrategicSharePct => self.strategic_share_pct = None,
                SettingField::StrategicGrowthPct => self.strategic_growth_pct = None,
                _ => self.our_revenue = None,
            }
            return Ok(());
        };
        let (min, max, above_min) = field.bounds();
        if !v.is_finite() || v > max || v < min || (above_min && v <= min) {
            return Err(SettingError::OutOfRange {
                min,
                max,
                above_min,
            });
        }
        if field.whole() && v.fract() != 0.0 {
            return Err(SettingError::NotWhole);
        }
        let [a, b] = self.abc_cutoffs;
        match field {
            SettingField::AbcCutoffA if v >= b => {
                return Err(SettingError::CutoffsOutOfOrder { a: v, b })
            }
            SettingField::AbcCutoffB if v <= a => {
                return Err(SettingError::CutoffsOutOfOrder { a, b: v })
            }
            _ => {}
        }
        // In range and whole where it must be: the casts below cannot truncate.
        match field {
            SettingField::AbcCutoffA => self.abc_cutoffs[0] = v,
            SettingField::AbcCutoffB => self.abc_cutoffs[1] = v,
            SettingField::RfmWindowDays => self.rfm_window_days = v as u32,
            SettingField::HalfLifeYears => self.half_life_years = v,
            SettingField::StrategicSharePct => self.strategic_share_pct = Some(v),
            SettingField::StrategicGrowthPct => self.strategic_growth_pct = Some(v),
            SettingField::OurRevenue => self.our_revenue = Some(v),
            SettingField::MainstreamSharePct => self.mainstream_share = v / 100.0,
            SettingField::RedListMonths => self.red_list_months = v as u32,
        }
        Ok(())
    }
}

impl SettingError {
    /// What is wrong and what to enter instead, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match (*self, lang) {
            (SettingError::NotANumber, Lang::En) => {
                "Enter a number, such as 80 or 1,000,000.".into()
            }
            (SettingError::NotANumber, Lang::Zh) => "请输入数字，例如 80 或 1,000,000。".into(),
            (SettingError::Required, Lang::En) => {
                "Enter a number: this setting cannot be empty.".into()
            }
            (SettingError::Required, Lang::Zh) => "请输入数字：此项不能为空。".into(),
            (SettingError::NotWhole, Lang::En) => "Enter a whole number.".into(),
            (SettingError::NotWhole, Lang::Zh) => "请输入整数。".into(),
            (
                SettingError::OutOfRange {
                    min,
                    max,
                    above_min,
                },
                lang,
            ) => {
                let (min, max) = (num(min), num(max));
                match (above_min, lang) {
                    (true, Lang::En) => format!("Enter a number above {min} and at most {max}."),
                    (false, Lang::En) => format!("Enter a number from {min} to {max}."),
                    (true, Lang::Zh) => format!("请输入大于 {min} 且不超过 {max} 的数字。"),
                    (false, Lang::Zh) => format!("请输入 {min} 到 {max} 之间的数字。"),
                }
            }
            (SettingError::CutoffsOutOfOrder { a, b }, Lang::En) => format!(
                "A's cut-off ({}%) must stay below B's ({}%).",
                num(a),
                num(b)
            ),
            (SettingError::CutoffsOutOfOrder { a, b }, Lang::Zh) => {
                format!("A 类分界（{}%）必须低于 B 类分界（{}%）。", num(a), num(b))
            }
            (SettingError::ThresholdMissing, Lang::En) => {
                "Enter both thresholds, or leave both empty to enter deal volume directly.".into()
            }
            (SettingError::ThresholdMissing, Lang::Zh) => {
                "请同时填写两个门槛；两项都留空则直接填写年度成交量。".into()
            }
            (SettingError::ThresholdsOutOfOrder { high, mid }, Lang::En) => format!(
                "The high threshold ({}) must be above the mid one ({}).",
                num(high),
                num(mid)
            ),
            (SettingError::ThresholdsOutOfOrder { high, mid }, Lang::Zh) => format!(
                "“高”的门槛（{}）必须高于“中”的门槛（{}）。",
                num(high),
                num(mid)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_what_was_set() {
        let samples = [
            (SettingField::AbcCutoffA, 70.0),
            (SettingField::AbcCutoffB, 90.0),
            (SettingField::RfmWindowDays, 180.0),
            (SettingField::HalfLifeYears, 1.5),
            (SettingField::StrategicSharePct, 5.0),
            (SettingField::StrategicGrowthPct, -2.5),
            (SettingField::OurRevenue, 3.2e8),
            (SettingField::MainstreamSharePct, 55.0),
            (SettingField::RedListMonths, 6.0),
        ];
        let mut s = Settings::default();
        for (field, v) in samples {
            assert_eq!(s.set(field, Some(v)), Ok(()), "{field:?}");
            assert_eq!(s.value(field), Some(v), "{field:?}");
        }
        assert_eq!(s.abc_cutoffs, [70.0, 90.0]);
        assert_eq!(s.rfm_window_days, 180);
        assert!((s.mainstream_share - 0.55).abs() < 1e-12);
        assert_eq!(samples.len(), SettingField::ALL.len());
    }

    #[test]
    fn refused_values_leave_the_settings_untouched_and_say_why() {
        let mut s = Settings::default();
        let before = s.clone();
        let refusals = [
            (SettingField::AbcCutoffA, Some(95.0)),
            (SettingField::AbcCutoffA, Some(0.0)),
            (SettingField::AbcCutoffB, Some(80.0)),
            (SettingField::AbcCutoffB, Some(100.5)),
            (SettingField::RfmWindowDays, Some(30.5)),
            (SettingField::RfmWindowDays, Some(0.0)),
            (SettingField::RfmWindowDays, None),
            (SettingField::HalfLifeYears, Some(0.0)),
            (SettingField::MainstreamSharePct, Some(120.0)),
            (SettingField::OurRevenue, Some(-5.0)),
            (SettingField::StrategicSharePct, Some(f64::NAN)),
            (SettingField::RedListMonths, Some(2.5)),
        ];
        for (field, v) in refusals {
            let error = s.set(field, v).expect_err(&format!("{field:?} = {v:?}"));
            assert_eq!(s, before, "{field:?} = {v:?} changed the settings");
            assert!(!error.describe(Lang::En).is_empty());
            assert!(!error.describe(Lang::Zh).is_empty());
        }
        assert_eq!(
            s.set(SettingField::AbcCutoffA, Some(95.0)),
            Err(SettingError::CutoffsOutOfOrder { a: 95.0, b: 95.0 })
        );
        assert_eq!(
            SettingError::CutoffsOutOfOrder { a: 96.0, b: 95.0 }.describe(Lang::En),
            "A's cut-off (96%) must stay below B's (95%)."
        );
        assert_eq!(
            s.set(SettingField::HalfLifeYears, Some(0.0))
                .map_err(|e| e.describe(Lang::En)),
            Err("Enter a number above 0 and at most 100.".to_string())
        );
        assert_eq!(
            s.set(SettingField::RfmWindowDays, None),
            Err(SettingError::Required)
        );
    }

    #[test]
    fn typed_text_is_read_with_separators_and_units_and_refused_when_not_a_number() {
        let mut s = Settings::default();
        assert_eq!(s.set_text(SettingField::OurRevenue, " 50,000,000 "), Ok(()));
        assert_eq!(s.our_revenue, Some(5e7));
        assert_eq!(s.set_text(SettingField::AbcCutoffA, "75%"), Ok(()));
        assert_eq!(s.abc_cutoffs[0], 75.0);
        let before = s.clone();
        assert_eq!(
            s.set_text(SettingField::AbcCutoffB, "ninety"),
            Err(SettingError::NotANumber)
        );
        assert_eq!(
            s.set_text(SettingField::AbcCutoffB, ""),
            Err(SettingError::Required)
        );
        assert_eq!(s, before);
        assert_eq!(s.set_text(SettingField::OurRevenue, "  "), Ok(()));
        assert_eq!(s.our_revenue, None);
    }

    #[test]
    fn deal_volume_thresholds_are_set_as_a_pair_high_above_mid() {
        let mut s = Settings::default();
        assert_eq!(s.threshold(Threshold::High), None);
        assert_eq!(s.set_thresholds_text("5,000,000", "1,000,000"), Ok(()));
        assert_eq!(s.deal_volume_thresholds, Some([5e6, 1e6]));
        assert_eq!(
            (s.threshold(Threshold::High), s.threshold(Threshold::Mid)),
            (Some(5e6), Some(1e6))
        );
        let before = s.clone();
        let refused = |high: &str, mid: &str| {
            let mut s = before.clone();
            let e = s.set_thresholds_text(high, mid).expect_err(high);
            assert_eq!(s, before, "{high} / {mid} changed the settings");
            (e.field, e.error)
        };
        assert_eq!(
            refused("5000000", ""),
            (Threshold::Mid, SettingError::ThresholdMissing)
        );
        assert_eq!(
            refused("", "1000000"),
            (Threshold::High, SettingError::ThresholdMissing)
        );
        assert_eq!(
            refused("1000000", "1000000"),
            (
                Threshold::Mid,
                SettingError::ThresholdsOutOfOrder {
                    high: 1e6,
                    mid: 1e6
                }
            )
        );
        assert_eq!(
            refused("lots", "1000000"),
            (Threshold::High, SettingError::NotANumber)
        );
        assert!(matches!(
            refused("5000000", "-1"),
            (Threshold::Mid, SettingError::OutOfRange { .. })
        ));
        assert_eq!(
            SettingError::ThresholdsOutOfOrder {
                high: 1e6,
                mid: 2e6
            }
            .describe(Lang::En),
            "The high threshold (1000000) must be above the mid one (2000000)."
        );
        assert_eq!(
            SettingError::ThresholdMissing.describe(Lang::Zh),
            "请同时填写两个门槛；两项都留空则直接填写年度成交量。"
        );
        // Both blank: deal volume is entered directly again.
        assert_eq!(s.set_thresholds_text(" ", ""), Ok(()));
        assert_eq!(s.deal_volume_thresholds, None);
    }

    #[test]
    fn the_strategic_thresholds_can_be_cleared() {
        let mut s = Settings::default();
        for field in [
            SettingField::StrategicSharePct,
            SettingField::StrategicGrowthPct,
            SettingField::OurRevenue,
        ] {
            s.set(field, Some(10.0)).expect("in range");
            assert_eq!(s.set(field, None), Ok(()));
            assert_eq!(s.value(field), None, "{field:?}");
        }
    }
}
