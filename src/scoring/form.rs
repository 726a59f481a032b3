//! The pure half of the stakeholder form: a person as the form holds them (a name, a journey
//! point, one choice per input of the stakeholder framework, personal details) and the check
//! that turns the form back into a [`Stakeholder`], refusing what the scorer would reject.
//!
//! A levels input is chosen from the framework's levels, so whatever language the user reads,
//! the stored label is one the scorer matches; a number is checked against the dimension's
//! range here, on the field, rather than turning up later as an invalid score.

use crate::framework::{Dimension, Framework, Level, Rule};
use crate::i18n::{Label, Lang};
use crate::model::{Input, PersonalDetails, Stakeholder};
use crate::scoring::explain::num;
use crate::scoring::normalise_label;

/// What one input of the form holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    /// Not known: the input is left out.
    Missing,
    /// The level with this index in the dimension's rule.
    Level(usize),
    /// A number as typed (checked against the range when saved).
    Number(String),
    /// A label that names no level (from an import), kept as it is until changed.
    Kept(String),
}

/// One field of the form: the dimension's input key and its choice.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub input: String,
    pub choice: Choice,
}

/// A person as the form holds them.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub name: String,
    pub journey_point: String,
    /// One per dimension of the stakeholder framework, in its order.
    pub fields: Vec<Field>,
    pub personal: PersonalDetails,
}

/// A field the form refuses to save, with what to do, in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// `"name"`, or the input key of the field.
    pub field: String,
    pub message: Label,
}

/// The levels a dimension's rule offers (a derived rule's fallback's), in the rule's order.
pub fn levels(d: &Dimension) -> &[Level] {
    match &d.rule {
        Rule::Levels { levels, .. } => levels,
        Rule::Derived { fallback, .. } => match fallback.as_ref() {
            Rule::Levels { levels, .. } => levels,
            _ => &[],
        },
        _ => &[],
    }
}

/// The level a label names: its English or Chinese label or an alias, in any case and spacing.
fn level_named(levels: &[Level], text: &str) -> Option<usize> {
    let n = normalise_label(text);
    levels.iter().position(|l| {
        normalise_label(&l.label.en) == n
            || normalise_label(&l.label.zh) == n
            || l.aliases.iter().any(|a| normalise_label(a) == n)
    })
}

impl Draft {
    /// An empty form at `journey_point`: every input not known.
    pub fn blank(f: &Framework, journey_point: &str) -> Draft {
        Draft {
            name: String::new(),
            journey_point: journey_point.to_string(),
            fields: f
                .dimensions
                .iter()
                .map(|d| Field {
                    input: d.input.clone(),
                    choice: Choice::Missing,
                })
                .collect(),
            personal: PersonalDetails::default(),
        }
    }

    /// The form of an existing person: each input shown as the level it names, the number it
    /// is, or kept as typed when it names no level.
    pub fn of(f: &Framework, s: &Stakeholder) -> Draft {
        let fields = f
            .dimensions
            .iter()
            .map(|d| {
                let choice = match s.inputs.get(&d.input) {
                    None => Choice::Missing,
                    Some(Input::Number(v)) => Choice::Number(num_exact(*v)),
                    Some(Input::Text(t)) => match level_named(levels(d), t) {
                        Some(i) => Choice::Level(i),
                        None => Choice::Kept(t.to_string()),
                    },
                };
                Field {
                    input: d.input.clone(),
                    choice,
                }
            })
            .collect();
        Draft {
            name: s.name.clone(),
            journey_point: s.journey_point.clone(),
            fields,
            personal: s.personal.clone(),
        }
    }

    /// The choice of the field reading `input`.
    pub fn choice(&self, input: &str) -> Option<&Choice> {
        self.fields
            .iter()
            .find(|x| x.input == input)
            .map(|x| &x.choice)
    }

    /// Sets the choice of the field reading `input`.
    pub fn set(&mut self, input: &str, choice: Choice) {
        if let Some(field) = self.fields.iter_mut().find(|x| x.input == input) {
            field.choice = choice;
        }
    }

    /// The person this form describes at `account`, or every field it refuses. `original` is
    /// the person being edited: an input whose level did not change keeps the spelling the
    /// user had (an imported "支持者" is not rewritten as "supporter"); a newly chosen level is
    /// stored as its label in `lang`, the language the user chose it in.
    pub fn build(
        &self,
        f: &Framework,
        account: &str,
        original: Option<&Stakeholder>,
        lang: Lang,
    ) -> Result<Stakeholder, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(FieldError {
                field: "name".into(),
                message: Label::new(
                    "A name is required: type the person's name.",
                    "必须填写姓名：请输入此人的姓名。",
                ),
            });
        }
        let mut person = Stakeholder {
            account: account.to_string(),
            journey_point: self.journey_point.trim().to_string(),
            name: name.to_string(),
            inputs: original.map(|o| o.inputs.clone()).unwrap_or_default(),
            personal: self.personal.clone(),
        };
        for field in &self.fields {
            let Some(d) = f.dimensions.iter().find(|d| d.input == field.input) else {
                continue;
            };
            let previous = original.and_then(|o| o.inputs.get(&d.input));
            let value = match &field.choice {
                Choice::Missing => None,
                Choice::Kept(t) => Some(Input::Text(t.as_str().into())),
                Choice::Level(i) => {
                    let Some(level) = levels(d).get(*i) else {
                        continue;
                    };
                    let unchanged = match previous {
                        Some(Input::Text(t)) => level_named(levels(d), t) == Some(*i),
                        _ => false,
                    };
                    if unchanged {
                        previous.cloned()
                    } else {
                        Some(Input::Text(level.label.get(lang).into()))
                    }
                }
                Choice::Number(text) => match number_in_range(d, text) {
                    Ok(v) => v.map(Input::Number),
                    Err(message) => {
                        errors.push(FieldError {
                            field: d.input.clone(),
                            message,
                        });
                        continue;
                    }
                },
            };
            match value {
                Some(v) => person.inputs.insert(d.input.as_str().into(), v),
                None => person.inputs.remove(&d.input),
            };
        }
        if errors.is_empty() {
            Ok(person)
        } else {
            Err(errors)
        }
    }
}

/// A number as typed, checked against the dimension's range; blank is "not known".
fn number_in_range(d: &Dimension, text: &str) -> Result<Option<f64>, Label> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let (lo, hi) = (num(d.min), num(d.max));
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= d.min && v <= d.max => Ok(Some(v)),
        Ok(v) if v.is_finite() => Err(Label::new(
            format!(
                "{t} is outside {lo}–{hi} for {}: enter a number from {lo} to {hi}.",
                d.label.get(Lang::En)
            ),
            format!(
                "{t} 超出{}的范围 {lo}–{hi}：请输入 {lo} 到 {hi} 之间的数字。",
                d.label.get(Lang::Zh)
            ),
        )),
        _ => Err(Label::new(
            format!(
                "'{t}' is not a number: enter a number from {lo} to {hi} for {}.",
                d.label.get(Lang::En)
            ),
            format!(
                "“{t}”不是数字：请为{}输入 {lo} 到 {hi} 之间的数字。",
                d.label.get(Lang::Zh)
            ),
        )),
    }
}

/// A stored number as the form shows it: exactly, without rounding (unlike [`num`]).
fn num_exact(v: f64) -> String {
    format!("{v}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::presets;

    fn framework() -> Framework {
        presets::stakeholder()
    }

    fn x() -> Stakeholder {
        let mut s = Stakeholder {
            account: "c".into(),
            journey_point: "销售".into(),
            name: "X".into(),
            ..Stakeholder::default()
        };
        for (k, v) in [
            ("age", Input::Number(50.0)),
            ("education", Input::Text("本科".into())),
            ("org_role", Input::Text("董事长".into())),
            ("power_role", Input::Text("最终决策者".into())),
            ("relationship_role", Input::Text("支持者".into())),
            ("potential", Input::Number(100.0)),
        ] {
            s.inputs.insert(k.into(), v);
        }
        s.personal.hobbies = "golf".into();
        s
    }

    #[test]
    fn a_person_round_trips_through_the_form_unchanged() {
        let f = framework();
        let draft = Draft::of(&f, &x());
        assert_eq!(draft.choice("age"), Some(&Choice::Number("50".into())));
        assert_eq!(draft.choice("relationship_role"), Some(&Choice::Level(1)));
        assert_eq!(
            draft.choice("potential"),
            Some(&Choice::Number("100".into()))
        );
        let back = draft.build(&f, "c", Some(&x()), Lang::En).expect("valid");
        assert_eq!(back, x(), "the Chinese labels are kept as typed");
    }

    #[test]
    fn a_changed_level_is_stored_as_its_label_in_the_language_chosen_in() {
        let f = framework();
        let mut draft = Draft::of(&f, &x());
        draft.set("relationship_role", Choice::Level(3));
        let en = draft.build(&f, "c", Some(&x()), Lang::En).expect("valid");
        assert_eq!(
            en.inputs.get("relationship_role"),
            Some(&Input::Text("opponent".into()))
        );
        let zh = draft.build(&f, "c", Some(&x()), Lang::Zh).expect("valid");
        assert_eq!(
            zh.inputs.get("relationship_role"),
            Some(&Input::Text("反对者".into()))
        );
        assert_eq!(zh.inputs.get("power_role"), x().inputs.get("power_role"));
    }

    #[test]
    fn a_name_is_required_and_a_number_out_of_range_is_refused_on_its_field() {
        let f = framework();
        let mut draft = Draft::blank(&f, "FAT");
        draft.name = "   ".into();
        draft.set("age", Choice::Number("130".into()));
        draft.set("relationship_role", Choice::Number("abc".into()));
        draft.set("power_role", Choice::Number("100".into()));
        let errors = draft.build(&f, "c", None, Lang::En).expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "age", "relationship_role"]);
        assert_eq!(
            errors[1].message.en,
            "130 is outside 0–120 for Age: enter a number from 0 to 120."
        );
        assert!(errors[1].message.zh.contains("年龄"));
        assert!(errors[2].message.en.starts_with("'abc' is not a number"));
    }

    #[test]
    fn a_new_person_keeps_only_what_was_entered() {
        let f = framework();
        let mut draft = Draft::blank(&f, "FAT");
        draft.name = " 王伟 ".into();
        draft.set("power_role", Choice::Level(0));
        draft.set("age", Choice::Number(" 42 ".into()));
        draft.set("potential", Choice::Number(String::new()));
        let s = draft.build(&f, "c", None, Lang::Zh).expect("valid");
        assert_eq!(s.name, "王伟");
        assert_eq!(s.account, "c");
        assert_eq!(s.journey_point, "FAT");
        assert_eq!(s.inputs.len(), 2);
        assert_eq!(
            s.inputs.get("power_role"),
            Some(&Input::Text("最终决策者".into()))
        );
        assert_eq!(s.inputs.get("age"), Some(&Input::Number(42.0)));
    }

    #[test]
    fn an_unknown_label_is_kept_until_changed_and_clearing_removes_an_input() {
        let f = framework();
        let mut s = x();
        s.inputs
            .insert("relationship_role".into(), Input::Text("friend".into()));
        let mut draft = Draft::of(&f, &s);
        assert_eq!(
            draft.choice("relationship_role"),
            Some(&Choice::Kept("friend".into()))
        );
        draft.set("education", Choice::Missing);
        let back = draft.build(&f, "c", Some(&s), Lang::En).expect("valid");
        assert_eq!(
            back.inputs.get("relationship_role"),
            Some(&Input::Text("friend".into()))
        );
        assert!(!back.inputs.contains_key("education"));
    }
}
