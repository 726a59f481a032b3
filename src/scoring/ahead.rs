//! Scoring ahead of a commit: the accounts of an import into an empty workspace, indexed and
//! scored part by part as the worker's conversion hands them over.
//!
//! The page mostly waits while the worker converts a large file, and once the user commits,
//! indexing and scoring 100k accounts take about a tenth of a second more. Into a workspace
//! that holds no records the committed accounts are exactly the imported ones, in their
//! order, so their index and scores can be built while the page waits and taken at the
//! commit — provided the commit finds those very accounts and the frameworks unchanged
//! ([`ScoreAhead::finish`]); otherwise the commit indexes and scores as usual.

use std::hash::Hasher;
use std::sync::Arc;

use super::table::TableBuilder;
use super::{score_rows, size_results, Engine, Portfolio, Scores};
use crate::fast_hash::FxHasher;
use crate::framework::Subject;
use crate::model::{Account, Stakeholder};

/// An import's accounts indexed and scored so far by one engine.
pub struct ScoreAhead {
    engine: Engine,
    accounts: TableBuilder,
    scores: Scores,
    /// A digest of the scored accounts' ids in their order, so the commit can tell it holds
    /// the same accounts.
    ids: FxHasher,
}

impl ScoreAhead {
    /// Nothing scored yet, by `engine` (the frameworks in force when the import started).
    pub fn new(engine: Engine) -> ScoreAhead {
        let mut scores = Scores {
            frameworks: Vec::new(),
        };
        scores
            .frameworks
            .resize_with(engine.prepared.len(), Default::default);
        // Stakeholder frameworks score no rows: there are no stakeholders to score.
        for (p, out) in engine.prepared.iter().zip(&mut scores.frameworks) {
            size_results(p, Arc::make_mut(out), 0);
        }
        ScoreAhead {
            accounts: TableBuilder::new(&engine.account_keys, 0),
            engine,
            scores,
            ids: FxHasher::default(),
        }
    }

    /// How many accounts are scored.
    pub fn rows(&self) -> usize {
        self.accounts.filled()
    }

    /// Indexes and scores the accounts that arrived since the last call: `accounts` are all
    /// of them so far, in their order, those already scored unchanged.
    pub fn add(&mut self, accounts: &[Account]) {
        let from = self.rows();
        let Some(arrived) = accounts.get(from..).filter(|a| !a.is_empty()) else {
            return;
        };
        for a in arrived {
            digest_id(&mut self.ids, &a.id);
        }
        self.accounts.grow(arrived.len());
        self.accounts.add(arrived.iter().map(|a| &a.inputs));
        let to = self.rows();
        let table = self.accounts.table();
        for &fi in &self.engine.order {
            let p = &self.engine.prepared[fi];
            if p.subject != Subject::Account {
                continue;
            }
            let mut current = std::mem::take(&mut self.scores.frameworks[fi]);
            let out = Arc::make_mut(&mut current);
            size_results(p, out, to);
            score_rows(p, table, &[], &self.scores.frameworks, out, &[], from..to);
            self.scores.frameworks[fi] = current;
        }
    }

    /// The engine, the index and the scores, equal to `engine`'s [`Engine::index`] and
    /// [`Engine::score`] of `accounts` and `stakeholders`, when those are the accounts scored
    /// here, in the same order, without stakeholders, and `engine` has the same frameworks.
    /// `None` otherwise: the caller indexes and scores them itself.
    pub fn finish(
        self,
        engine: &Engine,
        accounts: &[Account],
        stakeholders: &[Stakeholder],
    ) -> Option<(Engine, Portfolio, Scores)> {
        let mut ids = FxHasher::default();
        for a in accounts {
            digest_id(&mut ids, &a.id);
        }
        let same = stakeholders.is_empty()
            && accounts.len() == self.rows()
            && ids.finish() == self.ids.finish()
            && engine.frameworks == self.engine.frameworks;
        same.then(|| {
            let portfolio = Portfolio {
                accounts: self.accounts.finish(),
                stakeholders: TableBuilder::new(&self.engine.stakeholder_keys, 0).finish(),
                owner: Vec::new(),
            };
            (self.engine, portfolio, self.scores)
        })
    }
}

/// Adds an id to a digest of ids in order, its length first, so no two lists of ids that
/// differ only in where one id ends and the next begins digest alike.
fn digest_id(digest: &mut FxHasher, id: &str) {
    digest.write_usize(id.len());
    digest.write(id.as_bytes());
}
