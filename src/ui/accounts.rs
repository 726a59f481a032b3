//! The Accounts view: a searchable list, and for the chosen account its classes, its external
//! and internal profiles as radars against their lines (with a table of the same numbers), and
//! the engine's explanation of every score. A compare mode overlays up to five accounts.

use leptos::prelude::*;

use super::canvas::ChartCanvas;
use super::state::Scored;
use super::{use_app, use_workspace};
use crate::chart::palette::MAX_SERIES;
use crate::chart::profiles::{framework_radar, Compared};
use crate::chart::{radar_table, Chart, RadarSpec};
use crate::framework::presets;
use crate::i18n::{Lang, Msg};
use crate::scoring::explain;

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
    move || {
        let Some(row) = selected_row(app, data) else {
            return view! { <p class="hint">{app.t(Msg::ChooseAccount)}</p> }.into_any();
        };
        let (name, industry, region, owner, attributes) = data.workspace.with(|ws| {
            let a = &ws.accounts[row];
            (
                a.name.clone(),
                a.industry.clone(),
                a.region.clone(),
                a.owner.clone(),
                a.attributes.clone(),
            )
        });
        // Imported columns no framework reads (a CRM's "Rating", a manager's name …), kept
        // as the user brought them.
        let attributes = (!attributes.is_empty()).then(|| {
            view! {
                <p class="attributes imported" data-testid="account-attributes">
                    {attributes
                        .into_iter()
                        .filter(|(_, value)| !value.is_empty())
                        .map(|(header, value)| view! { <span>{header} ": " {value}</span> })
                        .collect_view()}
                </p>
            }
        });
        view! {
            <article class="account" data-testid="account-detail">
                <h2>{name.clone()}</h2>
                <p class="attributes">
                    <span>{app.t(Msg::Industry)} ": " {industry}</span>
                    <span>{app.t(Msg::Region)} ": " {region}</span>
                    <span>{app.t(Msg::Owner)} ": " {owner}</span>
                </p>
                {attributes}
                <ClassBadges row/>
                <div class="radars">
                    <ProfileRadar row framework=presets::EXTERNAL name=name.clone()/>
                    <ProfileRadar row framework=presets::INTERNAL name=name.clone()/>
                </div>
                <Explanations row/>
            </article>
        }
        .into_any()
    }
}

/// The class each framework gives the account, as badges.
#[component]
fn ClassBadges(row: usize) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    move || {
        let lang = app.lang.get();
        with_scored(data, |scored| {
            presets::ACCOUNT_PRESETS
                .into_iter()
                .filter_map(|id| scored.engine.index_of(id))
                .map(|fi| {
                    let framework = &scored.engine.frameworks()[fi];
                    let outcome = scored.scores.framework(fi).outcome(row);
                    let class = outcome
                        .class
                        .and_then(|c| framework.classes().get(usize::from(c)).copied());
                    let (class_id, text) = match class {
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
                            <span class="badge-total">{format_total(outcome.total)}</span>
                        </span>
                    }
                })
                .collect_view()
        })
        .map(|badges| view! { <div class="badges">{badges}</div> })
    }
}

fn format_total(total: f64) -> String {
    crate::chart::format_value(total)
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

/// The engine's trail for every framework: input, rule, band, line comparisons, class.
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
            presets::ACCOUNT_PRESETS
            .into_iter()
            .filter_map(|id| scored.engine.index_of(id))
            .map(|fi| {
                let results = scored.scores.framework(fi);
                let lines = explain::explain(
                    frameworks,
                    fi,
                    results.dims(row),
                    results.outcome(row),
                    &inputs,
                    lang,
                );
                view! {
                    <section class="explanation" data-framework=frameworks[fi].id.clone()>
                        <h3>{frameworks[fi].name.get(lang).to_string()}</h3>
                        <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </section>
                }
            })
            .collect_view()
        })
        .map(|sections| {
            view! {
                <section class="explanations" data-testid="explanations">
                    <h2>{Msg::WhyTitle.text(lang)}</h2>
                    {sections}
                </section>
            }
        })
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
