//! The Accounts view: a searchable list, and for the chosen account its classes; per framework
//! why it is in its class (the classification sentence, then the engine's trail of every score)
//! and what would lift it to a better class; every input edited in place through the core's
//! checks; the external and internal profiles as radars against their lines (with a table of
//! the same numbers); the credit history with the red-list clock; share of wallet, ABC and RFM;
//! and free notes. A compare mode overlays up to five accounts.

use leptos::prelude::*;

use super::canvas::ChartCanvas;
use super::state::Scored;
use super::table::TableState;
use super::{browser, use_app, use_workspace};
use crate::chart::palette::MAX_SERIES;
use crate::chart::profiles::{framework_radar, Compared};
use crate::chart::{radar_table, Chart, RadarSpec};
use crate::framework::presets;
use crate::i18n::{Label, Lang, Msg};
use crate::model::{keys, Account, AccountLevel, CreditAssessment, Input};
use crate::scoring::credit::{describe_lost, key_class, STATUS_LOST};
use crate::scoring::entry::{self, EntryError, Field, FieldKind};
use crate::scoring::segmentation::{self, Abc};
use crate::scoring::{credit, explain, improve};

/// How many list entries are rendered; the search narrows the rest (the portfolio table of a
/// later view virtualises all of them).
const LIST_LIMIT: usize = 200;

#[component]
pub fn AccountsView() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let search = RwSignal::new(String::new());
    let comparing = RwSignal::new(false);

    let matches = Memo::new(move |_| {
        let needle = search.get().trim().to_lowercase();
        data.workspace.with(|ws| {
            ws.accounts
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    needle.is_empty()
                        || a.name.to_lowercase().contains(&needle)
                        || a.id.to_lowercase().contains(&needle)
                        || a.owner.to_lowercase().contains(&needle)
                        || a.region.to_lowercase().contains(&needle)
                })
                .map(|(row, a)| (row, a.id.clone(), a.name.clone()))
                .take(LIST_LIMIT + 1)
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="accounts-view" data-testid="view-accounts">
            <h1>{app.t(Msg::NavAccounts)}</h1>
            <Show
                when=move || !data.is_empty()
                fallback=move || view! { <super::shell::NoAccounts/> }
            >
                <div class="split">
                    <aside class="account-list">
                        <input
                            type="search"
                            class="search"
                            data-testid="account-search"
                            placeholder=app.t(Msg::SearchAccounts)
                            aria-label=app.t(Msg::SearchAccounts)
                            prop:value=move || search.get()
                            on:input=move |ev| search.set(event_target_value(&ev))
                        />
                        <label class="toggle">
                            <input
                                type="checkbox"
                                data-testid="compare-toggle"
                                prop:checked=move || comparing.get()
                                on:change=move |ev| comparing.set(event_target_checked(&ev))
                            />
                            {app.t(Msg::CompareMode)}
                        </label>
                        <ul data-testid="account-list">
                            {move || {
                                matches
                                    .get()
                                    .into_iter()
                                    .take(LIST_LIMIT)
                                    .map(|(_, id, name)| {
                                        view! { <AccountListItem id name comparing/> }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                        <Show when=move || matches.with(|m| m.len() > LIST_LIMIT)>
                            <p class="hint">{app.t(Msg::RefineSearch)}</p>
                        </Show>
                    </aside>
                    <div class="account-detail">
                        {move || {
                            if comparing.get() {
                                view! { <CompareView/> }.into_any()
                            } else {
                                view! { <AccountDetail/> }.into_any()
                            }
                        }}
                    </div>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn AccountListItem(id: String, name: String, comparing: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let selected = {
        let id = id.clone();
        move || {
            app.selected_account
                .with(|s| s.as_deref() == Some(id.as_str()))
        }
    };
    let compared = {
        let id = id.clone();
        move || app.compared_accounts.with(|c| c.contains(&id))
    };
    let toggle_compare = {
        let id = id.clone();
        move |ev| {
            let on = event_target_checked(&ev);
            app.compared_accounts.update(|list| {
                list.retain(|other| other != &id);
                if on && list.len() < MAX_SERIES {
                    list.push(id.clone());
                }
            });
        }
    };
    let choose = {
        let id = id.clone();
        move |_| app.selected_account.set(Some(id.clone()))
    };
    let label = name.clone();
    let is_selected = selected.clone();
    view! {
        <li class:selected=is_selected>
            <Show when=move || comparing.get()>
                <input
                    type="checkbox"
                    aria-label=label.clone()
                    prop:checked=compared.clone()
                    on:change=toggle_compare.clone()
                />
            </Show>
            <button
                type="button"
                class="link"
                aria-current=move || selected().then_some("true")
                on:click=choose
            >
                {name.clone()}
            </button>
        </li>
    }
}

/// The row of the chosen account in the workspace, if it still exists.
fn selected_row(app: super::AppState, data: super::state::WorkspaceState) -> Option<usize> {
    let id = app.selected_account.get()?;
    data.workspace
        .with(|ws| ws.accounts.iter().position(|a| a.id == id))
}

#[component]
fn AccountDetail() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    // Only another account (or its row moving) draws the detail again: an edit of this account
    // leaves the fields, their focus and the canvases in place while the scores update.
    let row = Memo::new(move |_| selected_row(app, data));
    move || {
        let Some(row) = row.get() else {
            return view! { <p class="hint">{app.t(Msg::ChooseAccount)}</p> }.into_any();
        };
        let name = data
            .workspace
            .with_untracked(|ws| ws.accounts[row].name.clone());
        // Imported columns no framework reads (a CRM's "Rating", a manager's name …), kept
        // as the user brought them.
        let attributes = move || {
            let attributes = data
                .workspace
                .with(|ws| ws.accounts.get(row).map(|a| a.attributes.clone()))
                .unwrap_or_default();
            (!attributes.is_empty()).then(|| {
                view! {
                    <p class="attributes imported" data-testid="account-attributes">
                        {attributes
                            .into_iter()
                            .filter(|(_, value)| !value.is_empty())
                            .map(|(header, value)| view! { <span>{header} ": " {value}</span> })
                            .collect_view()}
                    </p>
                }
            })
        };
        view! {
            <article class="account" data-testid="account-detail">
                <h2 data-testid="account-name">
                    {move || data.workspace.with(|ws| ws.accounts.get(row).map(|a| a.name.clone()))}
                </h2>
                <p class="attributes">
                    {move || {
                        data.workspace.with(|ws| {
                            ws.accounts.get(row).map(|a| {
                                let lang = app.lang.get();
                                let level = match a.level {
                                    Some(AccountLevel::Company) => Msg::LevelCompany,
                                    Some(AccountLevel::Regional) => Msg::LevelRegional,
                                    None => Msg::LevelNotSet,
                                };
                                view! {
                                    <span>{Msg::Industry.text(lang)} ": " {a.industry.clone()}</span>
                                    <span>{Msg::Region.text(lang)} ": " {a.region.clone()}</span>
                                    <span>{Msg::Owner.text(lang)} ": " {a.owner.clone()}</span>
                                    <span>{level.text(lang)}</span>
                                }
                            })
                        })
                    }}
                </p>
                {attributes}
                <ClassBadges row/>
                <Explanations row/>
                <InputsEditor row/>
                <div class="radars">
                    <ProfileRadar row framework=presets::EXTERNAL name=name.clone()/>
                    <ProfileRadar row framework=presets::INTERNAL name=name.clone()/>
                </div>
                <div class="account-facts">
                    <CreditHistory row/>
                    <PortfolioPosition row/>
                </div>
                <NotesEditor row/>
            </article>
        }
        .into_any()
    }
}

/// The class each framework gives the account, as badges; a key account that lost its status
/// on the red list says so in the scorecard's badge and, with the day, under the badges.
#[component]
fn ClassBadges(row: usize) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    move || {
        let lang = app.lang.get();
        with_scored(data, |scored| {
            let (lost_on, months) = status_lost(data, scored, row);
            let lost_in = key_class(&scored.engine).filter(|_| lost_on.is_some());
            let badges = presets::ACCOUNT_PRESETS
                .into_iter()
                .filter_map(|id| scored.engine.index_of(id))
                .map(|fi| {
                    let framework = &scored.engine.frameworks()[fi];
                    let outcome = scored.scores.framework(fi).outcome(row);
                    let class = outcome
                        .class
                        .and_then(|c| framework.classes().get(usize::from(c)).copied());
                    let (class_id, text) = match class {
                        _ if lost_in.is_some_and(|(scorecard, _)| scorecard == fi) => (
                            STATUS_LOST.to_string(),
                            Msg::KeyStatusLost.text(lang).to_string(),
                        ),
                        Some(class) => {
                            let list = class
                                .list
                                .as_ref()
                                .map(|l| format!(" · {}", l.label.get(lang)))
                                .unwrap_or_default();
                            (class.id.clone(), format!("{}{list}", class.label.get(lang)))
                        }
                        None => (
                            "none".to_string(),
                            Msg::NotClassified.text(lang).to_string(),
                        ),
                    };
                    view! {
                        <span class="badge" data-framework=framework.id.clone() data-class=class_id>
                            <span class="badge-name">{framework.name.get(lang).to_string()}</span>
                            <strong>{text}</strong>
                            <span class="badge-total">{format_total(outcome.complete_total())}</span>
                        </span>
                    }
                })
                .collect_view();
            let why = lost_on.map(|day| {
                view! {
                    <p class="red-clock" data-testid="key-status-lost">
                        {describe_lost(day, months, lang)}
                    </p>
                }
            });
            view! { <div class="badges">{badges}</div> {why} }
        })
    }
}

/// The day the account at `row` lost key-account status on the red list, if it has, with the
/// workspace's months.
fn status_lost(
    data: super::state::WorkspaceState,
    scored: &Scored,
    row: usize,
) -> (Option<chrono::NaiveDate>, u32) {
    data.workspace
        .with(|ws| (scored.lost(ws).lost_on(row), ws.settings.red_list_months))
}

/// A badge's total: "—" while inputs are missing or not valid, as in the table and exports (a
/// partial sum read beside the class lines would mislead).
fn format_total(total: Option<f64>) -> String {
    total.map_or_else(|| "—".to_string(), crate::chart::format_value)
}

/// Runs `f` on the scored workspace, or `None` when the frameworks cannot score.
fn with_scored<R>(data: super::state::WorkspaceState, f: impl FnOnce(&Scored) -> R) -> Option<R> {
    data.scored.with(|scored| scored.as_ref().ok().map(f))
}

/// A profile radar of one account with a choice of the line its points are compared with.
#[component]
fn ProfileRadar(row: usize, framework: &'static str, name: String) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let marked = RwSignal::new(Some(0usize));
    let spec = Memo::new(move |_| {
        let lang = app.lang.get();
        let marked = marked.get();
        let name = data
            .workspace
            .with(|ws| ws.accounts.get(row).map(|a| a.name.clone()));
        with_scored(data, |scored| {
            let fi = scored.engine.index_of(framework)?;
            let dims = scored.scores.framework(fi).dims(row);
            Some(framework_radar(
                &scored.engine.frameworks()[fi],
                &[Compared {
                    name: name.as_deref().unwrap_or_default(),
                    dims,
                }],
                marked,
                lang,
            ))
        })
        .flatten()
    });
    view! {
        <RadarPanel spec marked file_name=name test_id=format!("radar-{framework}")/>
    }
}

/// A radar on a canvas with its line chooser, downloads and the table of its numbers.
#[component]
pub fn RadarPanel(
    spec: Memo<Option<RadarSpec>>,
    marked: RwSignal<Option<usize>>,
    file_name: String,
    test_id: String,
    #[prop(default = 360)] max_width: u32,
) -> impl IntoView {
    let app = use_app();
    let chart = Signal::derive(move || spec.get().map(Chart::Radar));
    let stem = Signal::derive(move || {
        vec![
            file_name.clone(),
            spec.with(|s| s.as_ref().map(|s| s.title.clone()).unwrap_or_default()),
        ]
    });
    let lines = move || {
        spec.with(|s| {
            s.as_ref()
                .map(|s| s.lines.iter().map(|l| l.name.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="radar-panel" data-testid=test_id.clone()>
            <Show when=move || { lines().len() > 1 }>
                <label class="line-choice">
                    {app.t(Msg::CompareWith)} " "
                    <select on:change=move |ev| {
                        marked.set(event_target_value(&ev).parse::<usize>().ok());
                    }>
                        {move || {
                            lines()
                                .into_iter()
                                .enumerate()
                                .map(|(i, name)| {
                                    view! {
                                        <option value=i.to_string() selected=move || marked.get() == Some(i)>
                                            {name}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </Show>
            <ChartCanvas chart file_stem=stem aspect=0.85 max_width/>
            <RadarValues spec/>
        </div>
    }
}

/// The text alternative of a radar: every axis with each series' value and each line's value,
/// values short of the compared line flagged. Screen readers read it; consultants copy it.
#[component]
fn RadarValues(spec: Memo<Option<RadarSpec>>) -> impl IntoView {
    let app = use_app();
    move || {
        spec.with(|spec| {
            spec.as_ref().map(|spec| {
                let table = radar_table(spec);
                let lang = app.lang.get();
                view! {
                    <details class="values" open>
                        <summary>{Msg::ValuesTable.text(lang)}</summary>
                        <table class="radar-values">
                            <thead>
                                <tr>
                                    <th scope="col">{Msg::Dimension.text(lang)}</th>
                                    {table.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {table
                                    .rows
                                    .iter()
                                    .map(|row| {
                                        view! {
                                            <tr>
                                                <th scope="row">{row.axis.clone()}</th>
                                                {row
                                                    .cells
                                                    .iter()
                                                    .map(|cell| {
                                                        view! {
                                                            <td class:short=cell.below_marked_line>
                                                                {cell.text.clone()}
                                                            </td>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </details>
                }
            })
        })
    }
}

/// Why the account is where it is, per framework: the classification in one sentence, what
/// would lift it to a better class, and the engine's trail of every score.
#[component]
fn Explanations(row: usize) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    move || {
        let lang: Lang = app.lang.get();
        let inputs = data
            .workspace
            .with(|ws| ws.accounts.get(row).map(|a| a.inputs.clone()))?;
        with_scored(data, |scored| {
            let frameworks = scored.engine.frameworks();
            let lost_in = key_class(&scored.engine)
                .map(|(scorecard, _)| scorecard)
                .filter(|_| status_lost(data, scored, row).0.is_some());
            presets::ACCOUNT_PRESETS
                .into_iter()
                .filter_map(|id| scored.engine.index_of(id))
                .map(|fi| {
                    let f = &frameworks[fi];
                    let results = scored.scores.framework(fi);
                    let (dims, outcome) = (results.dims(row), results.outcome(row));
                    let headline = explain::headline(f, dims, outcome, lang);
                    let trail = explain::explain(frameworks, fi, dims, outcome, &inputs, lang);
                    let mut advice = improve::advise(f, dims, outcome)
                        .iter()
                        .map(|a| improve::describe(f, a, lang))
                        .collect::<Vec<_>>();
                    // A lost status comes back with the credit rating, not with more points.
                    if lost_in == Some(fi) {
                        advice.insert(0, (Msg::RegainKeyStatus.text(lang).to_string(), Vec::new()));
                    }
                    view! {
                        <section class="explanation" data-framework=f.id.clone()>
                            <h3>{f.name.get(lang).to_string()}</h3>
                            <p class="why-headline" data-testid=format!("why-{}", f.id)>
                                {headline}
                            </p>
                            <div class="improve" data-testid=format!("improve-{}", f.id)>
                                <h4>{Msg::WhatToImprove.text(lang)}</h4>
                                <ul>
                                    {advice
                                        .into_iter()
                                        .map(|(head, details)| {
                                            view! {
                                                <li>
                                                    {head}
                                                    {(!details.is_empty())
                                                        .then(|| {
                                                            view! {
                                                                <ul>
                                                                    {details
                                                                        .into_iter()
                                                                        .map(|d| view! { <li>{d}</li> })
                                                                        .collect_view()}
                                                                </ul>
                                                            }
                                                        })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                            <ul class="trail">
                                {trail.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()
        })
        .map(|sections| {
            view! {
                <section class="explanations" data-testid="explanations">
                    <h2>{Msg::WhyTitle.text(lang)}</h2>
                    <div class="why-grid">{sections}</div>
                </section>
            }
        })
    }
}

/// The account's own fields and every input of the account frameworks, each edited in place.
#[component]
fn InputsEditor(row: usize) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    // The fields change only with the frameworks, so an edit keeps every field (and its focus).
    let groups = Memo::new(move |_| {
        data.workspace.with(|ws| {
            let frameworks = ws.frameworks_in_force();
            let fields = entry::account_fields(&frameworks, &presets::ACCOUNT_PRESETS);
            presets::ACCOUNT_PRESETS
                .into_iter()
                .filter_map(|id| frameworks.iter().find(|f| f.id == id))
                .map(|f| {
                    let mine: Vec<Field> = fields
                        .iter()
                        .filter(|field| field.framework == f.id)
                        .cloned()
                        .collect();
                    (f.name.clone(), mine)
                })
                .collect::<Vec<_>>()
        })
    });
    let text_of = move |read: fn(&Account) -> String| {
        Signal::derive(move || {
            data.workspace
                .with(|ws| ws.accounts.get(row).map(read).unwrap_or_default())
        })
    };
    let save_text = move |write: fn(&mut Account, String)| {
        Callback::new(move |typed: String| {
            data.edit_records(|ws| {
                if let Some(a) = ws.accounts.get_mut(row) {
                    write(a, typed.trim().to_string());
                }
            });
            Ok(())
        })
    };
    let save_name = Callback::new(move |typed: String| {
        let name = entry::check_name(&typed)?;
        data.edit_records(|ws| {
            if let Some(a) = ws.accounts.get_mut(row) {
                a.name = name;
            }
        });
        Ok(())
    });
    let level = move || {
        data.workspace
            .with(|ws| ws.accounts.get(row).and_then(|a| a.level))
    };
    let set_level = move |ev| {
        let level = match event_target_value(&ev).as_str() {
            "company" => Some(AccountLevel::Company),
            "regional" => Some(AccountLevel::Regional),
            _ => None,
        };
        data.edit_records(|ws| {
            if let Some(a) = ws.accounts.get_mut(row) {
                a.level = level;
            }
        });
    };
    view! {
        <section class="inputs-editor" data-testid="inputs-editor">
            <h2>{app.t(Msg::AccountInputs)}</h2>
            <p class="hint">{app.t(Msg::InputsHelp)}</p>
            <fieldset class="field-group">
                <legend>{app.t(Msg::AccountFieldsTitle)}</legend>
                <InlineText
                    label=Signal::derive(move || app.t(Msg::NameColumn)().to_string())
                    stored=text_of(|a| a.name.clone())
                    commit=save_name
                    test_id="field-name".to_string()
                />
                <InlineText
                    label=Signal::derive(move || app.t(Msg::Industry)().to_string())
                    stored=text_of(|a| a.industry.clone())
                    commit=save_text(|a, v| a.industry = v)
                    test_id="field-industry".to_string()
                />
                <InlineText
                    label=Signal::derive(move || app.t(Msg::Region)().to_string())
                    stored=text_of(|a| a.region.clone())
                    commit=save_text(|a, v| a.region = v)
                    test_id="field-region".to_string()
                />
                <InlineText
                    label=Signal::derive(move || app.t(Msg::Owner)().to_string())
                    stored=text_of(|a| a.owner.clone())
                    commit=save_text(|a, v| a.owner = v)
                    test_id="field-owner".to_string()
                />
                <div class="field" data-testid="field-level">
                    <label for="f-field-level">{app.t(Msg::ColLevel)}</label>
                    <select id="f-field-level" on:change=set_level>
                        <option value="" selected=move || level().is_none()>
                            {app.t(Msg::LevelNotSet)}
                        </option>
                        <option value="company" selected=move || level() == Some(AccountLevel::Company)>
                            {app.t(Msg::LevelCompany)}
                        </option>
                        <option value="regional" selected=move || level() == Some(AccountLevel::Regional)>
                            {app.t(Msg::LevelRegional)}
                        </option>
                    </select>
                </div>
            </fieldset>
            {move || {
                groups
                    .get()
                    .into_iter()
                    .map(|(name, fields)| {
                        view! {
                            <fieldset class="field-group">
                                <legend>{move || name.get(app.lang.get()).to_string()}</legend>
                                {fields
                                    .into_iter()
                                    .map(|field| view! { <InputField row field/> })
                                    .collect_view()}
                            </fieldset>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

/// A text field saved with Enter and restored with Escape; a refused value keeps the field as
/// typed with the reason under it, and nothing is written.
#[component]
fn InlineText(
    label: Signal<String>,
    stored: Signal<String>,
    commit: Callback<String, Result<(), EntryError>>,
    test_id: String,
    #[prop(optional)] hint: Option<Signal<String>>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let app = use_app();
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<EntryError>);
    let id = format!("f-{test_id}");
    let error_id = format!("{id}-error");
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            let typed = draft
                .get_untracked()
                .unwrap_or_else(|| stored.get_untracked());
            match commit.run(typed) {
                Ok(()) => {
                    draft.set(None);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        }
        "Escape" => {
            ev.prevent_default();
            draft.set(None);
            error.set(None);
        }
        _ => {}
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some) data-testid=test_id.clone()>
            <label for=id.clone()>
                {move || label.get()}
                {hint.map(|h| view! { <span class="field-hint">{move || h.get()}</span> })}
            </label>
            <input
                id=id
                type="text"
                inputmode=numeric.then_some("decimal")
                data-testid=format!("{test_id}-input")
                prop:value=move || draft.get().unwrap_or_else(|| stored.get())
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=error_id.clone()
                on:input=move |ev| draft.set(Some(event_target_value(&ev)))
                on:keydown=on_key
            />
            <span class="pending" aria-live="polite">
                {move || {
                    (draft.with(Option::is_some) && error.with(Option::is_none))
                        .then(|| app.t(Msg::PressEnter)())
                }}
            </span>
            <p class="field-error" id=error_id role="alert" data-testid=format!("{test_id}-error")>
                {move || error.get().map(|e| e.message(app.lang.get()))}
            </p>
        </div>
    }
}

/// One input of the frameworks: a level chosen from the framework's labels (or a number), or a
/// number or measure typed in, checked by the core before it is written.
#[component]
fn InputField(row: usize, field: Field) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let key = field.key.clone();
    let stored = {
        let key = key.clone();
        Signal::derive(move || {
            data.workspace.with(|ws| {
                ws.accounts
                    .get(row)
                    .and_then(|a| a.inputs.get(&key))
                    .cloned()
            })
        })
    };
    let write = {
        let key = key.clone();
        move |value: Option<Input>| {
            data.edit_records(|ws| {
                if let Some(a) = ws.accounts.get_mut(row) {
                    match value {
                        Some(v) => {
                            a.inputs.insert(key.as_str().into(), v);
                        }
                        None => {
                            a.inputs.remove(&key);
                        }
                    }
                }
            });
        }
    };
    let test_id = format!("field-{key}");
    let hint = {
        let field = field.clone();
        Signal::derive(move || field_hint(&field, app.lang.get()))
    };
    let label = {
        let field = field.clone();
        Signal::derive(move || field.label.get(app.lang.get()).to_string())
    };
    let numbers = Signal::derive(move || match stored.get() {
        Some(Input::Number(v)) => explain::num(v),
        _ => String::new(),
    });
    let commit = {
        let field = field.clone();
        let write = write.clone();
        Callback::new(move |typed: String| {
            let value = entry::check(&field, &typed)?;
            write(value);
            Ok(())
        })
    };
    let FieldKind::Levels(levels) = field.kind.clone() else {
        let stored_text = Signal::derive(move || {
            stored
                .get()
                .map(|v| match v {
                    Input::Number(v) => explain::num(v),
                    Input::Text(t) => t.to_string(),
                })
                .unwrap_or_default()
        });
        return view! {
            <InlineText label stored=stored_text commit test_id hint numeric=true/>
        }
        .into_any();
    };
    // A level field: the select shows the level, "number…" opens the number box beside it.
    let number_mode = RwSignal::new(false);
    let choice = {
        let field = field.clone();
        Signal::derive(move || match stored.get() {
            _ if number_mode.get() => "num".to_string(),
            Some(Input::Number(_)) => "num".to_string(),
            Some(Input::Text(t)) => field
                .level_of(&t)
                .map_or_else(|| "bad".to_string(), |i| format!("L{i}")),
            None => String::new(),
        })
    };
    let bad_label = Signal::derive(move || match stored.get() {
        Some(Input::Text(t)) => Some(t),
        _ => None,
    });
    let on_change = {
        let levels = levels.clone();
        let write = write.clone();
        move |ev| {
            let value = event_target_value(&ev);
            match value.as_str() {
                "num" => number_mode.set(true),
                "" => {
                    number_mode.set(false);
                    write(None);
                }
                other => {
                    let level = other
                        .strip_prefix('L')
                        .and_then(|i| i.parse::<usize>().ok())
                        .and_then(|i| levels.get(i));
                    if let Some(level) = level {
                        number_mode.set(false);
                        write(Some(Input::Text(level.label.get(app.lang.get()).into())));
                    }
                }
            }
        }
    };
    let select_id = format!("f-{test_id}-level");
    let number_id = format!("{test_id}-number");
    let show_number = move || number_mode.get() || choice.get() == "num";
    view! {
        <div class="field level-field" data-testid=test_id.clone()>
            <label for=select_id.clone()>
                {move || label.get()}
                <span class="field-hint">{move || hint.get()}</span>
            </label>
            <select id=select_id data-testid=format!("{test_id}-select") on:change=on_change>
                <option value="" selected=move || choice.get().is_empty()>
                    {app.t(Msg::NotSetOption)}
                </option>
                {levels
                    .iter()
                    .enumerate()
                    .map(|(i, level)| {
                        let label = level.label.clone();
                        let value = format!("L{i}");
                        let selected = value.clone();
                        view! {
                            <option value=value selected=move || choice.get() == selected>
                                {move || label.get(app.lang.get()).to_string()}
                            </option>
                        }
                    })
                    .collect_view()}
                <option value="num" selected=move || choice.get() == "num">
                    {app.t(Msg::NumberOption)}
                </option>
                {move || {
                    bad_label
                        .get()
                        .filter(|_| choice.get() == "bad")
                        .map(|t| {
                            view! {
                                <option value="bad" selected=true>
                                    {format!("'{t}' — {}", Msg::UnknownLevelOption.text(app.lang.get()))}
                                </option>
                            }
                        })
                }}
            </select>
            <Show when=show_number>
                <InlineText
                    label=Signal::derive(move || app.t(Msg::NumberOption)().to_string())
                    stored=numbers
                    commit=commit
                    test_id=number_id.clone()
                    numeric=true
                />
            </Show>
        </div>
    }
    .into_any()
}

/// What a field accepts, as a short hint beside its label ("0–20", "USD ≥ 0").
fn field_hint(field: &Field, lang: Lang) -> String {
    let range = format!("{}–{}", explain::num(field.min), explain::num(field.max));
    let mut hint = match &field.kind {
        FieldKind::Levels(_) | FieldKind::Score => range,
        FieldKind::Measure { unit } => format!("{} ≥ {}", unit.get(lang), explain::num(field.min)),
        FieldKind::Amount => format!("≥ {}", explain::num(field.min)),
    };
    if !field.shared_with.is_empty() {
        let names: Vec<String> = field
            .shared_with
            .iter()
            .map(|id| {
                presets::by_id(id).map_or_else(|| id.clone(), |f| f.name.get(lang).to_string())
            })
            .collect();
        hint.push_str(&format!(
            " · {} {}",
            Msg::AlsoReadBy.text(lang),
            names.join(", ")
        ));
    }
    hint
}

/// The dated credit assessments graded by the credit framework in force, and the red-list clock
/// while the account is on the red list.
#[component]
fn CreditHistory(row: usize) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    move || {
        let lang = app.lang.get();
        let today = browser::today();
        let (id, mine, months) = data.workspace.with(|ws| {
            let id = ws
                .accounts
                .get(row)
                .map(|a| a.id.clone())
                .unwrap_or_default();
            let mine: Vec<CreditAssessment> = ws
                .credit_assessments
                .iter()
                .filter(|c| c.account == id)
                .cloned()
                .collect();
            (id, mine, ws.settings.red_list_months)
        });
        let body = with_scored(data, |scored| {
            let fi = scored.engine.index_of(presets::CREDIT)?;
            let classes = scored.engine.frameworks()[fi].classes();
            let history = credit::history(&scored.engine, &mine, &id).ok()?;
            // Only a key account has a status for the red list to take away.
            let key_account = key_class(&scored.engine).is_some_and(|(scorecard, key)| {
                scored.scores.framework(scorecard).outcome(row).class == Some(key)
            });
            let clock = credit::red_list(&scored.engine, &mine, today, months)
                .ok()
                .and_then(|m| m.get(&id).copied())
                .and_then(|status| {
                    credit::describe_clock(&status, today, months, key_account, lang)
                });
            let rows = history
                .iter()
                .rev()
                .map(|g| {
                    let class = g.class.and_then(|c| classes.get(usize::from(c)));
                    let grade = class.map_or("—".to_string(), |c| c.label.get(lang).to_string());
                    let list = class
                        .and_then(|c| c.list.as_ref())
                        .map_or((String::new(), "—".to_string()), |l| {
                            (l.id.clone(), l.label.get(lang).to_string())
                        });
                    view! {
                        <tr>
                            <td>{g.date.to_string()}</td>
                            <td class="num">{g.total.map_or("—".to_string(), explain::num)}</td>
                            <td>{grade}</td>
                            <td><span class=format!("list-dot {}", list.0)></span>{list.1}</td>
                        </tr>
                    }
                })
                .collect_view();
            let empty = history.is_empty();
            Some(view! {
                {match clock {
                    Some(text) => view! { <p class="red-clock" data-testid="red-clock">{text}</p> }.into_any(),
                    None if !empty => view! { <p class="hint">{Msg::NotOnRedList.text(lang)}</p> }.into_any(),
                    None => view! { <p class="hint">{Msg::NoCreditHistory.text(lang)}</p> }.into_any(),
                }}
                {(!empty).then(|| view! {
                    <div class="history-scroll">
                        <table class="credit-history">
                            <thead>
                                <tr>
                                    <th scope="col">{Msg::ColDate.text(lang)}</th>
                                    <th scope="col">{Msg::ColTotal.text(lang)}</th>
                                    <th scope="col">{Msg::ColGrade.text(lang)}</th>
                                    <th scope="col">{Msg::ColList.text(lang)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                })}
            })
        })
        .flatten();
        view! {
            <section class="fact-card" data-testid="credit-history">
                <h2>{Msg::CreditHistory.text(lang)}</h2>
                {body}
            </section>
        }
    }
}

/// Share of wallet with the figures it comes from, the ABC class and the RFM cell with what its
/// digits mean (ABC and RFM are the portfolio table's own columns), the recency-weighted
/// contract value and the strategic-candidate test with its figures.
#[component]
fn PortfolioPosition(row: usize) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let table = expect_context::<TableState>();
    let spend = Field::amount(
        keys::CATEGORY_SPEND,
        Label::new(
            Msg::CategorySpend.text(Lang::En),
            Msg::CategorySpend.text(Lang::Zh),
        ),
    );
    let share = move || {
        let lang = app.lang.get();
        data.workspace.with(|ws| {
            let a = ws.accounts.get(row)?;
            let (sales, spend) = (a.number(keys::ANNUAL_SALES), a.number(keys::CATEGORY_SPEND));
            let mainstream = ws.settings.mainstream_share;
            Some(
                match segmentation::share_of_wallet(sales, spend, mainstream).zip(sales.zip(spend))
                {
                    Some((share, (sales, spend))) => view! {
                        <p data-testid="share-of-wallet" class:mainstream=share.mainstream>
                            {segmentation::describe_share(&share, sales, spend, mainstream, lang)}
                        </p>
                    }
                    .into_any(),
                    None => view! {
                        <p class="hint" data-testid="share-of-wallet">
                            {Msg::ShareNeedsFigures.text(lang)}
                        </p>
                    }
                    .into_any(),
                },
            )
        })
    };
    let cuts = move || {
        let lang = app.lang.get();
        let columns = table.columns()?;
        let today = browser::today();
        data.workspace.with(|ws| {
            let a = ws.accounts.get(row)?;
            let abc = match columns.abc(row) {
                Some(c) => {
                    let class = [Abc::A, Abc::B, Abc::C][usize::from(c).min(2)];
                    segmentation::describe_abc(
                        class,
                        ws.settings.abc_cutoffs,
                        ws.settings.abc_basis,
                        lang,
                    )
                }
                None => Msg::NoAbcClass.text(lang).to_string(),
            };
            let window = ws.settings.rfm_window_days;
            let rfm = columns.rfm(row).zip(segmentation::rfm_measures(
                &ws.orders, &a.id, today, window,
            ));
            Some(view! {
                <h3>{Msg::ColAbc.text(lang)}</h3>
                <p data-testid="abc-class">{abc}</p>
                <h3>{Msg::ColRfm.text(lang)}</h3>
                {match rfm {
                    Some((cell, m)) => view! {
                        <p data-testid="rfm-cell"><strong class="rfm-digits">{cell.to_string()}</strong></p>
                        <ul class="rfm-meaning">
                            {segmentation::describe_rfm(cell, &m, window, lang)
                                .into_iter()
                                .map(|l| view! { <li>{l}</li> })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    None => view! { <p class="hint" data-testid="rfm-cell">{Msg::NoRfmCell.text(lang)}</p> }.into_any(),
                }}
            })
        })
    };
    // The account's contracts weighed by age, and the strategic-candidate test on them.
    let contracts = move || {
        let lang = app.lang.get();
        let today = browser::today();
        data.workspace.with(|ws| {
            let a = ws.accounts.get(row)?;
            let half_life = ws.settings.half_life_years;
            let value = segmentation::recency_weighted_value(&ws.orders, &a.id, today, half_life);
            let value = if value.contracts == 0 {
                view! { <p class="hint" data-testid="recency-weighted">{Msg::NoContracts.text(lang)}</p> }
                    .into_any()
            } else {
                view! {
                    <p data-testid="recency-weighted">
                        {segmentation::describe_recency_weighted(&value, half_life, lang)}
                    </p>
                }
                .into_any()
            };
            let strategic = match segmentation::strategic_check(&ws.orders, &a.id, today, &ws.settings) {
                Some((check, years)) => {
                    let mut lines = segmentation::describe_strategic(&check, years, &ws.settings, today, lang)
                        .into_iter();
                    let verdict = lines.next().unwrap_or_default();
                    view! {
                        <div data-testid="strategic-check" class:candidate=check.candidate>
                            <p><strong>{verdict}</strong></p>
                            <ul>{lines.map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        </div>
                    }
                    .into_any()
                }
                None => view! {
                    <div data-testid="strategic-check">
                        <p class="hint">{Msg::StrategicNeedsSettings.text(lang)}</p>
                    </div>
                }
                .into_any(),
            };
            Some(view! {
                <h3>{Msg::RecencyWeightedTitle.text(lang)}</h3>
                {value}
                <h3>{Msg::StrategicTitle.text(lang)}</h3>
                {strategic}
            })
        })
    };
    view! {
        <section class="fact-card" data-testid="portfolio-position">
            <h2>{app.t(Msg::PortfolioPosition)}</h2>
            <h3>{app.t(Msg::ShareOfWallet)}</h3>
            {share}
            <InputField row field=spend/>
            {cuts}
            {contracts}
        </section>
    }
}

/// Free notes on the account, saved when the box loses focus after a change.
#[component]
fn NotesEditor(row: usize) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let notes = move || {
        data.workspace
            .with(|ws| ws.accounts.get(row).map(|a| a.notes.clone()))
            .unwrap_or_default()
    };
    let save = move |ev| {
        let text = event_target_value(&ev);
        data.edit_records(|ws| {
            if let Some(a) = ws.accounts.get_mut(row) {
                a.notes = text;
            }
        });
    };
    view! {
        <section class="notes" data-testid="notes-section">
            <h2><label for="account-notes">{app.t(Msg::Notes)}</label></h2>
            <p class="hint">{app.t(Msg::NotesHelp)}</p>
            <textarea
                id="account-notes"
                data-testid="account-notes"
                rows="4"
                prop:value=notes
                on:change=save
            ></textarea>
        </section>
    }
}

/// Up to five accounts overlaid on the external and internal radars.
#[component]
fn CompareView() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let radar = move |framework: &'static str| {
        let marked = RwSignal::new(Some(0usize));
        let spec = Memo::new(move |_| {
            let lang = app.lang.get();
            let ids = app.compared_accounts.get();
            let marked = marked.get();
            data.workspace.with(|ws| {
                let rows: Vec<(usize, String)> = ids
                    .iter()
                    .filter_map(|id| {
                        ws.accounts
                            .iter()
                            .position(|a| &a.id == id)
                            .map(|row| (row, ws.accounts[row].name.clone()))
                    })
                    .collect();
                with_scored(data, |scored| {
                    let fi = scored.engine.index_of(framework)?;
                    let results = scored.scores.framework(fi);
                    let compared: Vec<Compared> = rows
                        .iter()
                        .map(|(row, name)| Compared {
                            name,
                            dims: results.dims(*row),
                        })
                        .collect();
                    Some(framework_radar(
                        &scored.engine.frameworks()[fi],
                        &compared,
                        marked,
                        lang,
                    ))
                })
                .flatten()
            })
        });
        view! {
            <RadarPanel
                spec
                marked
                file_name="compare".to_string()
                test_id=format!("compare-{framework}")
                max_width=480
            />
        }
    };
    view! {
        <div class="compare" data-testid="compare-view">
            <p class="hint">
                {move || {
                    if app.compared_accounts.with(|c| c.len() >= MAX_SERIES) {
                        app.t(Msg::CompareFull)()
                    } else {
                        app.t(Msg::CompareHint)()
                    }
                }}
            </p>
            <div class="radars">{radar(presets::EXTERNAL)} {radar(presets::INTERNAL)}</div>
        </div>
    }
}
