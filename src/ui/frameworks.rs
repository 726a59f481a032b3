//! The Frameworks view: every framework in force shown as it is (dimensions and their rules,
//! levels, breakpoints, lines, thresholds, classification and the interpretations of the
//! source), a copy of a preset edited in place with the portfolio re-scored after each change
//! and the change said in words, a what-if panel that re-scores one account with trial inputs
//! without saving them, and the framework file (download, open).
//!
//! Every change goes through [`Editor::commit`]: the edit is applied to a copy, checked
//! ([`edit::attempt`], then the engine with every other framework), and only a framework that
//! scores reaches the workspace. A refused change leaves the saved framework and the scores as
//! they were and puts the located reason under the field. Every change taken (an edit, a copy,
//! a reset, an opened file) is remembered in a [`History`], so Undo takes the last ones back.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{Scored, Shared, WorkspaceState};
use super::{download, files, use_app, use_workspace, AppState};
use crate::framework::edit::{self, Bound, Edit, MaxChange, Part, Problem, Refusal};
use crate::framework::history::{ChangeKind, History};
use crate::framework::{
    file, presets, Classification, Framework, LineRule, LineTest, Rule, Subject,
};
use crate::i18n::{Label, Lang, Msg};
use crate::model::{Input, Inputs, Workspace};
use crate::route::View;
use crate::scoring::credit::{key_class, STATUS_LOST};
use crate::scoring::diff::{self, Direction, FrameworkDiff};
use crate::scoring::explain::num;

/// The name of the downloaded framework file.
const FILE_NAME: &str = "kam-radar-frameworks.json";
/// How many changed accounts the change list shows.
const CHANGE_LIST_LIMIT: usize = 300;
/// How many accounts the what-if search lists.
const PICK_LIMIT: usize = 8;
/// The keys of the editor's buttons: their refusals are said in the editor's head, as they
/// have no field of their own.
const ACTION_KEYS: [&str; 10] = [
    "reset",
    "undo",
    "add-dimension",
    "remove-dimension",
    "add-line",
    "remove-line",
    "bp-add",
    "bp-remove",
    "inclusive",
    "line-rule",
];

type ScoredRef = Shared<Result<Scored, String>>;

/// Why a field's value was not taken.
#[derive(Clone, Debug, PartialEq)]
enum FieldError {
    Problem(Problem),
    NotANumber,
    Other(String),
}

impl FieldError {
    fn text(&self, lang: Lang) -> String {
        match self {
            FieldError::Problem(p) => p.short_text(lang),
            FieldError::NotANumber => Msg::FwEnterNumber.text(lang).to_string(),
            FieldError::Other(s) => s.clone(),
        }
    }
}

/// One framework's change: its name, its class labels by id (old and new), the diff.
type Changed = (Label, Vec<(String, Label)>, FrameworkDiff);

/// What the last change did to the classes, framework by framework.
#[derive(Clone, Debug, PartialEq)]
struct Summary {
    /// The edited framework first, then the frameworks that changed with it (the internal
    /// profile follows the credit rating).
    diffs: Vec<Changed>,
}

/// The editor's state, shared by its parts.
#[derive(Clone, Copy)]
struct Editor {
    app: AppState,
    data: WorkspaceState,
    selected: RwSignal<String>,
    /// The selected framework as in force.
    current: Memo<Option<Framework>>,
    /// Whether the workspace holds a copy of it (then it can be edited).
    edited: Memo<bool>,
    error: RwSignal<Option<(String, FieldError)>>,
    summary: RwSignal<Option<Summary>>,
    /// The scores when the field now being typed in was entered, so the change said after
    /// each keystroke is the change since then, not since the previous keystroke.
    snapshot: StoredValue<Option<(String, ScoredRef)>>,
    /// The last changes, for Undo.
    history: RwSignal<History>,
    notice: RwSignal<Option<(bool, String)>>,
}

fn in_force(ws: &Workspace, id: &str) -> Option<Framework> {
    ws.frameworks_in_force().into_iter().find(|f| f.id == id)
}

/// Whether these edited frameworks can score together with the presets and settings.
fn scores_together(ws: &Workspace, frameworks: Vec<Framework>) -> Result<(), String> {
    let candidate = Workspace {
        frameworks,
        settings: ws.settings.clone(),
        ..Workspace::default()
    };
    crate::scoring::Engine::new(&candidate.frameworks_in_force())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

impl Editor {
    fn lang(self) -> Lang {
        self.app.lang.get_untracked()
    }

    /// Remembers the scores as a field is entered.
    fn enter(self, key: &str) {
        let now = self.data.scored.get_untracked();
        self.snapshot.set_value(Some((key.to_string(), now)));
    }

    fn fail(self, key: &str, error: FieldError) {
        self.error.set(Some((key.to_string(), error)));
    }

    /// The selected framework with the edit applied, `None` when that changes nothing, or
    /// why it cannot be scored.
    fn prepare(self, change: &Edit) -> Result<Option<Framework>, FieldError> {
        let Some(f) = self.current.get_untracked() else {
            return Ok(None);
        };
        edit::attempt(&f, change).map_err(|refusal| match refusal {
            Refusal::Stale(e) => FieldError::Other(e.to_string()),
            Refusal::Problem(p) => FieldError::Problem(p),
        })
    }

    /// Says, while a value is typed, whether it could be taken (without taking it).
    fn try_value(self, key: &str, change: &Edit) {
        match self.prepare(change) {
            Ok(_) => self.clear_error(key),
            Err(e) => self.fail(key, e),
        }
    }

    /// Applies an edit to the selected framework's workspace copy if the result scores.
    fn commit(self, key: &str, change: Edit) {
        let id = self.selected.get_untracked();
        match self.prepare(&change) {
            Err(e) => self.fail(key, e),
            Ok(None) => self.clear_error(key),
            Ok(Some(f)) => {
                let mut frameworks = self
                    .data
                    .workspace
                    .with_untracked(|ws| ws.frameworks.clone());
                edit::upsert(&mut frameworks, f);
                self.write(key, &id, frameworks, ChangeKind::Edit);
            }
        }
    }

    /// Whether the field `key` shows a refused value.
    fn has_error(self, key: &str) -> bool {
        self.error
            .with(|e| e.as_ref().is_some_and(|(k, _)| k == key))
    }

    /// The refusal the field `key` shows under it, in the chosen language.
    fn error_view(self, key: String) -> impl IntoView {
        move || {
            let lang = self.app.lang.get();
            self.error.with(|e| {
                e.as_ref().filter(|(k, _)| *k == key).map(|(_, e)| {
                    view! { <span class="fw-error" role="alert" data-testid="field-error">{e.text(lang)}</span> }
                })
            })
        }
    }

    fn clear_error(self, key: &str) {
        if self
            .error
            .with_untracked(|e| e.as_ref().is_some_and(|(k, _)| k == key))
        {
            self.error.set(None);
        }
    }

    /// Puts a new list of edited frameworks in the workspace (if it scores), says what changed
    /// since the field was entered and remembers the change for Undo.
    fn write(self, key: &str, id: &str, frameworks: Vec<Framework>, kind: ChangeKind) -> bool {
        let before = self
            .data
            .workspace
            .with_untracked(|ws| ws.frameworks.clone());
        if !self.put(key, id, frameworks.clone()) {
            return false;
        }
        self.history
            .update(|h| h.record(id, kind, before, frameworks));
        true
    }

    /// [`Editor::write`] without remembering the change (Undo itself).
    fn put(self, key: &str, id: &str, frameworks: Vec<Framework>) -> bool {
        let checked = self
            .data
            .workspace
            .with_untracked(|ws| scores_together(ws, frameworks.clone()));
        if let Err(e) = checked {
            self.fail(key, FieldError::Other(e));
            return false;
        }
        let before = self
            .snapshot
            .with_value(|s| s.as_ref().filter(|(k, _)| k == key).map(|(_, s)| s.clone()))
            .unwrap_or_else(|| self.data.scored.get_untracked());
        self.data.edit_frameworks(|ws| ws.frameworks = frameworks);
        let after = self.data.scored.get_untracked();
        self.error.set(None);
        self.summary.set(summarise(id, &before, &after));
        true
    }

    /// Makes a workspace copy of the selected framework, which can then be edited.
    fn copy(self) {
        let Some(f) = self.current.get_untracked() else {
            return;
        };
        let id = f.id.clone();
        let frameworks = |ws: &Workspace| ws.frameworks.clone();
        let before = self.data.workspace.with_untracked(frameworks);
        self.data
            .edit_frameworks(|ws| edit::upsert(&mut ws.frameworks, f));
        let after = self.data.workspace.with_untracked(frameworks);
        self.history
            .update(|h| h.record(&id, ChangeKind::Copy, before, after));
    }

    /// Removes the workspace copy, so the preset is in force again (Undo brings it back).
    fn reset(self) {
        let id = self.selected.get_untracked();
        let frameworks = self.data.workspace.with_untracked(|ws| {
            ws.frameworks
                .iter()
                .filter(|f| f.id != id)
                .cloned()
                .collect::<Vec<_>>()
        });
        if self
            .data
            .workspace
            .with_untracked(|ws| ws.frameworks.len() == frameworks.len())
        {
            return;
        }
        self.snapshot.set_value(None);
        if self.write("reset", &id, frameworks, ChangeKind::Reset) {
            self.show_in_force(&id);
        }
    }

    /// Takes the last change back and shows the framework it was made to.
    fn undo(self) {
        let now = self
            .data
            .workspace
            .with_untracked(|ws| ws.frameworks.clone());
        let mut last = None;
        self.history.update(|h| last = h.undo(&now));
        let Some(step) = last else {
            return;
        };
        self.snapshot.set_value(None);
        let id = step.framework.clone();
        if self.put("undo", &id, step.before.clone()) {
            self.show_in_force(&id);
        } else {
            self.history.update(|h| h.restore(step));
        }
    }

    /// Selects the framework `id`, or the scorecard when `id` is no longer in force.
    fn show_in_force(self, id: &str) {
        let there = self
            .data
            .workspace
            .with_untracked(|ws| in_force(ws, id).is_some());
        self.selected.set(if there {
            id.to_string()
        } else {
            presets::SCORECARD.to_string()
        });
    }
}

/// The class changes between two scorings, the given framework first, then every other
/// framework whose classes changed.
fn summarise(id: &str, before: &ScoredRef, after: &ScoredRef) -> Option<Summary> {
    let (Ok(b), Ok(a)) = (before.as_ref(), after.as_ref()) else {
        return None;
    };
    let diffs = diff::diff(
        b.engine.frameworks(),
        &b.scores,
        a.engine.frameworks(),
        &a.scores,
    )?;
    let mut out: Vec<Changed> = Vec::new();
    for d in diffs {
        if d.framework != id && d.changes.is_empty() {
            continue;
        }
        let labels = |f: &Framework| -> Vec<(String, Label)> {
            f.classes()
                .iter()
                .map(|c| (c.id.clone(), c.label.clone()))
                .collect()
        };
        let after_f = a.engine.frameworks().iter().find(|f| f.id == d.framework);
        let before_f = b.engine.frameworks().iter().find(|f| f.id == d.framework);
        let (Some(af), Some(bf)) = (after_f, before_f) else {
            continue;
        };
        let mut classes = labels(af);
        for (cid, label) in labels(bf) {
            if !classes.iter().any(|(c, _)| *c == cid) {
                classes.push((cid, label));
            }
        }
        let entry = (af.name.clone(), classes, d);
        if entry.2.framework == id {
            out.insert(0, entry);
        } else {
            out.push(entry);
        }
    }
    Some(Summary { diffs: out })
}

/// "14 accounts change tier: 3 up, 11 down" in `lang`.
fn change_sentence(d: &FrameworkDiff, lang: Lang) -> String {
    let n = d.changes.len();
    if n == 0 {
        return Msg::FwNoChange.text(lang).to_string();
    }
    let summary = if n == 1 {
        Msg::FwChangeSummaryOne
    } else {
        Msg::FwChangeSummary
    };
    let mut s = summary
        .text(lang)
        .replace("{n}", &n.to_string())
        .replace("{up}", &d.up().to_string())
        .replace("{down}", &d.down().to_string());
    if d.unranked() > 0 {
        s.push_str(
            &Msg::FwChangeUnranked
                .text(lang)
                .replace("{n}", &d.unranked().to_string()),
        );
    }
    s
}

/// A structural signature: the editor's fields are rebuilt only when it changes, so a value
/// typed into a field never rebuilds (and unfocuses) that field.
fn shape(f: &Framework, editable: bool) -> String {
    let mut s = format!("{}|{editable}|", f.id);
    for d in &f.dimensions {
        let kind = match &d.rule {
            Rule::Direct => "d".to_string(),
            Rule::Levels { levels, .. } => format!("l{}", levels.len()),
            Rule::Piecewise { breakpoints, .. } => format!("p{}", breakpoints.len()),
            Rule::Derived { fallback, .. } => match fallback.as_ref() {
                Rule::Levels { levels, .. } => format!("x{}", levels.len()),
                _ => "x".into(),
            },
        };
        s.push_str(&format!("{}:{kind};", d.id));
    }
    for l in &f.lines {
        s.push_str(&format!("|{}", l.id));
    }
    s.push_str(&format!("|{}", f.classes().len()));
    s
}

#[component]
pub fn FrameworksView() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let selected = RwSignal::new(presets::SCORECARD.to_string());
    let current = Memo::new(move |_| {
        let id = selected.get();
        data.workspace.with(|ws| in_force(ws, &id))
    });
    let edited = Memo::new(move |_| {
        let id = selected.get();
        data.workspace
            .with(|ws| ws.frameworks.iter().any(|f| f.id == id))
    });
    let ed = Editor {
        app,
        data,
        selected,
        current,
        edited,
        error: RwSignal::new(None),
        summary: RwSignal::new(None),
        snapshot: StoredValue::new(None),
        history: RwSignal::new(History::default()),
        notice: RwSignal::new(None),
    };
    provide_context(ed);
    let what_if = RwSignal::new(false);

    view! {
        <section class="frameworks-view" data-testid="view-frameworks">
            <div class="fw-top">
                <h1>{app.t(Msg::NavFrameworks)}</h1>
                <FileActions/>
                <button
                    type="button"
                    class="whatif-toggle"
                    data-testid="whatif-toggle"
                    aria-pressed=move || what_if.get().to_string()
                    on:click=move |_| what_if.update(|on| *on = !*on)
                >
                    {app.t(Msg::FwWhatIf)}
                </button>
            </div>
            {move || {
                ed.notice
                    .get()
                    .map(|(ok, text)| {
                        view! {
                            <p class="notice" class:failed=!ok role="status" data-testid="fw-notice">
                                {text}
                            </p>
                        }
                    })
            }}
            <div class="fw-layout" class:with-whatif=move || what_if.get()>
                <FrameworkList/>
                <div class="fw-detail">
                    <ChangeSummary/>
                    <FrameworkDetail/>
                </div>
                <Show when=move || what_if.get()>
                    <WhatIf/>
                </Show>
            </div>
        </section>
    }
}

/// The frameworks in force, each marked preset, edited or the user's own.
#[component]
fn FrameworkList() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    let rows = Memo::new(move |_| {
        ed.data.workspace.with(|ws| {
            ws.frameworks_in_force()
                .into_iter()
                .map(|f| {
                    let edited = ws.frameworks.iter().any(|g| g.id == f.id);
                    let preset = presets::by_id(&f.id).is_some();
                    (f.id, f.name, edited, preset)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <nav class="fw-list" aria-label=app.t(Msg::FwListLabel)>
            <ul data-testid="framework-list">
                {move || {
                    rows.get()
                        .into_iter()
                        .map(|(id, name, edited, preset)| {
                            let mark = match (edited, preset) {
                                (true, true) => Msg::FwEdited,
                                (_, false) => Msg::FwOwn,
                                (false, true) => Msg::FwPreset,
                            };
                            let here = id.clone();
                            let current = move || ed.selected.with(|s| *s == here);
                            let pick = id.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="link"
                                        class:selected=current.clone()
                                        data-testid=format!("fw-pick-{id}")
                                        aria-current=move || current().then_some("true")
                                        on:click=move |_| {
                                            ed.error.set(None);
                                            ed.selected.set(pick.clone());
                                        }
                                    >
                                        <span>{move || name.get(app.lang.get()).to_string()}</span>
                                        <span class="fw-mark" class:edited=edited data-testid="fw-mark">
                                            {app.t(mark)}
                                        </span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </nav>
    }
}

/// Download the framework file; open one.
#[component]
fn FileActions() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    let download = move |_| {
        let list = ed.data.workspace.with_untracked(|ws| {
            if ws.frameworks.is_empty() {
                ed.current.get_untracked().into_iter().collect()
            } else {
                ws.frameworks.clone()
            }
        });
        let text = file::export(&list);
        if let Err(e) = download::offer_bytes(FILE_NAME, "application/json", text.as_bytes()) {
            ed.notice.set(Some((false, e)));
        }
    };
    let open = move |ev: leptos::ev::Event| {
        let Some((file, name)) = files::picked_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let lang = ed.lang();
            let text = match files::read_text(file).await {
                Ok(text) => text,
                Err(e) => {
                    ed.notice.set(Some((false, format!("{name}: {e}"))));
                    return;
                }
            };
            let merged = file::import(&text).and_then(|list| {
                let ids: Vec<String> = list.iter().map(|f| f.id.clone()).collect();
                ed.data
                    .workspace
                    .with_untracked(|ws| file::merge(ws, list))
                    .map(|m| (m, ids))
            });
            match merged {
                Ok((frameworks, ids)) => {
                    let first = ids.first().cloned().unwrap_or_default();
                    ed.snapshot.set_value(None);
                    if ed.write("import", &first, frameworks, ChangeKind::Import) {
                        ed.selected.set(first);
                        ed.notice.set(Some((
                            true,
                            Msg::FwImported
                                .text(lang)
                                .replace("{file}", &name)
                                .replace("{ids}", &ids.join(", ")),
                        )));
                    }
                }
                Err(e) => ed.notice.set(Some((
                    false,
                    format!("{} {}", Msg::FwFileRefused.text(lang), e.text(&name, lang)),
                ))),
            }
        });
    };
    view! {
        <div class="actions fw-file">
            <button type="button" data-testid="fw-export" title=app.t(Msg::FwExportHint) on:click=download>
                {app.t(Msg::FwExport)}
            </button>
            <label class="file-button">
                {app.t(Msg::FwImport)}
                <input type="file" accept=".json,application/json" data-testid="fw-import" on:change=open/>
            </label>
        </div>
    }
}

/// The class counts of the selected framework now, and what the last change did.
#[component]
fn ChangeSummary() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    let counts = Memo::new(move |_| {
        let id = ed.selected.get();
        ed.data.scored.with(|s| {
            let s = s.as_ref().ok()?;
            let fi = s.engine.index_of(&id)?;
            let f = &s.engine.frameworks()[fi];
            let (mut n, none) = diff::class_counts(f, s.scores.framework(fi));
            // Key accounts that lost their status on the red list are counted apart, as the
            // portfolio counts them.
            let lost = key_class(&s.engine)
                .filter(|(scorecard, _)| *scorecard == fi)
                .map(|(_, key)| {
                    let count = ed.data.workspace.with(|ws| s.lost(ws).count()) as u32;
                    if let Some(n) = n.get_mut(usize::from(key)) {
                        *n = n.saturating_sub(count);
                    }
                    count
                })
                .filter(|count| *count > 0);
            let mut out: Vec<(String, Label, u32)> = f
                .classes()
                .iter()
                .zip(n)
                .map(|(c, n)| (c.id.clone(), c.label.clone(), n))
                .collect();
            if let Some(count) = lost {
                out.push((
                    STATUS_LOST.into(),
                    Label::new(
                        Msg::KeyStatusLost.text(Lang::En),
                        Msg::KeyStatusLost.text(Lang::Zh),
                    ),
                    count,
                ));
            }
            out.push((
                "unclassified".into(),
                Label::new(
                    Msg::NotClassified.text(Lang::En),
                    Msg::NotClassified.text(Lang::Zh),
                ),
                none,
            ));
            Some(out)
        })
    });
    let change = move || {
        let lang = app.lang.get();
        let summary = ed.summary.get()?;
        Some(
            summary
                .diffs
                .into_iter()
                .enumerate()
                .map(|(i, (name, classes, d))| {
                    let label_of = move |c: &Option<String>| match c {
                        Some(id) => classes
                            .iter()
                            .find(|(cid, _)| cid == id)
                            .map_or(id.clone(), |(_, l)| l.get(lang).to_string()),
                        None => Msg::NotClassified.text(lang).to_string(),
                    };
                    let sentence = change_sentence(&d, lang);
                    let accounts = d.subject == Subject::Account;
                    let items = accounts.then(|| {
                        ed.data.workspace.with_untracked(|ws| {
                            d.changes
                                .iter()
                                .take(CHANGE_LIST_LIMIT)
                                .filter_map(|c| {
                                    let a = ws.accounts.get(c.row)?;
                                    Some((
                                        a.id.clone(),
                                        a.name.clone(),
                                        label_of(&c.from),
                                        label_of(&c.to),
                                        c.direction,
                                    ))
                                })
                                .collect::<Vec<_>>()
                        })
                    });
                    let more = d.changes.len().saturating_sub(CHANGE_LIST_LIMIT);
                    let title = if i == 0 {
                        name.get(lang).to_string()
                    } else {
                        format!("{} {}", Msg::FwAlsoChanged.text(lang), name.get(lang))
                    };
                    view! {
                        <div class="fw-change" data-testid="fw-change" data-framework=d.framework.clone()>
                            <p>
                                <strong>{title}</strong> ": "
                                <span data-testid="fw-change-text">{sentence}</span>
                            </p>
                            {items.filter(|items| !items.is_empty()).map(|items| view! {
                                <details>
                                    <summary data-testid="fw-change-toggle">{Msg::FwShowAccounts.text(lang)}</summary>
                                    <ul class="fw-change-list" data-testid="fw-change-list">
                                        {items.into_iter().map(|(id, name, from, to, dir)| {
                                            let arrow = match dir {
                                                Direction::Up => "▲",
                                                Direction::Down => "▼",
                                                Direction::Unranked => "•",
                                            };
                                            view! {
                                                <li>
                                                    <span class="fw-dir" aria-hidden="true">{arrow}</span>
                                                    <button type="button" class="link" on:click=move |_| {
                                                        app.selected_account.set(Some(id.clone()));
                                                        app.view.set(View::Accounts);
                                                    }>{name}</button>
                                                    " " {from} " → " {to}
                                                </li>
                                            }
                                        }).collect_view()}
                                        {(more > 0).then(|| view! {
                                            <li class="hint">{Msg::FwMoreChanges.text(lang).replace("{n}", &more.to_string())}</li>
                                        })}
                                    </ul>
                                </details>
                            })}
                        </div>
                    }
                })
                .collect_view(),
        )
    };
    let failed = move || ed.data.scored.with(|s| s.as_ref().err().cloned());
    view! {
        <div class="fw-summary" aria-live="polite">
            {move || failed().map(|e| view! { <p class="notice failed">{e}</p> })}
            <ul class="fw-counts" data-testid="fw-counts">
                {move || {
                    let lang = app.lang.get();
                    counts
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(id, label, n)| view! {
                            <li data-testid="fw-count" data-class=id>
                                {label.get(lang).to_string()} " " <strong>{n}</strong>
                            </li>
                        })
                        .collect_view()
                }}
            </ul>
            {change}
        </div>
    }
}

/// A number shown for editing.
fn show(v: Option<f64>) -> String {
    v.map(num).unwrap_or_default()
}

/// A numeric field: while typing it says whether the value could be taken; on change (Enter,
/// leaving the field, the arrow keys) it applies the value through [`Editor::commit`], so a
/// half-typed number never reaches the scores.
fn number_field(
    ed: Editor,
    key: String,
    aria: impl Fn() -> String + Send + Sync + 'static,
    value: impl Fn(&Framework) -> Option<f64> + Send + Sync + 'static,
    editable: bool,
    make: impl Fn(f64) -> Edit + Send + Sync + 'static,
) -> AnyView {
    // One copy of the field's markup for every call site, not one per closure type: the
    // editor has dozens of fields and each copy would weigh on the wasm module.
    number_input(
        ed,
        key,
        Signal::derive(aria),
        Arc::new(value),
        editable,
        Arc::new(make),
    )
}

type NumberGetter = Arc<dyn Fn(&Framework) -> Option<f64> + Send + Sync>;
type NumberEdit = Arc<dyn Fn(f64) -> Edit + Send + Sync>;

fn number_input(
    ed: Editor,
    key: String,
    aria: Signal<String>,
    value: NumberGetter,
    editable: bool,
    make: NumberEdit,
) -> AnyView {
    let current = ed.current;
    let k_focus = key.clone();
    let k_input = key.clone();
    let k_change = key.clone();
    let k_err = key.clone();
    let make_change = Arc::clone(&make);
    view! {
        <span class="fw-field">
            <input
                type="number"
                step="any"
                inputmode="decimal"
                data-testid=format!("fw-{key}")
                aria-label=aria
                readonly=!editable
                aria-invalid=move || ed.has_error(&k_err).then_some("true")
                prop:value=move || current.with(|f| show(f.as_ref().and_then(|f| value(f))))
                on:focus=move |_| ed.enter(&k_focus)
                on:input=move |ev| {
                    if !editable {
                        return;
                    }
                    let text = event_target_value(&ev);
                    match text.trim().parse::<f64>() {
                        Ok(v) if v.is_finite() => ed.try_value(&k_input, &make(v)),
                        _ => ed.clear_error(&k_input),
                    }
                }
                on:change=move |ev| {
                    if !editable {
                        return;
                    }
                    match event_target_value(&ev).trim().parse::<f64>() {
                        Ok(v) if v.is_finite() => ed.commit(&k_change, make_change(v)),
                        _ => ed.fail(&k_change, FieldError::NotANumber),
                    }
                }
            />
            {ed.error_view(key)}
        </span>
    }
    .into_any()
}

/// A text field for a label, applied on change.
fn label_field(
    ed: Editor,
    key: String,
    aria: impl Fn() -> String + Send + Sync + 'static,
    value: impl Fn(&Framework) -> Option<String> + Send + Sync + 'static,
    editable: bool,
    make: impl Fn(String) -> Edit + Send + Sync + 'static,
) -> AnyView {
    label_input(
        ed,
        key,
        Signal::derive(aria),
        Arc::new(value),
        editable,
        Arc::new(make),
    )
}

type TextGetter = Arc<dyn Fn(&Framework) -> Option<String> + Send + Sync>;
type TextEdit = Arc<dyn Fn(String) -> Edit + Send + Sync>;

fn label_input(
    ed: Editor,
    key: String,
    aria: Signal<String>,
    value: TextGetter,
    editable: bool,
    make: TextEdit,
) -> AnyView {
    let current = ed.current;
    let k = key.clone();
    let k_err = key.clone();
    view! {
        <span class="fw-field">
            <input
                type="text"
                class="fw-label-input"
                data-testid=format!("fw-{key}")
                aria-label=aria
                readonly=!editable
                aria-invalid=move || ed.has_error(&k_err).then_some("true")
                prop:value=move || current.with(|f| f.as_ref().and_then(|f| value(f)).unwrap_or_default())
                on:change=move |ev| {
                    if editable {
                        ed.commit(&k, make(event_target_value(&ev)));
                    }
                }
            />
            {ed.error_view(key)}
        </span>
    }
    .into_any()
}

/// The selected framework, every part of it.
#[component]
fn FrameworkDetail() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    let signature = Memo::new(move |_| {
        let editable = ed.edited.get();
        ed.current.with(|f| f.as_ref().map(|f| shape(f, editable)))
    });
    move || {
        // Read, not only tracked: a memo nobody reads is never computed, so never changes.
        signature.with(|_| ());
        let Some(f) = ed.current.get_untracked() else {
            return view! { <p class="hint">{app.t(Msg::FwNone)}</p> }.into_any();
        };
        let editable = ed.edited.get_untracked();
        let is_preset = presets::by_id(&f.id).is_some();
        let name = f.name.clone();
        let description = f.description.clone();
        let interpretations = f.interpretations.clone();
        view! {
            <article class="fw-framework" data-testid="fw-detail" data-framework=f.id.clone()>
                <header class="fw-head">
                    <h2>{move || name.get(app.lang.get()).to_string()}</h2>
                    <div class="actions">
                        {(!editable).then(|| view! {
                            <button type="button" class="primary" data-testid="fw-copy" on:click=move |_| ed.copy()>
                                {app.t(Msg::FwCopy)}
                            </button>
                        })}
                        {editable.then(|| view! {
                            <button type="button" data-testid="fw-reset" on:click=move |_| ed.reset()>
                                {app.t(if is_preset { Msg::FwReset } else { Msg::FwRemove })}
                            </button>
                        })}
                    </div>
                </header>
                <UndoBar/>
                <MaxWarning/>
                <p class="fw-desc">{move || description.get(app.lang.get()).to_string()}</p>
                <p class="hint">
                    {app.t(if editable { Msg::FwEditingHint } else { Msg::FwReadOnlyHint })}
                </p>
                <ClassificationPart f=f.clone() editable/>
                {(!interpretations.is_empty()).then(|| view! {
                    <section class="fw-interpretations" data-testid="fw-interpretations">
                        <h3>{app.t(Msg::FwInterpretations)}</h3>
                        <ul>
                            {interpretations.into_iter().map(|i| view! {
                                <li data-id=i.id.clone()>{move || i.text.get(app.lang.get()).to_string()}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                <section class="fw-dims">
                    <h3>{app.t(Msg::FwDimensions)}</h3>
                    <p class="hint">{app.t(Msg::FwWeightHint)}</p>
                    {f.dimensions.iter().enumerate().map(|(di, _)| view! { <DimensionPart f=f.clone() di editable/> }).collect_view()}
                    {editable.then(|| view! {
                        <button type="button" data-testid="fw-add-dimension" on:click=move |_| ed.commit("add-dimension", Edit::AddDimension)>
                            {app.t(Msg::FwAddDimension)}
                        </button>
                    })}
                </section>
                <LinesPart f=f.clone() editable/>
            </article>
        }
        .into_any()
    }
}

/// Undo of the last changes, with what the last one did; and why a button's change was
/// refused.
#[component]
fn UndoBar() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    let said = move || {
        let lang = app.lang.get();
        ed.history.with(|h| match h.last_kind() {
            Some(ChangeKind::Reset) => Msg::FwResetDone.text(lang).to_string(),
            _ => Msg::FwUndoCount
                .text(lang)
                .replace("{n}", &h.len().to_string()),
        })
    };
    let refused = move || {
        let lang = app.lang.get();
        ed.error.with(|e| {
            e.as_ref()
                .filter(|(k, _)| ACTION_KEYS.contains(&k.as_str()))
                .map(|(_, e)| e.text(lang))
        })
    };
    view! {
        <Show when=move || ed.history.with(|h| !h.is_empty())>
            <p class="notice" role="status" data-testid="fw-undo-bar">
                {said} " "
                <button type="button" class="small" data-testid="fw-undo" title=app.t(Msg::FwUndoHint)
                    on:click=move |_| ed.undo()>
                    {app.t(Msg::Undo)}
                </button>
            </p>
        </Show>
        {move || refused().map(|m| view! { <p class="notice failed" role="alert" data-testid="fw-action-error">{m}</p> })}
    }
}

/// Warns, without refusing anything, when a total-classified framework's weights no longer
/// add up to the maximum its preset states (the scorecard's 100 points).
#[component]
fn MaxWarning() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    move || {
        let lang = app.lang.get();
        ed.current.with(|f| {
            let f = f.as_ref()?;
            let text = MaxChange::of(f)?.text(f, lang);
            Some(view! { <p class="notice warning" role="status" data-testid="fw-max-warning">{text}</p> })
        })
    }
}

fn rule_kind(rule: &Rule) -> Msg {
    match rule {
        Rule::Direct => Msg::FwRuleDirect,
        Rule::Levels { .. } => Msg::FwRuleLevels,
        Rule::Piecewise { .. } => Msg::FwRulePiecewise,
        Rule::Derived { .. } => Msg::FwRuleDerived,
    }
}

/// One dimension: label, range and weight, input key, rule with its levels or breakpoints.
#[component]
fn DimensionPart(f: Framework, di: usize, editable: bool) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    let d = f.dimensions[di].clone();
    let label = d.label.clone();
    let other_label = d.label.clone();
    let help = d.help.clone();
    let label_en = d.label.en.clone();
    let min = d.min;
    let derived = match &d.rule {
        Rule::Derived { from, .. } => Some(match from {
            crate::framework::Derivation::FrameworkTotal { framework } => {
                (Msg::FwDerivedTotal, framework.clone())
            }
            crate::framework::Derivation::StakeholderWeightedMean { framework, .. } => {
                (Msg::FwDerivedStakeholders, framework.clone())
            }
        }),
        _ => None,
    };
    let inner = match &d.rule {
        Rule::Derived { fallback, .. } => fallback.as_ref().clone(),
        r => r.clone(),
    };
    let relationship_weighting = matches!(
        &d.rule,
        Rule::Derived {
            from: crate::framework::Derivation::StakeholderWeightedMean { .. },
            ..
        }
    )
    .then(|| stakeholder_weighting(ed, di, editable));
    let id = d.id.clone();
    let weight = number_field(
        ed,
        format!("weight-{id}"),
        {
            let label_en = label_en.clone();
            move || format!("{} {}", Msg::FwWeight.text(app.lang.get()), label_en)
        },
        move |f| f.dimensions.get(di).map(|d| d.max),
        editable,
        move |max| Edit::SetWeight { dim: di, max },
    );
    let rule_body = match &inner {
        Rule::Levels { levels, by_measure } => {
            let rows = levels
                .iter()
                .enumerate()
                .map(|(li, l)| {
                    let lid = l.id.clone();
                    let key = |part: &str| format!("level-{id}-{lid}-{part}");
                    let aria = |msg: Msg| {
                        let name = l.label.en.clone();
                        move || format!("{} {}", name, msg.text(app.lang.get()))
                    };
                    let level = move |f: &Framework| {
                        f.dimensions
                            .get(di)
                            .and_then(|d| edit::levels_of(&d.rule))
                            .and_then(|ls| ls.get(li))
                            .cloned()
                    };
                    view! {
                        <tr>
                            <td>{label_field(ed, key("en"), aria(Msg::FwLabelEn), move |f| level(f).map(|l| l.label.en), editable,
                                move |text| Edit::SetLevelLabel { dim: di, level: li, lang: Lang::En, text })}</td>
                            <td>{label_field(ed, key("zh"), aria(Msg::FwLabelZh), move |f| level(f).map(|l| l.label.zh), editable,
                                move |text| Edit::SetLevelLabel { dim: di, level: li, lang: Lang::Zh, text })}</td>
                            <td>{number_field(ed, key("lo"), aria(Msg::FwFrom), move |f| level(f).map(|l| l.lo), editable,
                                move |value| Edit::SetLevelBound { dim: di, level: li, bound: Bound::Lo, value })}</td>
                            <td>{number_field(ed, key("hi"), aria(Msg::FwTo), move |f| level(f).map(|l| l.hi), editable,
                                move |value| Edit::SetLevelBound { dim: di, level: li, bound: Bound::Hi, value })}</td>
                            <td>{number_field(ed, key("score"), aria(Msg::FwLabelScore), move |f| level(f).map(|l| l.default_score()), editable,
                                move |score| Edit::SetLevelScore { dim: di, level: li, score: Some(score) })}</td>
                        </tr>
                    }
                })
                .collect_view();
            let cuts = by_measure.as_ref().map(|m| {
                let text = format!(
                    "{} '{}': {}",
                    "≥",
                    m.input,
                    m.cuts
                        .iter()
                        .map(|c| num(*c))
                        .collect::<Vec<_>>()
                        .join(" / ")
                );
                view! { <p class="hint">{app.t(Msg::FwCuts)} " " {text}</p> }
            });
            view! {
                <table class="fw-table">
                    <thead><tr>
                        <th>{app.t(Msg::FwLabelEn)}</th><th>{app.t(Msg::FwLabelZh)}</th>
                        <th>{app.t(Msg::FwFrom)}</th><th>{app.t(Msg::FwTo)}</th><th>{app.t(Msg::FwLabelScore)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {cuts}
            }
            .into_any()
        }
        Rule::Piecewise {
            breakpoints, unit, ..
        } => {
            let unit = unit.clone();
            let count = breakpoints.len();
            let rows = (0..count)
                .map(|bi| {
                    let bp = move |f: &Framework| {
                        f.dimensions
                            .get(di)
                            .and_then(|d| edit::breakpoints_of(&d.rule))
                            .and_then(|b| b.get(bi))
                            .copied()
                    };
                    let n = bi + 1;
                    view! {
                        <tr>
                            <td>{n}</td>
                            <td>{number_field(ed, format!("bp-{id}-{bi}-measure"), move || format!("{} {n}", Msg::FwMeasure.text(app.lang.get())),
                                move |f| bp(f).map(|b| b[0]), editable,
                                move |value| Edit::SetBreakpoint { dim: di, index: bi, part: Part::Measure, value })}</td>
                            <td>{number_field(ed, format!("bp-{id}-{bi}-score"), move || format!("{} {n}", Msg::FwScore.text(app.lang.get())),
                                move |f| bp(f).map(|b| b[1]), editable,
                                move |value| Edit::SetBreakpoint { dim: di, index: bi, part: Part::Score, value })}</td>
                            <td>{(editable && count > 1).then(|| view! {
                                <button type="button" class="small" aria-label=move || format!("{} {n}", Msg::FwRemoveBreakpoint.text(app.lang.get()))
                                    on:click=move |_| ed.commit("bp-remove", Edit::RemoveBreakpoint { dim: di, index: bi })>"−"</button>
                            })}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="fw-table">
                    <thead><tr>
                        <th>"#"</th>
                        <th>{app.t(Msg::FwMeasure)} " (" {move || unit.get(app.lang.get()).to_string()} ")"</th>
                        <th>{app.t(Msg::FwScore)}</th><th></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {editable.then(|| view! {
                    <button type="button" class="small" on:click=move |_| ed.commit("bp-add", Edit::AddBreakpoint { dim: di })>
                        {app.t(Msg::FwAddBreakpoint)}
                    </button>
                })}
            }
            .into_any()
        }
        _ => view! { <p class="hint">{app.t(Msg::FwDirectHint)}</p> }.into_any(),
    };
    let kind = rule_kind(&d.rule);
    let input = d.input.clone();
    view! {
        <div class="fw-dim card" data-testid="fw-dimension" data-dimension=id.clone()>
            <div class="fw-dim-head">
                <h4>{move || label.get(app.lang.get()).to_string()} " · " <span class="other-lang">{
                    move || other_label.get(app.lang.get().other()).to_string()
                }</span></h4>
                <span class="fw-range">
                    {app.t(Msg::FwRange)} " " {num(min)} " – " {weight}
                </span>
                {(editable && f.dimensions.len() > 1).then(|| view! {
                    <button type="button" class="small" data-testid=format!("fw-remove-{}", d.id)
                        on:click=move |_| ed.commit("remove-dimension", Edit::RemoveDimension { dim: di })>
                        {app.t(Msg::FwRemoveDimension)}
                    </button>
                })}
            </div>
            <p class="hint">
                {app.t(kind)} " · " {app.t(Msg::FwInputKey)} " " <code>{input}</code>
                {derived.map(|(msg, from)| view! { " · " {app.t(msg)} " " <code>{from}</code> })}
            </p>
            <p class="fw-help">{move || help.get(app.lang.get()).to_string()}</p>
            {relationship_weighting}
            {rule_body}
        </div>
    }
}

/// The choice the internal profile's Interpretation leaves open: each person's relationship
/// score weighted by their power role (the default), or the plain mean.
fn stakeholder_weighting(ed: Editor, di: usize, editable: bool) -> impl IntoView {
    let app = ed.app;
    let weighted = move || {
        ed.current.with(|f| {
            f.as_ref()
                .and_then(|f| f.dimensions.get(di))
                .is_some_and(|d| {
                    matches!(
                        &d.rule,
                        Rule::Derived {
                            from: crate::framework::Derivation::StakeholderWeightedMean {
                                weight: Some(_),
                                ..
                            },
                            ..
                        }
                    )
                })
        })
    };
    let name = format!("stakeholder-weight-{di}");
    let set = move |weight: Option<&str>| {
        ed.commit(
            "stakeholder-weight",
            Edit::SetStakeholderWeight {
                dim: di,
                weight: weight.map(String::from),
            },
        )
    };
    view! {
        <fieldset class="fw-rule" data-testid="fw-stakeholder-weight">
            <legend>{app.t(Msg::FwStakeholderWeight)}</legend>
            <label>
                <input type="radio" name=name.clone() data-testid="fw-weight-power" disabled=!editable
                    prop:checked=weighted
                    on:change=move |_| set(Some(presets::RELATIONSHIP_WEIGHT))/>
                {app.t(Msg::FwWeightedByPower)}
            </label>
            <label>
                <input type="radio" name=name data-testid="fw-weight-none" disabled=!editable
                    prop:checked=move || !weighted()
                    on:change=move |_| set(None)/>
                {app.t(Msg::FwPlainMean)}
            </label>
        </fieldset>
    }
}

/// The reference lines as a table: a row per dimension, a column per line.
#[component]
fn LinesPart(f: Framework, editable: bool) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    let lines = f.lines.clone();
    if lines.is_empty() {
        return view! {
            {editable.then(|| view! {
                <section class="fw-lines">
                    <button type="button" data-testid="fw-add-line" on:click=move |_| ed.commit("add-line", Edit::AddLine)>
                        {app.t(Msg::FwAddLine)}
                    </button>
                </section>
            })}
        }
        .into_any();
    }
    let head = lines
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let name = l.name.clone();
            let removable = editable && !edit::line_in_use(&f, li);
            view! {
                <th>
                    {move || name.get(app.lang.get()).to_string()}
                    {removable.then(|| view! {
                        " " <button type="button" class="small" on:click=move |_| ed.commit("remove-line", Edit::RemoveLine { line: li })>
                            {app.t(Msg::FwRemoveLine)}
                        </button>
                    })}
                </th>
            }
        })
        .collect_view();
    let rows = f
        .dimensions
        .iter()
        .enumerate()
        .map(|(di, d)| {
            let label = d.label.clone();
            let cells = lines
                .iter()
                .enumerate()
                .map(|(li, l)| {
                    let aria_line = l.name.clone();
                    let aria_dim = d.label.clone();
                    view! {
                        <td>{number_field(ed, format!("line-{}-{}", l.id, d.id),
                            move || { let lang = app.lang.get(); format!("{} · {}", aria_line.get(lang), aria_dim.get(lang)) },
                            move |f| f.lines.get(li).and_then(|l| l.values.get(di)).copied(),
                            editable,
                            move |value| Edit::SetLineValue { line: li, dim: di, value })}</td>
                    }
                })
                .collect_view();
            view! {
                <tr><th scope="row">{move || label.get(app.lang.get()).to_string()}</th>{cells}</tr>
            }
        })
        .collect_view();
    view! {
        <section class="fw-lines" data-testid="fw-lines">
            <h3>{app.t(Msg::FwLines)}</h3>
            <table class="fw-table">
                <thead><tr><th>{app.t(Msg::FwDimension)}</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {editable.then(|| view! {
                <button type="button" class="small" data-testid="fw-add-line" on:click=move |_| ed.commit("add-line", Edit::AddLine)>
                    {app.t(Msg::FwAddLine)}
                </button>
            })}
        </section>
    }
    .into_any()
}

/// The classification: thresholds and the inclusive switch, or the line rule switch and the
/// steps; the class every account gets when no step holds.
#[component]
fn ClassificationPart(f: Framework, editable: bool) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    let current = ed.current;
    let body = match &f.classification {
        Classification::None => {
            view! { <p class="hint">{app.t(Msg::FwNoClassification)}</p> }.into_any()
        }
        Classification::Total {
            bands, otherwise, ..
        } => {
            let rows = bands
                .iter()
                .enumerate()
                .map(|(bi, b)| {
                    let label = b.class.label.clone();
                    let list = b.class.list.as_ref().map(|l| l.label.clone());
                    let aria = b.class.label.en.clone();
                    view! {
                        <tr>
                            <th scope="row">
                                {move || label.get(app.lang.get()).to_string()}
                                {list.map(|l| view! { " · " {move || l.get(app.lang.get()).to_string()} })}
                            </th>
                            <td>{number_field(ed, format!("band-{}", b.class.id),
                                move || format!("{} {aria}", Msg::FwMinTotal.text(app.lang.get())),
                                move |f| match &f.classification {
                                    Classification::Total { bands, .. } => bands.get(bi).map(|b| b.min),
                                    _ => None,
                                },
                                editable,
                                move |min| Edit::SetBandMin { band: bi, min })}</td>
                        </tr>
                    }
                })
                .collect_view();
            let other = otherwise.label.clone();
            let inclusive = move || {
                current.with(|f| {
                    matches!(
                        f.as_ref().map(|f| &f.classification),
                        Some(Classification::Total {
                            inclusive: true,
                            ..
                        })
                    )
                })
            };
            view! {
                <table class="fw-table">
                    <thead><tr><th>{app.t(Msg::FwClass)}</th><th>{app.t(Msg::FwMinTotal)}</th></tr></thead>
                    <tbody>
                        {rows}
                        <tr><th scope="row">{move || other.get(app.lang.get()).to_string()}</th><td>{app.t(Msg::FwOtherwise)}</td></tr>
                    </tbody>
                </table>
                <label class="toggle">
                    <input
                        type="checkbox"
                        data-testid="fw-inclusive"
                        disabled=!editable
                        prop:checked=inclusive
                        on:change=move |ev| ed.commit("inclusive", Edit::SetInclusive(event_target_checked(&ev)))
                    />
                    {app.t(Msg::FwInclusive)}
                </label>
            }
            .into_any()
        }
        Classification::Lines {
            steps, otherwise, ..
        } => {
            let rows = steps
                .iter()
                .map(|s| {
                    let label = s.class.label.clone();
                    let line = f.line(&s.line).map(|l| l.name.clone()).unwrap_or_default();
                    let test = match s.test {
                        LineTest::Meets => Msg::FwMeets,
                        LineTest::FallsBelow => Msg::FwFallsBelow,
                    };
                    view! {
                        <tr>
                            <th scope="row">{move || label.get(app.lang.get()).to_string()}</th>
                            <td>{app.t(test)} " " {move || line.get(app.lang.get()).to_string()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let other = otherwise.label.clone();
            let rule_is = move |r: LineRule| {
                current.with(|f| {
                    matches!(f.as_ref().map(|f| &f.classification), Some(Classification::Lines { rule, .. }) if *rule == r)
                })
            };
            view! {
                <table class="fw-table">
                    <thead><tr><th>{app.t(Msg::FwClass)}</th><th>{app.t(Msg::FwWhen)}</th></tr></thead>
                    <tbody>
                        {rows}
                        <tr><th scope="row">{move || other.get(app.lang.get()).to_string()}</th><td>{app.t(Msg::FwOtherwise)}</td></tr>
                    </tbody>
                </table>
                <fieldset class="fw-rule" data-testid="fw-line-rule">
                    <legend>{app.t(Msg::FwLineRule)}</legend>
                    <label>
                        <input type="radio" name="line-rule" data-testid="fw-rule-every" disabled=!editable
                            prop:checked=move || rule_is(LineRule::EveryDimension)
                            on:change=move |_| ed.commit("line-rule", Edit::SetLineRule(LineRule::EveryDimension))/>
                        {app.t(Msg::FwRuleEvery)}
                    </label>
                    <label>
                        <input type="radio" name="line-rule" data-testid="fw-rule-total" disabled=!editable
                            prop:checked=move || rule_is(LineRule::Total)
                            on:change=move |_| ed.commit("line-rule", Edit::SetLineRule(LineRule::Total))/>
                        {app.t(Msg::FwRuleTotal)}
                    </label>
                </fieldset>
            }
            .into_any()
        }
    };
    view! {
        <section class="fw-classification" data-testid="fw-classification">
            <h3>{app.t(Msg::FwClassification)}</h3>
            {body}
        </section>
    }
}

/// What-if: one account's inputs overridden in this panel only, scored by every framework in
/// force beside its saved result. Nothing here is written to the workspace.
#[component]
fn WhatIf() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = ed.app;
    let data = ed.data;
    let account = RwSignal::new(app.selected_account.get_untracked());
    let overrides = RwSignal::new(Inputs::new());
    let search = RwSignal::new(String::new());
    let matches = Memo::new(move |_| {
        let needle = search.get().trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        data.workspace.with(|ws| {
            ws.accounts
                .iter()
                .filter(|a| {
                    a.name.to_lowercase().contains(&needle) || a.id.to_lowercase().contains(&needle)
                })
                .take(PICK_LIMIT)
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    // The account's row, name and saved inputs.
    let chosen = Memo::new(move |_| {
        let id = account.get()?;
        data.workspace.with(|ws| {
            ws.accounts
                .iter()
                .position(|a| a.id == id)
                .map(|row| (row, ws.accounts[row].clone()))
        })
    });
    // Input keys the account frameworks read, each with the label of a dimension reading it.
    let keys = Memo::new(move |_| {
        data.scored.with(|s| {
            let Ok(s) = s.as_ref() else {
                return Vec::new();
            };
            s.engine
                .account_keys()
                .iter()
                .map(|k| {
                    let dims = || {
                        s.engine
                            .frameworks()
                            .iter()
                            .filter(|f| f.subject == Subject::Account)
                            .flat_map(|f| &f.dimensions)
                    };
                    // A score entered in place of a piecewise measure is named after its
                    // dimension too ("Market size (score)").
                    let entered = |d: &&crate::framework::Dimension| {
                        matches!(&d.rule, Rule::Piecewise { score_input: Some(i), .. } if i == k)
                    };
                    let label = dims().find(|d| d.input == *k).map(|d| d.label.clone()).or_else(|| {
                        dims().find(entered).map(|d| {
                            Label::new(
                                format!("{} ({})", d.label.en, Msg::FwScore.text(Lang::En)),
                                format!("{}（{}）", d.label.zh, Msg::FwScore.text(Lang::Zh)),
                            )
                        })
                    });
                    (k.clone(), label)
                })
                .collect::<Vec<_>>()
        })
    });
    // Saved and trial results per account framework: (name, saved, trial) as "total · class".
    let results = Memo::new(move |_| {
        let lang = app.lang.get();
        let (row, saved_account) = chosen.get()?;
        let trial_inputs = overrides.get();
        data.scored.with(|s| {
            let s = s.as_ref().ok()?;
            let mut trial = saved_account.clone();
            for (k, v) in trial_inputs {
                trial.inputs.insert(k, v);
            }
            let scores = data
                .workspace
                .with(|ws| s.engine.score_account(&trial, &ws.stakeholders));
            let describe = |f: &Framework, o: &crate::scoring::Outcome| {
                let class = o
                    .class
                    .and_then(|c| {
                        f.classes()
                            .get(usize::from(c))
                            .map(|c| c.label.get(lang).to_string())
                    })
                    .unwrap_or_else(|| Msg::NotClassified.text(lang).to_string());
                let total = o.complete_total().map_or("—".to_string(), num);
                (total, class)
            };
            Some(
                s.engine
                    .frameworks()
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.subject == Subject::Account)
                    .map(|(fi, f)| {
                        let saved = describe(f, s.scores.framework(fi).outcome(row));
                        let now = describe(f, scores.framework(fi).outcome(0));
                        (f.id.clone(), f.name.get(lang).to_string(), saved, now)
                    })
                    .collect::<Vec<_>>(),
            )
        })
    });
    let reset = move |_| overrides.set(Inputs::new());
    view! {
        <aside class="fw-whatif" data-testid="whatif" aria-label=app.t(Msg::FwWhatIf)>
            <h2>{app.t(Msg::FwWhatIf)}</h2>
            <p class="whatif-mark" role="note" data-testid="whatif-unsaved">{app.t(Msg::FwNotSaved)}</p>
            <input
                type="search"
                class="search"
                data-testid="whatif-search"
                placeholder=app.t(Msg::SearchAccounts)
                aria-label=app.t(Msg::SearchAccounts)
                prop:value=move || search.get()
                on:input=move |ev| search.set(event_target_value(&ev))
            />
            <ul class="whatif-matches">
                {move || matches.get().into_iter().map(|(id, name)| view! {
                    <li><button type="button" class="link" on:click=move |_| {
                        account.set(Some(id.clone()));
                        overrides.set(Inputs::new());
                        search.set(String::new());
                    }>{name}</button></li>
                }).collect_view()}
            </ul>
            {move || match chosen.get() {
                None => view! { <p class="hint">{app.t(Msg::FwWhatIfChoose)}</p> }.into_any(),
                Some((_, a)) => {
                    let saved = a.inputs.clone();
                    view! {
                        <h3 data-testid="whatif-account">{a.name.clone()}</h3>
                        <table class="fw-table whatif-results" data-testid="whatif-results">
                            <thead><tr><th></th><th>{app.t(Msg::FwSaved)}</th><th>{app.t(Msg::FwTrial)}</th></tr></thead>
                            <tbody>
                                {move || results.get().unwrap_or_default().into_iter().map(|(id, name, saved, now)| {
                                    let changed = saved != now;
                                    view! {
                                        <tr class:changed=changed data-testid="whatif-row" data-framework=id>
                                            <th scope="row">{name}</th>
                                            <td>{saved.0} " · " {saved.1}</td>
                                            <td data-testid="whatif-trial">{now.0} " · " {now.1}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <button type="button" class="small" data-testid="whatif-reset" on:click=reset>{app.t(Msg::FwWhatIfReset)}</button>
                        <table class="fw-table whatif-inputs">
                            <thead><tr><th>{app.t(Msg::FwInputKey)}</th><th>{app.t(Msg::FwSaved)}</th><th>{app.t(Msg::FwTrial)}</th></tr></thead>
                            <tbody>
                                {move || keys.get().into_iter().map(|(key, label)| {
                                    let saved_value = saved.get(&key).map(ToString::to_string).unwrap_or_default();
                                    let k_value = key.clone();
                                    let k_set = key.clone();
                                    let title = label.clone().map(|l| l.both()).unwrap_or_else(|| key.clone());
                                    view! {
                                        <tr>
                                            <th scope="row" title=title>
                                                {move || label.as_ref().map_or(key.clone(), |l| l.get(app.lang.get()).to_string())}
                                            </th>
                                            <td>{saved_value}</td>
                                            <td><input
                                                type="text"
                                                data-testid=format!("whatif-{k_set}")
                                                aria-label=k_set.clone()
                                                prop:value=move || overrides.with(|o| o.get(&k_value).map(ToString::to_string).unwrap_or_default())
                                                on:change=move |ev| {
                                                    let text = event_target_value(&ev);
                                                    overrides.update(|o| match Input::parse(&text) {
                                                        Some(v) => { o.insert(k_set.as_str().into(), v); }
                                                        None => { o.remove(&k_set); }
                                                    });
                                                }
                                            /></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                }
            }}
        </aside>
    }
}
