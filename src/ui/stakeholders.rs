//! The Stakeholders view: for the chosen account, the internal profile's customer relationship
//! as its people make it, the coverage gaps of each journey point, the power map (power role ×
//! relationship role per journey point), the relationship plan, and the people grouped by
//! journey point, each drawn against the ideal profile, added, edited in place and removed
//! with undo. What any of it means is decided in `scoring::stakeholders` and `scoring::form`;
//! this module only shows it and writes through `edit_records`.

use leptos::prelude::*;

use super::accounts::RadarPanel;
use super::{browser, use_app, use_workspace, AppState};
use crate::chart::profiles::{framework_radar, Compared};
use crate::framework::{presets, Framework};
use crate::i18n::{Label, Lang, Msg};
use crate::model::{PersonalDetails, Stakeholder};
use crate::scoring::explain::{self, num};
use crate::scoring::form::{self, Choice, Draft, FieldError};
use crate::scoring::stakeholders::{
    relationship_breakdown, relationship_dimension, stakeholder_map, StakeholderMap,
};

/// What is being edited in the view: one form open at a time, and the last removal to undo.
#[derive(Clone, Copy)]
struct Editing {
    /// The workspace row of the person whose form is open.
    row: RwSignal<Option<usize>>,
    /// The form for a new person is open.
    adding: RwSignal<bool>,
    /// The last person removed and where they were, for Undo.
    removed: RwSignal<Option<(usize, Stakeholder)>>,
    /// The view, so focus can return to a button once a form closes.
    root: NodeRef<leptos::html::Section>,
}

impl Editing {
    fn close(self) {
        self.row.set(None);
        self.adding.set(false);
    }

    /// Moves the focus to the element matching `selector` once the view has re-rendered.
    fn focus(self, selector: String) {
        if let Some(root) = self.root.get_untracked() {
            browser::focus_soon(&root, selector);
        }
    }
}

#[component]
pub fn StakeholdersView() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let editing = Editing {
        row: RwSignal::new(None),
        adding: RwSignal::new(false),
        removed: RwSignal::new(None),
        root: NodeRef::new(),
    };
    provide_context(editing);
    // Every account with how many people it has, for the chooser.
    let choices = Memo::new(move |_| {
        data.workspace.with(|ws| {
            let mut people = std::collections::HashMap::<&str, usize>::new();
            for s in &ws.stakeholders {
                *people.entry(s.account.as_str()).or_default() += 1;
            }
            ws.accounts
                .iter()
                .map(|a| {
                    let count = people.get(a.id.as_str()).copied().unwrap_or(0);
                    (a.id.clone(), format!("{} ({count})", a.name))
                })
                .collect::<Vec<_>>()
        })
    });
    let choose = move |ev| {
        editing.close();
        editing.removed.set(None);
        app.selected_account.set(Some(event_target_value(&ev)));
    };
    view! {
        <section class="stakeholders-view" data-testid="view-stakeholders" node_ref=editing.root>
            <h1>{app.t(Msg::NavStakeholders)}</h1>
            <Show
                when=move || !data.is_empty()
                fallback=move || view! { <super::shell::NoAccounts/> }
            >
                <label class="account-choice">
                    {app.t(Msg::NavAccounts)} " "
                    <select data-testid="stakeholder-account" on:change=choose>
                        <option value="" disabled selected=move || app.selected_account.get().is_none()>
                            {app.t(Msg::ChooseAccount)}
                        </option>
                        {move || {
                            choices
                                .get()
                                .into_iter()
                                .map(|(id, name)| {
                                    let chosen = {
                                        let id = id.clone();
                                        move || app.selected_account.get().as_deref() == Some(id.as_str())
                                    };
                                    view! { <option value=id selected=chosen>{name}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <AccountPeople/>
            </Show>
        </section>
    }
}

/// The map of the chosen account's people, recomputed from the scores.
fn account_map(app: AppState, data: super::state::WorkspaceState) -> Memo<Option<StakeholderMap>> {
    Memo::new(move |_| {
        let id = app.selected_account.get()?;
        let shared = data.scored.get();
        let scored = (*shared).as_ref().ok()?;
        data.workspace.with(|ws| {
            stakeholder_map(
                &scored.engine,
                &scored.scores,
                &ws.stakeholders,
                &id,
                &ws.settings.journey_points,
            )
        })
    })
}

#[component]
fn AccountPeople() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let map = account_map(app, data);
    move || {
        app.selected_account.get()?;
        Some(view! {
            <div class="stk-top">
                <RelationshipPanel/>
                <Gaps map/>
            </div>
            <PowerMap map/>
            <Plan map/>
            <People/>
        })
    }
}

/// A person's name by workspace row.
fn name_of(data: super::state::WorkspaceState, row: usize) -> String {
    data.workspace.with(|ws| {
        ws.stakeholders
            .get(row)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    })
}

/// What the relationship panel remembers: the account, its score now, and its score before the
/// last change of it (so a user sees it move).
#[derive(Clone, Debug, PartialEq)]
struct Movement {
    account: Option<String>,
    now: Option<f64>,
    before: Option<f64>,
}

/// The internal profile's customer relationship of the account, with its explanation and the
/// weighted mean written out.
#[component]
fn RelationshipPanel() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let score = move || -> Option<(usize, usize, usize)> {
        let id = app.selected_account.get()?;
        let row = data
            .workspace
            .with(|ws| ws.accounts.iter().position(|a| a.id == id))?;
        data.scored.with(|scored| {
            let scored = scored.as_ref().ok()?;
            let fi = scored.engine.index_of(presets::INTERNAL)?;
            let di = relationship_dimension(&scored.engine.frameworks()[fi])?;
            Some((row, fi, di))
        })
    };
    let movement = Memo::new(move |previous: Option<&Movement>| {
        let account = app.selected_account.get();
        let now = score().and_then(|(row, fi, di)| {
            data.scored.with(|scored| {
                let scored = scored.as_ref().ok()?;
                scored.scores.framework(fi).dims(row).get(di)?.value()
            })
        });
        let before = match previous {
            Some(p) if p.account == account && p.now != now => p.now,
            Some(p) if p.account == account => p.before,
            _ => None,
        };
        Movement {
            account,
            now,
            before,
        }
    });
    move || {
        let lang = app.lang.get();
        let (row, fi, di) = score()?;
        let id = app.selected_account.get()?;
        let (explanation, formula, left_out) = data.scored.with(|scored| {
            let scored = scored.as_ref().ok()?;
            let frameworks = scored.engine.frameworks();
            let d = &frameworks[fi].dimensions[di];
            data.workspace.with(|ws| {
                let inputs = &ws.accounts.get(row)?.inputs;
                let s = scored.scores.framework(fi).dims(row).get(di)?;
                let line = explain::explain_dimension(frameworks, d, s, inputs, lang);
                let breakdown =
                    relationship_breakdown(&scored.engine, &scored.scores, &ws.stakeholders, &id);
                let formula = breakdown.as_ref().and_then(|b| b.formula());
                let left_out = breakdown
                    .map(|b| {
                        b.left_out
                            .iter()
                            .filter_map(|&r| ws.stakeholders.get(r).map(|s| s.name.clone()))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                Some((line, formula, left_out))
            })
        })?;
        let m = movement.get();
        let value = m.now.map(num).unwrap_or_else(|| "—".into());
        let moved = m.before.zip(m.now).map(|(before, now)| {
            let delta = now - before;
            let sign = if delta >= 0.0 { "+" } else { "−" };
            format!(
                "{} {} ({sign}{})",
                Msg::RelationshipWas.text(lang),
                num(before),
                num(delta.abs())
            )
        });
        Some(view! {
            <section class="card rel-panel" data-testid="relationship">
                <h2>{Msg::RelationshipTitle.text(lang)}</h2>
                <p class="rel-score">
                    <strong data-testid="relationship-value">{value}</strong>
                    " / 100 "
                    {moved.map(|t| view! { <span class="was" data-testid="relationship-was">{t}</span> })}
                </p>
                <p data-testid="relationship-why">{explanation}</p>
                {match formula {
                    Some(f) => view! {
                        <p class="formula" data-testid="relationship-formula">
                            {Msg::RelationshipFormula.text(lang)} " " <code>{f}</code>
                        </p>
                    }
                    .into_any(),
                    None => view! { <p class="hint">{Msg::RelationshipEntered.text(lang)}</p> }.into_any(),
                }}
                {(!left_out.is_empty()).then(|| view! {
                    <p class="hint">{Msg::RelationshipLeftOut.text(lang)} " " {left_out.join(", ")}</p>
                })}
            </section>
        })
    }
}

/// The coverage gaps of every journey point, as warnings.
#[component]
fn Gaps(map: Memo<Option<StakeholderMap>>) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    move || {
        let lang = app.lang.get();
        map.with(|map| {
            let map = map.as_ref()?;
            let items: Vec<_> = map
                .journey_points
                .iter()
                .flat_map(|point| {
                    point.gaps.iter().map(move |gap| {
                        let who = gap.person().map(|row| format!(" — {}", name_of(data, row)));
                        view! {
                            <li class="gap" data-testid="gap" data-gap=gap.id() data-journey=point.name.clone()>
                                <span class="gap-mark" aria-hidden="true">"⚠"</span>
                                <strong>{point.name.clone()}</strong>
                                {if lang == Lang::Zh { "：" } else { ": " }}
                                {gap.label().get(lang).to_string()}
                                {who}
                            </li>
                        }
                    })
                })
                .collect();
            let body = if items.is_empty() {
                view! { <p class="hint">{Msg::NoGaps.text(lang)}</p> }.into_any()
            } else {
                view! { <ul class="gap-list">{items}</ul> }.into_any()
            };
            Some(view! {
                <section class="card gaps" data-testid="gaps">
                    <h2>{Msg::GapsTitle.text(lang)}</h2>
                    {body}
                </section>
            })
        })
    }
}

/// A role's mark, so coaches and opponents differ by more than colour.
fn stance_mark(id: Option<&str>) -> (&'static str, &'static str) {
    match id {
        Some("coach") => ("coach", "★ "),
        Some("opponent") => ("opponent", "✕ "),
        _ => ("", ""),
    }
}

/// Per journey point, a grid of power roles (rows) × relationship roles (columns).
#[component]
fn PowerMap(map: Memo<Option<StakeholderMap>>) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    move || {
        let lang = app.lang.get();
        map.with(|map| {
            let map = map.as_ref()?;
            let not_known = Msg::NotKnown.text(lang);
            let mut columns: Vec<(Option<&str>, String)> = map
                .stances
                .iter()
                .map(|l| (Some(l.id.as_str()), l.label.get(lang).to_string()))
                .collect();
            if map.any_unknown_stance() {
                columns.push((None, not_known.to_string()));
            }
            let mut rows: Vec<String> = map
                .powers
                .iter()
                .map(|l| l.label.get(lang).to_string())
                .collect();
            if map.any_unknown_power() {
                rows.push(not_known.to_string());
            }
            let grids = map
                .journey_points
                .iter()
                .map(|point| {
                    let gaps = point.gaps.len();
                    let head = columns
                        .iter()
                        .map(|(id, label)| {
                            let (class, mark) = stance_mark(*id);
                            view! { <th scope="col" class=class>{mark}{label.clone()}</th> }
                        })
                        .collect_view();
                    let body = rows
                        .iter()
                        .enumerate()
                        .map(|(r, power)| {
                            let cells = columns
                                .iter()
                                .enumerate()
                                .map(|(c, (id, _))| {
                                    // The "not known" column is the grid's last.
                                    let c = if id.is_none() { map.stances.len() } else { c };
                                    let r = if r < map.powers.len() { r } else { map.powers.len() };
                                    let (class, mark) = stance_mark(*id);
                                    let names = point.grid[r][c]
                                        .iter()
                                        .map(|&row| {
                                            view! {
                                                <span class=format!("who {class}") data-testid="map-person">
                                                    {mark}{name_of(data, row)}
                                                </span>
                                            }
                                        })
                                        .collect_view();
                                    view! { <td>{names}</td> }
                                })
                                .collect_view();
                            view! { <tr><th scope="row">{power.clone()}</th>{cells}</tr> }
                        })
                        .collect_view();
                    view! {
                        <table class="power-grid" data-testid="power-grid" data-journey=point.name.clone()>
                            <caption>
                                <strong>{point.name.clone()}</strong>
                                {(gaps > 0).then(|| view! {
                                    <span class="gap-count">" ⚠ " {gaps}</span>
                                })}
                            </caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="corner">{Msg::PowerCorner.text(lang)}</th>
                                    {head}
                                </tr>
                            </thead>
                            <tbody>{body}</tbody>
                        </table>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="power-map" data-testid="power-map">
                    <h2>{Msg::PowerMapTitle.text(lang)}</h2>
                    <p class="hint">{Msg::PowerMapLegend.text(lang)}</p>
                    <div class="power-grids">{grids}</div>
                </section>
            })
        })
    }
}

/// Every person's next step, the most powerful first.
#[component]
fn Plan(map: Memo<Option<StakeholderMap>>) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    move || {
        let lang = app.lang.get();
        map.with(|map| {
            let map = map.as_ref()?;
            let not_known = Msg::NotKnown.text(lang);
            let items = map
                .plan
                .iter()
                .map(|item| {
                    let (name, point) = data.workspace.with(|ws| {
                        ws.stakeholders
                            .get(item.row)
                            .map(|s| (s.name.clone(), s.journey_point.clone()))
                            .unwrap_or_default()
                    });
                    let person_name = name.clone();
                    let person = map.person(item.row);
                    let power = person
                        .and_then(|p| p.power)
                        .map_or(not_known, |i| map.powers[i].label.get(lang));
                    let stance = person
                        .and_then(|p| p.stance)
                        .map_or(not_known, |i| map.stances[i].label.get(lang));
                    let (class, mark) = stance_mark(person.and_then(|p| map.stance_id(p)));
                    view! {
                        <li data-testid="plan-item" data-person=person_name data-step=item.step.id()>
                            <span class=format!("who {class}")>{mark}{name}</span>
                            <span class="plan-meta">{format!(" {point} · {power} · {stance} → ")}</span>
                            <strong class="plan-step">{item.step.label().get(lang).to_string()}</strong>
                            <span class="plan-reason">{format!(" {}", item.step.reason().get(lang))}</span>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="card plan" data-testid="plan">
                    <h2>{Msg::PlanTitle.text(lang)}</h2>
                    <p class="hint">{Msg::PlanHelp.text(lang)}</p>
                    <ol>{items}</ol>
                </section>
            })
        })
    }
}

/// The people by journey point, each with a radar, Edit and Remove; Add a person; Undo.
#[component]
fn People() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let editing = expect_context::<Editing>();
    let add = move |_| {
        editing.row.set(None);
        editing.adding.set(true);
    };
    let undo = move |_| {
        if let Some((row, person)) = editing.removed.get_untracked() {
            data.edit_records(|ws| {
                let at = row.min(ws.stakeholders.len());
                ws.stakeholders.insert(at, person);
            });
            editing.removed.set(None);
            editing.focus(format!("[data-testid=\"edit-person\"][data-row=\"{row}\"]"));
        }
    };
    let groups = move || {
        let id = app.selected_account.get()?;
        // (journey point, [(stakeholder row, name)]) in the workspace's journey order.
        let groups: Vec<(String, Vec<(usize, String)>)> = data.workspace.with(|ws| {
            let mut points: Vec<String> = ws.settings.journey_points.clone();
            for s in ws.stakeholders.iter().filter(|s| s.account == id) {
                if !points.contains(&s.journey_point) {
                    points.push(s.journey_point.clone());
                }
            }
            points
                .into_iter()
                .map(|point| {
                    let people = ws
                        .stakeholders
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| s.account == id && s.journey_point == point)
                        .map(|(row, s)| (row, s.name.clone()))
                        .collect::<Vec<_>>();
                    (point, people)
                })
                .filter(|(_, people)| !people.is_empty())
                .collect()
        });
        if groups.is_empty() {
            return Some(view! { <p class="hint">{app.t(Msg::NoPeople)}</p> }.into_any());
        }
        Some(
            view! {
                <div class="journeys">
                {groups
                    .into_iter()
                    .map(|(point, people)| {
                        view! {
                            <section class="journey" data-journey=point.clone()>
                                <h3>{point.clone()}</h3>
                                <div class="small-multiples">
                                    {people
                                        .into_iter()
                                        .map(|(row, name)| view! { <PersonCard row name/> })
                                        .collect_view()}
                                </div>
                            </section>
                        }
                    })
                    .collect_view()}
                </div>
            }
            .into_any(),
        )
    };
    view! {
        <section class="people" data-testid="people">
            <div class="people-head">
                <h2>{app.t(Msg::PeopleByJourney)}</h2>
                <button type="button" class="primary" data-testid="add-person" on:click=add>
                    {app.t(Msg::AddPerson)}
                </button>
            </div>
            {move || {
                editing.removed.get().map(|(_, person)| view! {
                    <p class="undo-bar" role="status" data-testid="undo-bar">
                        {app.t(Msg::PersonRemoved)} " " <strong>{person.name}</strong> " "
                        <button type="button" class="small" data-testid="undo-remove" on:click=undo>
                            {app.t(Msg::Undo)}
                        </button>
                    </p>
                })
            }}
            <Show when=move || editing.adding.get()>
                {move || app.selected_account.get().map(|account| view! { <PersonForm account row=None/> })}
            </Show>
            {groups}
        </section>
    }
}

/// One person: their radar with Edit and Remove, or their form while it is open.
#[component]
fn PersonCard(row: usize, name: String) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let editing = expect_context::<Editing>();
    let edit = move |_| {
        editing.adding.set(false);
        editing.row.set(Some(row));
    };
    let remove = move |_| {
        let person = data
            .workspace
            .with_untracked(|ws| ws.stakeholders.get(row).cloned());
        if let Some(person) = person {
            editing.close();
            data.edit_records(|ws| {
                if ws.stakeholders.get(row) == Some(&person) {
                    ws.stakeholders.remove(row);
                }
            });
            editing.removed.set(Some((row, person)));
            editing.focus("[data-testid=\"undo-remove\"]".to_string());
        }
    };
    let shown = name.clone();
    view! {
        <div class="person" data-testid="person" data-name=name.clone()>
            <Show
                when=move || editing.row.get() == Some(row)
                fallback=move || {
                    let name = shown.clone();
                    view! {
                        <PersonRadar row name=name.clone()/>
                        <div class="person-actions">
                            <button type="button" class="small" data-testid="edit-person" data-row=row on:click=edit
                                aria-label=move || format!("{} {name}", app.t(Msg::EditPerson)())>
                                {app.t(Msg::EditPerson)}
                            </button>
                            <button type="button" class="small" data-testid="remove-person" data-row=row on:click=remove>
                                {app.t(Msg::RemovePerson)}
                            </button>
                        </div>
                    }
                }
            >
                {move || app.selected_account.get().map(|account| view! { <PersonForm account row=Some(row)/> })}
            </Show>
        </div>
    }
}

#[component]
fn PersonRadar(row: usize, name: String) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let marked = RwSignal::new(Some(0usize));
    let person = name.clone();
    let spec = Memo::new(move |_| {
        let lang = app.lang.get();
        let marked = marked.get();
        data.scored.with(|scored| {
            let scored = scored.as_ref().ok()?;
            let fi = scored.engine.index_of(presets::STAKEHOLDER)?;
            let results = scored.scores.framework(fi);
            if row >= results.len() {
                return None;
            }
            let mut spec = framework_radar(
                &scored.engine.frameworks()[fi],
                &[Compared {
                    name: &person,
                    dims: results.dims(row),
                }],
                marked,
                lang,
            );
            spec.title = person.clone();
            Some(spec)
        })
    });
    view! { <RadarPanel spec marked file_name=name test_id="person-radar".to_string() max_width=300/> }
}

/// What the form shows for one input: its key, label, range and levels.
#[derive(Clone)]
struct FieldSpec {
    input: String,
    label: Label,
    min: f64,
    max: f64,
    /// (label, score) of each level; empty for a number-only input such as age.
    levels: Vec<(Label, f64)>,
}

/// The personal details the source lists, each with its field label.
const PERSONAL: [(&str, Msg); 7] = [
    ("gender", Msg::Gender),
    ("phone", Msg::Phone),
    ("email", Msg::Email),
    ("address", Msg::Address),
    ("background", Msg::Background),
    ("hobbies", Msg::Hobbies),
    ("family", Msg::Family),
];

fn personal_field<'a>(p: &'a mut PersonalDetails, key: &str) -> &'a mut String {
    match key {
        "gender" => &mut p.gender,
        "phone" => &mut p.phone,
        "email" => &mut p.email,
        "address" => &mut p.address,
        "background" => &mut p.background,
        "hobbies" => &mut p.hobbies,
        _ => &mut p.family,
    }
}

/// The stakeholder framework in force (the preset when the workspace's frameworks cannot be
/// read).
fn stakeholder_framework(data: super::state::WorkspaceState) -> Framework {
    data.workspace
        .with_untracked(|ws| {
            ws.frameworks_in_force()
                .into_iter()
                .find(|f| f.id == presets::STAKEHOLDER)
        })
        .unwrap_or_else(presets::stakeholder)
}

/// The form of a new person (`row` none) or of the person at `row`: Enter saves, Escape
/// cancels; a field it refuses says why beside it.
#[component]
fn PersonForm(account: String, row: Option<usize>) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let editing = expect_context::<Editing>();
    let framework = stakeholder_framework(data);
    let (original, points) = data.workspace.with_untracked(|ws| {
        let original = row.and_then(|r| ws.stakeholders.get(r).cloned());
        let mut points = ws.settings.journey_points.clone();
        if let Some(o) = &original {
            if !points.contains(&o.journey_point) {
                points.push(o.journey_point.clone());
            }
        }
        (original, points)
    });
    let draft = RwSignal::new(match &original {
        Some(s) => Draft::of(&framework, s),
        None => Draft::blank(&framework, points.first().map_or("", String::as_str)),
    });
    let kept: Vec<(String, String)> = draft.with_untracked(|d| {
        d.fields
            .iter()
            .filter_map(|f| match &f.choice {
                Choice::Kept(t) => Some((f.input.clone(), t.clone())),
                _ => None,
            })
            .collect()
    });
    let specs: Vec<FieldSpec> = framework
        .dimensions
        .iter()
        .map(|d| FieldSpec {
            input: d.input.clone(),
            label: d.label.clone(),
            min: d.min,
            max: d.max,
            levels: form::levels(d)
                .iter()
                .map(|l| (l.label.clone(), l.default_score()))
                .collect(),
        })
        .collect();
    let framework = StoredValue::new(framework);
    let original = StoredValue::new(original);
    let account = StoredValue::new(account);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let name_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(field) = name_ref.get() {
            let _ = field.focus();
        }
    });

    let return_focus = move || match row {
        Some(r) => editing.focus(format!("[data-testid=\"edit-person\"][data-row=\"{r}\"]")),
        None => editing.focus("[data-testid=\"add-person\"]".to_string()),
    };
    let cancel = move || {
        editing.close();
        return_focus();
    };
    let save = move || {
        let lang = app.lang.get_untracked();
        let built = framework.with_value(|f| {
            original.with_value(|o| {
                account.with_value(|a| draft.with_untracked(|d| d.build(f, a, o.as_ref(), lang)))
            })
        });
        let person = match built {
            Ok(person) => person,
            Err(refused) => {
                errors.set(refused);
                if let Some(form) = form_ref.get_untracked() {
                    browser::focus_soon(&form, "[aria-invalid=\"true\"]".to_string());
                }
                return;
            }
        };
        // The person edited is found again by content: the list may have changed meanwhile.
        let at = original.with_value(|o| {
            o.as_ref().map(|o| {
                data.workspace.with_untracked(|ws| match row {
                    Some(r) if ws.stakeholders.get(r) == Some(o) => Some(r),
                    _ => ws.stakeholders.iter().position(|s| s == o),
                })
            })
        });
        match at {
            Some(None) => errors.set(vec![FieldError {
                field: "form".into(),
                message: Label::new(
                    Msg::PersonChanged.text(Lang::En),
                    Msg::PersonChanged.text(Lang::Zh),
                ),
            }]),
            Some(Some(r)) => {
                data.edit_records(|ws| ws.stakeholders[r] = person);
                editing.close();
                return_focus();
            }
            None => {
                data.edit_records(|ws| ws.stakeholders.push(person));
                editing.close();
                return_focus();
            }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save();
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            cancel();
        }
    };
    // A select does not submit its form on Enter; these do.
    let enter_saves = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            save();
        }
    };
    let error_of = move |field: &str| {
        let field = field.to_string();
        move || {
            let lang = app.lang.get();
            errors.with(|es| {
                es.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message.get(lang).to_string())
            })
        }
    };
    let invalid = move |field: &str| {
        let field = field.to_string();
        move || errors.with(|es| es.iter().any(|e| e.field == field).then_some("true"))
    };

    let fields = specs
        .into_iter()
        .map(|spec| {
            let input = spec.input.clone();
            let error_id = format!("error-{input}-{}", row.map_or("new".into(), |r| r.to_string()));
            let label = spec.label.clone();
            let label_text = move || label.get(app.lang.get()).to_string();
            let number_text = {
                let input = input.clone();
                move || {
                    draft.with(|d| match d.choice(&input) {
                        Some(Choice::Number(t) | Choice::Kept(t)) => t.clone(),
                        _ => String::new(),
                    })
                }
            };
            let set_number = {
                let input = input.clone();
                move |ev| {
                    let text = event_target_value(&ev);
                    draft.update(|d| d.set(&input, Choice::Number(text)));
                }
            };
            let range = format!("{}–{}", num(spec.min), num(spec.max));
            let message = error_of(&input);
            let is_invalid = invalid(&input);
            if spec.levels.is_empty() {
                return view! {
                    <label class="field">
                        <span class="field-name">{label_text} " (" {range} ")"</span>
                        <input
                            type="text"
                            inputmode="decimal"
                            data-testid=format!("field-{input}")
                            prop:value=number_text
                            on:input=set_number
                            aria-invalid=is_invalid
                            aria-describedby=error_id.clone()
                        />
                        <span class="field-error" id=error_id>{message}</span>
                    </label>
                }
                .into_any();
            }
            let current = {
                let input = input.clone();
                move || {
                    draft.with(|d| match d.choice(&input) {
                        Some(Choice::Level(i)) => format!("L{i}"),
                        Some(Choice::Number(_)) => "num".to_string(),
                        Some(Choice::Kept(_)) => "kept".to_string(),
                        _ => String::new(),
                    })
                }
            };
            let kept_text = kept
                .iter()
                .find(|(k, _)| *k == input)
                .map(|(_, t)| t.clone());
            let choose = {
                let input = input.clone();
                let kept_text = kept_text.clone();
                move |ev| {
                    let value = event_target_value(&ev);
                    draft.update(|d| {
                        let choice = match value.as_str() {
                            "" => Choice::Missing,
                            "num" => match d.choice(&input) {
                                Some(Choice::Number(t)) => Choice::Number(t.clone()),
                                _ => Choice::Number(String::new()),
                            },
                            "kept" => Choice::Kept(kept_text.clone().unwrap_or_default()),
                            level => level
                                .strip_prefix('L')
                                .and_then(|i| i.parse().ok())
                                .map_or(Choice::Missing, Choice::Level),
                        };
                        d.set(&input, choice);
                    });
                }
            };
            let option = move |value: String, text: Box<dyn Fn() -> String + Send + Sync>| {
                let current = current.clone();
                let v = value.clone();
                view! { <option value=value selected=move || current() == v>{text}</option> }
            };
            let levels = spec
                .levels
                .iter()
                .enumerate()
                .map(|(i, (l, score))| {
                    let (l, score) = (l.clone(), *score);
                    option(
                        format!("L{i}"),
                        Box::new(move || format!("{} · {}", explain::name(&l, app.lang.get()), num(score))),
                    )
                })
                .collect_view();
            let kept_option = kept_text.map(|t| {
                option(
                    "kept".into(),
                    Box::new(move || format!("{t} ({})", Msg::KeptAsEntered.text(app.lang.get()))),
                )
            });
            let number_error_id = error_id.clone();
            let is_number = {
                let input = input.clone();
                move || draft.with(|d| matches!(d.choice(&input), Some(Choice::Number(_))))
            };
            let number_label = {
                let label = spec.label.clone();
                move || format!("{} {}", label.get(app.lang.get()), Msg::NumberWord.text(app.lang.get()))
            };
            view! {
                <div class="field">
                    <label>
                        <span class="field-name">{label_text}</span>
                        <select
                            data-testid=format!("field-{input}")
                            on:change=choose
                            on:keydown=enter_saves
                            aria-invalid=is_invalid.clone()
                            aria-describedby=error_id.clone()
                        >
                            {option(String::new(), Box::new(move || format!("— {}", Msg::NotKnown.text(app.lang.get()))))}
                            {levels}
                            {kept_option}
                            {option("num".into(), Box::new(move || Msg::ChooseNumber.text(app.lang.get()).to_string()))}
                        </select>
                    </label>
                    <Show when=is_number.clone()>
                        <input
                            type="text"
                            inputmode="decimal"
                            class="number"
                            data-testid=format!("number-{input}")
                            placeholder=range.clone()
                            aria-label=number_label.clone()
                            aria-invalid=is_invalid.clone()
                            aria-describedby=number_error_id.clone()
                            prop:value=number_text.clone()
                            on:input=set_number.clone()
                        />
                    </Show>
                    <span class="field-error" id=error_id.clone()>{message}</span>
                </div>
            }
            .into_any()
        })
        .collect_view();

    let personal = PERSONAL
        .into_iter()
        .map(|(key, msg)| {
            view! {
                <label class="field">
                    <span class="field-name">{app.t(msg)}</span>
                    <input
                        type="text"
                        data-testid=format!("personal-{key}")
                        prop:value=move || draft.with(|d| {
                            let mut p = d.personal.clone();
                            personal_field(&mut p, key).clone()
                        })
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            draft.update(|d| *personal_field(&mut d.personal, key) = text);
                        }
                    />
                </label>
            }
        })
        .collect_view();
    let has_personal = original.with_value(|o| {
        o.as_ref()
            .is_some_and(|o| o.personal != PersonalDetails::default())
    });
    let point_options = points
        .into_iter()
        .map(|p| {
            let (v, value) = (p.clone(), p.clone());
            view! {
                <option value=value selected=move || draft.with(|d| d.journey_point == v)>{p}</option>
            }
        })
        .collect_view();
    let name_error = error_of("name");
    let form_error = error_of("form");
    let name_id = format!("error-name-{}", row.map_or("new".into(), |r| r.to_string()));
    view! {
        <form
            class="person-form"
            data-testid="person-form"
            node_ref=form_ref
            on:submit=submit
            on:keydown=keydown
            novalidate
        >
            <h3>{move || if row.is_some() { app.t(Msg::EditPerson)() } else { app.t(Msg::AddPerson)() }}</h3>
            <label class="field">
                <span class="field-name">{app.t(Msg::PersonName)} " *"</span>
                <input
                    type="text"
                    node_ref=name_ref
                    data-testid="field-name"
                    aria-required="true"
                    aria-invalid=invalid("name")
                    aria-describedby=name_id.clone()
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        draft.update(|d| d.name = text);
                    }
                />
                <span class="field-error" id=name_id>{name_error}</span>
            </label>
            <label class="field">
                <span class="field-name">{app.t(Msg::JourneyPoint)}</span>
                <select
                    data-testid="field-journey"
                    on:keydown=enter_saves
                    on:change=move |ev| {
                        let point = event_target_value(&ev);
                        draft.update(|d| d.journey_point = point);
                    }
                >
                    {point_options}
                </select>
            </label>
            {fields}
            <details class="personal" open=has_personal>
                <summary>
                    {app.t(Msg::PersonalDetails)} " — " <span class="hint">{app.t(Msg::PersonalNote)}</span>
                </summary>
                {personal}
            </details>
            <p class="field-error" role="alert">{form_error}</p>
            <div class="form-actions">
                <button type="submit" class="primary" data-testid="save-person">{app.t(Msg::Save)}</button>
                <button type="button" class="small" data-testid="cancel-person" on:click=move |_| cancel()>
                    {app.t(Msg::Cancel)}
                </button>
                <span class="hint">{app.t(Msg::FormKeys)}</span>
            </div>
        </form>
    }
}
