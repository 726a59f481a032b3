//! Undo for the framework editor: the workspace's edited frameworks as they were before each
//! of the last few changes, so a removed dimension or line, a reset or an opened file can be
//! taken back one step at a time without losing the other edits.
//!
//! A step also keeps the frameworks as its change left them, and is undone only while the
//! workspace still holds exactly those: frameworks changed some other way (another workspace
//! opened) are never overwritten with an old state.

use std::collections::VecDeque;

use super::Framework;

/// How many changes can be undone, the latest first.
pub const UNDO_DEPTH: usize = 20;

/// What a change did, so the editor can say what Undo takes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// A value, a label, an added or removed dimension, line or breakpoint.
    Edit,
    /// A preset copied to be edited.
    Copy,
    /// A workspace copy removed (back to the preset, or an own framework removed).
    Reset,
    /// A framework file opened.
    Import,
}

/// One change that can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The framework the change was made to, shown again when it is undone.
    pub framework: String,
    pub kind: ChangeKind,
    /// The workspace's edited frameworks before the change: what undoing it puts back.
    pub before: Vec<Framework>,
    /// The workspace's edited frameworks after the change.
    after: Vec<Framework>,
}

/// The editor's last changes, at most [`UNDO_DEPTH`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    steps: VecDeque<Step>,
}

impl History {
    /// Remembers a change of `framework` that turned the workspace's edited frameworks from
    /// `before` into `after`; the oldest change is forgotten beyond [`UNDO_DEPTH`].
    pub fn record(
        &mut self,
        framework: &str,
        kind: ChangeKind,
        before: Vec<Framework>,
        after: Vec<Framework>,
    ) {
        if before == after {
            return;
        }
        if self.steps.len() == UNDO_DEPTH {
            self.steps.pop_front();
        }
        self.steps.push_back(Step {
            framework: framework.to_string(),
            kind,
            before,
            after,
        });
    }

    /// How many changes can be undone.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// What the change Undo would take back did.
    pub fn last_kind(&self) -> Option<ChangeKind> {
        self.steps.back().map(|s| s.kind)
    }

    /// Takes the last change off the history, to put its `before` in place of `now`. When `now`
    /// is not what that change left, the frameworks were changed elsewhere meanwhile: the whole
    /// history no longer applies and is forgotten.
    pub fn undo(&mut self, now: &[Framework]) -> Option<Step> {
        let step = self.steps.pop_back()?;
        if step.after != now {
            self.steps.clear();
            return None;
        }
        Some(step)
    }

    /// Puts back a step whose undoing could not be applied (the frameworks no longer score
    /// together with the settings), so it can be tried again.
    pub fn restore(&mut self, step: Step) {
        self.steps.push_back(step);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::edit::{attempt, Edit};
    use crate::framework::presets;

    /// The editor's round: the selected framework edited, the workspace's list updated and the
    /// change recorded, as `Editor::commit` does.
    fn commit(history: &mut History, edited: &mut Vec<Framework>, change: Edit) {
        let before = edited.clone();
        let f = edited.last().cloned().unwrap_or_else(presets::scorecard);
        let Some(f) = attempt(&f, &change).unwrap() else {
            return;
        };
        crate::framework::edit::upsert(edited, f.clone());
        history.record(&f.id, ChangeKind::Edit, before, edited.clone());
    }

    fn undo(history: &mut History, edited: &mut Vec<Framework>) -> Option<String> {
        let step = history.undo(edited)?;
        *edited = step.before;
        Some(step.framework)
    }

    #[test]
    fn a_removed_dimension_comes_back_with_the_other_edits_kept() {
        let mut history = History::default();
        let mut edited = vec![presets::scorecard()];
        history.record(
            presets::SCORECARD,
            ChangeKind::Copy,
            Vec::new(),
            edited.clone(),
        );
        commit(
            &mut history,
            &mut edited,
            Edit::SetWeight { dim: 0, max: 40.0 },
        );
        let weighted = edited.clone();
        commit(&mut history, &mut edited, Edit::RemoveDimension { dim: 5 });
        assert_eq!(edited[0].dimensions.len(), 5);
        assert_eq!(history.len(), 3);
        assert_eq!(history.last_kind(), Some(ChangeKind::Edit));

        // Undo brings development potential back; strategic fit keeps its weight of 40.
        assert_eq!(
            undo(&mut history, &mut edited).as_deref(),
            Some("scorecard")
        );
        assert_eq!(edited, weighted);
        assert_eq!(edited[0].dimensions[5].id, "development_potential");
        assert_eq!(edited[0].dimensions[0].max, 40.0);
        // Two more undos: the weight, then the copy itself (the preset is in force again).
        undo(&mut history, &mut edited);
        assert_eq!(edited, vec![presets::scorecard()]);
        assert_eq!(history.last_kind(), Some(ChangeKind::Copy));
        undo(&mut history, &mut edited);
        assert!(edited.is_empty());
        assert!(history.is_empty());
        assert_eq!(undo(&mut history, &mut edited), None);
    }

    #[test]
    fn only_the_last_changes_are_kept_and_no_change_is_not_one() {
        let mut history = History::default();
        let mut edited = vec![presets::scorecard()];
        for n in 0..UNDO_DEPTH + 5 {
            let max = 31.0 + n as f64;
            commit(&mut history, &mut edited, Edit::SetWeight { dim: 0, max });
        }
        assert_eq!(history.len(), UNDO_DEPTH);
        // Setting the weight it already has changes nothing and is not recorded.
        let max = edited[0].dimensions[0].max;
        commit(&mut history, &mut edited, Edit::SetWeight { dim: 0, max });
        assert_eq!(history.len(), UNDO_DEPTH);
        while undo(&mut history, &mut edited).is_some() {}
        // The oldest five changes are forgotten: undo stops at weight 35.
        assert_eq!(edited[0].dimensions[0].max, 35.0);
    }

    #[test]
    fn frameworks_changed_elsewhere_are_not_overwritten() {
        let mut history = History::default();
        let mut edited = vec![presets::scorecard()];
        commit(&mut history, &mut edited, Edit::RemoveDimension { dim: 5 });
        // Another workspace is opened: its frameworks are not what the change left.
        let other = vec![presets::credit()];
        assert_eq!(history.undo(&other), None);
        assert!(history.is_empty());
    }

    #[test]
    fn a_step_that_could_not_be_applied_can_be_tried_again() {
        let mut history = History::default();
        let mut edited = vec![presets::scorecard()];
        commit(&mut history, &mut edited, Edit::RemoveDimension { dim: 5 });
        let step = history.undo(&edited).unwrap();
        history.restore(step);
        assert_eq!(history.len(), 1);
        assert_eq!(
            undo(&mut history, &mut edited).as_deref(),
            Some("scorecard")
        );
        assert_eq!(edited, vec![presets::scorecard()]);
    }
}
