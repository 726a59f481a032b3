//! The Stakeholders view: for the chosen account, its people grouped by journey point, each
//! drawn against the ideal profile as a small radar with the table of its numbers.

use leptos::prelude::*;

use super::accounts::RadarPanel;
use super::{use_app, use_workspace};
use crate::chart::profiles::{framework_radar, Compared};
use crate::framework::presets;
use crate::i18n::Msg;

#[component]
pub fn StakeholdersView() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
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
    view! {
        <section class="stakeholders-view" data-testid="view-stakeholders">
            <h1>{app.t(Msg::NavStakeholders)}</h1>
            <Show
                when=move || !data.is_empty()
                fallback=move || view! { <super::shell::NoAccounts/> }
            >
                <label class="account-choice">
                    {app.t(Msg::NavAccounts)} " "
                    <select
                        data-testid="stakeholder-account"
                        on:change=move |ev| app.selected_account.set(Some(event_target_value(&ev)))
                    >
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
                <PeopleByJourney/>
            </Show>
        </section>
    }
}

#[component]
fn PeopleByJourney() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    move || {
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
                <h2>{app.t(Msg::PeopleByJourney)}</h2>
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
                                        .map(|(row, name)| view! { <PersonRadar row name/> })
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
