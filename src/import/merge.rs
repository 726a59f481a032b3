//! Re-import as a merge: a preview of what an import changes in a workspace, then applying it.
//!
//! Accounts are matched by id, else by name (case, spacing and width ignored). Merging only
//! ever adds or overwrites: **a blank cell never erases a value** (a column left empty, or
//! absent, keeps what the workspace has), and nothing the file does not mention — accounts,
//! stakeholders, orders, assessments, notes, inputs, attributes — is deleted. Stakeholders are
//! matched by account, name and journey point; assessments by account and date; an order
//! identical to one already present (account, date, amount) is not added twice, so importing
//! the same file again changes nothing.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{Account, CreditAssessment, Inputs, Order, Stakeholder, Workspace};

use super::convert::{link_key, Imported};

/// What happens to one imported account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum AccountChange {
    New,
    /// The fields that change (`name`, `industry`, an input key, `attribute:Rating` …).
    Updated {
        fields: Vec<String>,
    },
    Unchanged,
}

/// The preview counts shown before the user commits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeSummary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows left out because of errors (all tables).
    pub with_problems: usize,
    pub stakeholders_new: usize,
    pub stakeholders_updated: usize,
    pub orders_new: usize,
    pub assessments_new: usize,
    pub assessments_updated: usize,
}

/// A computed merge: the resulting records, keyed so [`MergePlan::apply`] can upsert them.
#[derive(Clone, Debug, PartialEq)]
pub struct MergePlan {
    /// Each imported account as it will be stored, with what changes.
    pub accounts: Vec<(Account, AccountChange)>,
    stakeholders: Vec<Stakeholder>,
    orders: Vec<Order>,
    assessments: Vec<CreditAssessment>,
    pub summary: MergeSummary,
}

/// Copies the non-blank `from` over `into`, noting the field when it changes.
fn overwrite(into: &mut String, from: &str, field: &str, changed: &mut Vec<String>) {
    if !from.is_empty() && into != from {
        *into = from.to_string();
        changed.push(field.to_string());
    }
}

fn merge_inputs(into: &mut Inputs, from: &Inputs, changed: &mut Vec<String>) {
    for (k, v) in from {
        if into.get(k) != Some(v) {
            into.insert(k.clone(), v.clone());
            changed.push(k.to_string());
        }
    }
}

fn merge_account(existing: &Account, new: &Account) -> (Account, Vec<String>) {
    let mut a = existing.clone();
    let mut changed = Vec::new();
    // A name matched by its normalised form ("BETA LTD" for "Beta Ltd") keeps its spelling.
    if link_key(&a.name) != link_key(&new.name) {
        overwrite(&mut a.name, &new.name, "name", &mut changed);
    }
    overwrite(&mut a.industry, &new.industry, "industry", &mut changed);
    overwrite(&mut a.region, &new.region, "region", &mut changed);
    overwrite(&mut a.owner, &new.owner, "owner", &mut changed);
    overwrite(&mut a.notes, &new.notes, "notes", &mut changed);
    if new.level.is_some() && a.level != new.level {
        a.level = new.level;
        changed.push("level".into());
    }
    merge_inputs(&mut a.inputs, &new.inputs, &mut changed);
    for (k, v) in &new.attributes {
        if a.attributes.get(k) != Some(v) {
            a.attributes.insert(k.clone(), v.clone());
            changed.push(format!("attribute:{k}"));
        }
    }
    (a, changed)
}

fn person_key(s: &Stakeholder) -> (String, String, String) {
    (
        s.account.clone(),
        link_key(&s.name),
        link_key(&s.journey_point),
    )
}

fn merge_person(existing: &Stakeholder, new: &Stakeholder) -> (Stakeholder, bool) {
    let mut s = existing.clone();
    let mut changed = Vec::new();
    merge_inputs(&mut s.inputs, &new.inputs, &mut changed);
    let (p, q) = (&mut s.personal, &new.personal);
    for (into, from) in [
        (&mut p.gender, &q.gender),
        (&mut p.phone, &q.phone),
        (&mut p.email, &q.email),
        (&mut p.address, &q.address),
        (&mut p.background, &q.background),
        (&mut p.hobbies, &q.hobbies),
        (&mut p.family, &q.family),
    ] {
        overwrite(into, from, "personal", &mut changed);
    }
    (s, !changed.is_empty())
}

/// Computes what importing `imported` into `ws` would do, without changing `ws`. The imported
/// records move into the plan: a 100k-account import is not copied on its way in.
pub fn plan_merge(ws: &Workspace, imported: Imported) -> MergePlan {
    let mut summary = MergeSummary {
        with_problems: imported.report.rows_with_errors(),
        ..MergeSummary::default()
    };
    let by_id: HashMap<&str, &Account> = ws.accounts.iter().map(|a| (a.id.as_str(), a)).collect();
    let by_name: HashMap<String, &Account> =
        ws.accounts.iter().map(|a| (link_key(&a.name), a)).collect();
    // An imported account matched by name keeps the workspace's id; rows linked to the
    // imported id follow it.
    let mut renamed: HashMap<String, &str> = HashMap::new();
    let mut accounts = Vec::with_capacity(imported.accounts.len());
    for mut new in imported.accounts {
        // Into a workspace without accounts (a first import) nothing can match, so no name is
        // normalised for a lookup that cannot find it.
        let found = by_id.get(new.id.as_str()).or_else(|| {
            if by_name.is_empty() || new.name.is_empty() {
                return None;
            }
            by_name.get(&link_key(&new.name))
        });
        match found {
            Some(existing) => {
                if existing.id != new.id {
                    renamed.insert(new.id.clone(), existing.id.as_str());
                }
                let (merged, fields) = merge_account(existing, &new);
                let change = if fields.is_empty() {
                    summary.unchanged += 1;
                    AccountChange::Unchanged
                } else {
                    summary.updated += 1;
                    AccountChange::Updated { fields }
                };
                accounts.push((merged, change));
            }
            None => {
                if new.name.is_empty() {
                    new.name = new.id.clone();
                }
                summary.new += 1;
                accounts.push((new, AccountChange::New));
            }
        }
    }
    let final_id = |id: &str| renamed.get(id).map_or(id, |x| x).to_string();

    let people: HashMap<_, &Stakeholder> =
        ws.stakeholders.iter().map(|s| (person_key(s), s)).collect();
    let mut stakeholders = Vec::new();
    let mut planned_people = HashSet::new();
    for mut s in imported.stakeholders {
        s.account = final_id(&s.account);
        let key = person_key(&s);
        if !planned_people.insert(key.clone()) {
            continue;
        }
        match people.get(&key) {
            Some(existing) => {
                let (merged, changed) = merge_person(existing, &s);
                if changed {
                    summary.stakeholders_updated += 1;
                    stakeholders.push(merged);
                }
            }
            None => {
                summary.stakeholders_new += 1;
                stakeholders.push(s);
            }
        }
    }

    let order_key = |o: &Order| (o.account.clone(), o.date, o.amount.to_bits());
    let mut known_orders: HashSet<_> = ws.orders.iter().map(order_key).collect();
    let mut orders = Vec::new();
    for mut o in imported.orders {
        o.account = final_id(&o.account);
        if known_orders.insert(order_key(&o)) {
            orders.push(o);
        }
    }
    summary.orders_new = orders.len();

    let rated: HashMap<_, &CreditAssessment> = ws
        .credit_assessments
        .iter()
        .map(|a| ((a.account.clone(), a.date), a))
        .collect();
    let mut assessments: Vec<CreditAssessment> = Vec::new();
    // Where each (account, date) already planned is, so a second row of the same assessment
    // adds to it without a search through all those planned.
    let mut planned_at: HashMap<(String, chrono::NaiveDate), usize> = HashMap::new();
    for mut a in imported.assessments {
        a.account = final_id(&a.account);
        let key = (a.account.clone(), a.date);
        if let Some(&i) = planned_at.get(&key) {
            merge_inputs(&mut assessments[i].inputs, &a.inputs, &mut Vec::new());
            continue;
        }
        let planned = match rated.get(&key) {
            Some(existing) => {
                let mut merged = (*existing).clone();
                let mut changed = Vec::new();
                merge_inputs(&mut merged.inputs, &a.inputs, &mut changed);
                summary.assessments_updated += usize::from(!changed.is_empty());
                (!changed.is_empty()).then_some(merged)
            }
            None => {
                summary.assessments_new += 1;
                Some(a)
            }
        };
        if let Some(planned) = planned {
            planned_at.insert(key, assessments.len());
            assessments.push(planned);
        }
    }

    MergePlan {
        accounts,
        stakeholders,
        orders,
        assessments,
        summary,
    }
}

impl MergePlan {
    /// Writes the plan into the workspace: each record replaces the one with its key (account
    /// id; stakeholder account, name and journey point; assessment account and date) or is
    /// added. Nothing is removed.
    pub fn apply(self, ws: &mut Workspace) {
        let at: HashMap<String, usize> = ws
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        // A new account's id is new to the workspace and unique in the import (the
        // conversion refuses a repeated id), so only the workspace's own ids need looking up.
        ws.accounts.reserve(self.summary.new);
        for (a, change) in self.accounts {
            match (change, at.get(&a.id)) {
                (AccountChange::Unchanged, _) => {}
                (_, Some(&i)) => ws.accounts[i] = a,
                (_, None) => ws.accounts.push(a),
            }
        }
        let people: HashMap<_, usize> = ws
            .stakeholders
            .iter()
            .enumerate()
            .map(|(i, s)| (person_key(s), i))
            .collect();
        for s in self.stakeholders {
            match people.get(&person_key(&s)) {
                Some(&i) => ws.stakeholders[i] = s,
                None => ws.stakeholders.push(s),
            }
        }
        ws.orders.extend(self.orders);
        let rated: HashMap<_, usize> = ws
            .credit_assessments
            .iter()
            .enumerate()
            .map(|(i, a)| ((a.account.clone(), a.date), i))
            .collect();
        for a in self.assessments {
            match rated.get(&(a.account.clone(), a.date)) {
                Some(&i) => ws.credit_assessments[i] = a,
                None => ws.credit_assessments.push(a),
            }
        }
    }
}
