//! The workspace as reactive state: one signal holds what the user owns, and everything
//! computed from it — the frameworks in force, the scoring engine, the indexed portfolio and
//! every score — is a `Memo`, never written by an effect. A large change of the records (an
//! import) can be scored a framework at a time, yielding the page between steps, before it is
//! shown; the memo then takes those scores instead of scoring again.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use leptos::prelude::*;

use super::browser;
use crate::model::Workspace;
use crate::scoring::ahead::ScoreAhead;
use crate::scoring::credit::LostStatus;
use crate::scoring::{Engine, Portfolio, Scores};

/// A computed value shared by reference. Two are equal only when they are the same
/// computation, so a memo holding one notifies its readers exactly when it recomputed.
#[derive(Debug)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Records indexed per task by [`WorkspaceState::edit_records_in_steps`]: about 40 ms of the
/// 155 ms that 100k accounts take in Chromium on the project's machines.
const INDEX_STEP_ROWS: usize = 25_000;

/// The engine with the portfolio it indexed and the scores it computed, always consistent.
pub struct Scored {
    pub engine: Engine,
    /// Shared between successive results while the records and the inputs read stay the same.
    pub portfolio: Arc<Portfolio>,
    pub scores: Scores,
    /// The records version the portfolio was indexed from.
    records: u64,
    /// The key accounts that lost their status on the red list, read when first asked.
    lost: OnceLock<LostStatus>,
}

impl Scored {
    /// The key accounts of `ws` — the workspace these scores were computed from — that lost
    /// their status on the red list as of today: read once per scoring, for every view.
    pub fn lost(&self, ws: &Workspace) -> &LostStatus {
        self.lost
            .get_or_init(|| LostStatus::compute(&self.engine, &self.scores, ws, browser::today()))
    }
}

/// The user's workspace and what is derived from it.
///
/// The workspace is read through `workspace` and changed only through the methods below, each
/// naming what it changes, so the derived state can tell a framework edit (re-score what the
/// edit touched) from a change of the records (index and score everything again).
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    pub workspace: ReadSignal<Workspace>,
    write: WriteSignal<Workspace>,
    /// Counts the changes of the records; read without tracking, since every such change also
    /// writes the workspace signal.
    records: StoredValue<u64>,
    /// The scoring of every account, or why the frameworks in force cannot score.
    pub scored: Memo<Shared<Result<Scored, String>>>,
    /// Scores computed in steps for the records version they name
    /// ([`WorkspaceState::edit_records_in_steps`]), waiting for the memo to take them.
    primed: StoredValue<Option<Scored>>,
    /// Counts every change of the workspace, bumped before the signal is written, so work
    /// done across tasks (a save encoded in steps) can tell whether it still has the same one.
    revision: StoredValue<u64>,
}

impl WorkspaceState {
    pub fn new(initial: Workspace) -> Self {
        let (workspace, write) = signal(initial);
        let records = StoredValue::new(0_u64);
        let primed = StoredValue::new(None::<Scored>);
        let scored = Memo::new(move |before: Option<&Shared<Result<Scored, String>>>| {
            let version = records.get_value();
            let primed = primed.try_update_value(Option::take).flatten();
            let before = primed
                .as_ref()
                .or_else(|| before.and_then(|b| (**b).as_ref().ok()));
            Shared::new(workspace.with(|ws| {
                let engine = Engine::new(&ws.frameworks_in_force()).map_err(|e| e.to_string())?;
                // A framework edit on the same records re-scores only what it touched.
                if let Some(before) = before.filter(|b| b.records == version) {
                    let rescored =
                        engine.rescore(&before.portfolio, (&before.engine, &before.scores));
                    if let Some(scores) = rescored {
                        return Ok(Scored {
                            engine,
                            portfolio: Arc::clone(&before.portfolio),
                            scores,
                            records: version,
                            lost: OnceLock::new(),
                        });
                    }
                }
                let portfolio = engine.index(&ws.accounts, &ws.stakeholders);
                let scores = engine.score(&portfolio);
                Ok(Scored {
                    engine,
                    portfolio: Arc::new(portfolio),
                    scores,
                    records: version,
                    lost: OnceLock::new(),
                })
            }))
        });
        WorkspaceState {
            workspace,
            write,
            records,
            scored,
            primed,
            revision: StoredValue::new(0),
        }
    }

    /// How many times the workspace was replaced or edited so far.
    pub fn revision(self) -> u64 {
        self.revision.get_value()
    }

    /// Whether the workspace holds any account.
    pub fn is_empty(self) -> bool {
        self.workspace.with(|ws| ws.accounts.is_empty())
    }

    /// Puts another workspace in place of the open one (opened, loaded, blank).
    pub fn replace(self, workspace: Workspace) {
        self.revision.update_value(|v| *v += 1);
        self.records.update_value(|v| *v += 1);
        self.write.set(workspace);
    }

    /// Puts another workspace in place as [`WorkspaceState::replace`] does, indexed and
    /// scored in steps as [`WorkspaceState::edit_records_in_steps`] does (opening a stored
    /// 100k-account workspace).
    pub async fn replace_in_steps(self, workspace: Workspace) {
        self.edit_records_in_steps(move |ws| *ws = workspace, None)
            .await;
    }

    /// Changes the records: accounts, stakeholders, orders, credit assessments (and whatever
    /// else the same change touches, such as the workspace name or remembered mappings).
    pub fn edit_records(self, change: impl FnOnce(&mut Workspace)) {
        self.revision.update_value(|v| *v += 1);
        self.records.update_value(|v| *v += 1);
        self.write.update(change);
    }

    /// Changes the records as [`WorkspaceState::edit_records`] does, but indexes them
    /// [`INDEX_STEP_ROWS`] rows and scores them a framework at a time, awaiting a task of its
    /// own between steps, before anyone is told: a 100k-account import never holds the page
    /// for the whole indexing and scoring. The records change at once, but no view is notified
    /// until the scores are ready, so what is on screen stays as it was (the Import view says
    /// it is scoring); a change of the records made in between bumps their version, so the
    /// indexing stops (or these scores are dropped) and the memo scores as usual.
    ///
    /// An import into a workspace without records gives the accounts it scored ahead
    /// ([`ScoreAhead`]): when the change left exactly those accounts in a workspace that held
    /// no records, and the frameworks in force are those it scored with, its scores are taken
    /// as they are.
    pub async fn edit_records_in_steps(
        self,
        change: impl FnOnce(&mut Workspace),
        ahead: Option<ScoreAhead>,
    ) {
        self.revision.update_value(|v| *v += 1);
        self.records.update_value(|v| *v += 1);
        let version = self.records.get_value();
        let mut was_empty = false;
        self.write.update_untracked(|ws| {
            was_empty = ws.accounts.is_empty() && ws.stakeholders.is_empty();
            change(ws);
        });
        browser::next_task().await;
        let workspace = self.workspace;
        // Frameworks that cannot score: the memo says why, at once.
        let engine = workspace.with_untracked(|ws| Engine::new(&ws.frameworks_in_force()).ok());
        if let Some(engine) = engine {
            let scored_ahead = ahead.filter(|_| was_empty).and_then(|ahead| {
                workspace.with_untracked(|ws| ahead.finish(&engine, &ws.accounts, &ws.stakeholders))
            });
            let (engine, portfolio, scores) = match scored_ahead {
                Some(ready) => ready,
                None => match self.index_and_score_in_steps(engine, version).await {
                    Some(done) => done,
                    // Changed meanwhile: the memo indexes the new records itself.
                    None => return self.write.notify(),
                },
            };
            self.primed.set_value(Some(Scored {
                engine,
                portfolio: Arc::new(portfolio),
                scores,
                records: version,
                lost: OnceLock::new(),
            }));
        }
        self.write.notify();
    }

    /// Indexes and scores the records in steps (see [`WorkspaceState::edit_records_in_steps`]);
    /// `None` when they changed from `version` meanwhile.
    async fn index_and_score_in_steps(
        self,
        engine: Engine,
        version: u64,
    ) -> Option<(Engine, Portfolio, Scores)> {
        let workspace = self.workspace;
        let mut indexing =
            workspace.with_untracked(|ws| engine.index_in_steps(&ws.accounts, &ws.stakeholders));
        while workspace
            .with_untracked(|ws| indexing.step(&ws.accounts, &ws.stakeholders, INDEX_STEP_ROWS))
        {
            browser::next_task().await;
            if self.records.get_value() != version {
                return None;
            }
        }
        let portfolio =
            workspace.with_untracked(|ws| indexing.finish(&ws.accounts, &ws.stakeholders));
        browser::next_task().await;
        let scores = {
            let mut steps = engine.score_in_steps(&portfolio);
            while steps.step() {
                browser::next_task().await;
            }
            steps.finish()
        };
        Some((engine, portfolio, scores))
    }

    /// Changes what scores the records without touching them: the frameworks, the settings,
    /// the workspace's name.
    pub fn edit_frameworks(self, change: impl FnOnce(&mut Workspace)) {
        self.revision.update_value(|v| *v += 1);
        self.write.update(change);
    }
}
