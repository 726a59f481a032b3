//! The Privacy & data view: what the app keeps and where (which browser storage is in use and
//! how much of it), the workspaces, the portable workspace file (download and open), and
//! deleting everything.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::autosave::{Autosave, Op};
use super::banners::download_workspace;
use super::{files, use_app, workspaces};
use crate::i18n::Msg;
use crate::persist::{self, Tier};

fn megabytes(chars: usize) -> String {
    format!("{:.2} MB", chars as f64 * 2.0 / 1_048_576.0)
}

#[component]
pub fn AboutView() -> impl IntoView {
    let app = use_app();
    let autosave = expect_context::<Autosave>();
    let outcome = RwSignal::new(None::<(bool, String)>);
    // Recomputed after each save and operation.
    let usage = move || {
        autosave.status.track();
        let large: usize = autosave.workspaces.with(|rows| {
            rows.iter()
                .filter(|r| r.tier == Tier::Large)
                .map(|r| r.summary.live_chars)
                .sum()
        });
        let local = autosave.local_usage().map_or_else(|| "—".into(), megabytes);
        if autosave.has_large.get() {
            format!("localStorage {local} · IndexedDB {}", megabytes(large))
        } else {
            format!("localStorage {local}")
        }
    };
    let kinds = move || {
        if !autosave.stored.get() {
            Msg::MemoryOnlyBanner
        } else if autosave.has_large.get() {
            Msg::StorageKinds
        } else {
            Msg::StorageLocalOnly
        }
    };

    let download_file = move |_| {
        if let Err(error) = download_workspace() {
            outcome.set(Some((false, error)));
        }
    };
    let open_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let lang = app.lang.get_untracked();
            let result = files::read_text(file)
                .await
                .and_then(|text| persist::import_file(&text).map_err(|e| e.describe(lang)));
            match result {
                Ok(mut workspace) => {
                    // A restored file beside the workspace it was saved from must be told
                    // apart in the lists: "name 2".
                    let names = workspaces::stored_names(autosave);
                    workspace.name =
                        persist::unique_name(names.iter().map(String::as_str), &workspace.name);
                    workspaces::forget_selection(app);
                    autosave.run_then(Op::Add(workspace), move |done| {
                        outcome.set(Some(match done {
                            Ok(()) => (true, Msg::WorkspaceOpened.text(lang).to_string()),
                            Err(error) => (false, error.get(lang).to_string()),
                        }));
                    });
                }
                Err(error) => outcome.set(Some((
                    false,
                    format!("{} {error}", Msg::WorkspaceFileRejected.text(lang)),
                ))),
            }
        });
    };
    let delete_all = move |_| {
        let lang = app.lang.get_untracked();
        let confirmed = window()
            .confirm_with_message(Msg::DeleteAllConfirm.text(lang))
            .unwrap_or(false);
        if !confirmed {
            return;
        }
        workspaces::forget_selection(app);
        autosave.run_then(Op::DeleteAll, move |done| {
            outcome.set(Some(match done {
                Ok(()) => (true, Msg::DeletedAll.text(lang).to_string()),
                Err(error) => (false, error.get(lang).to_string()),
            }));
        });
    };

    view! {
        <section class="about-view" data-testid="view-about">
            <h1>{app.t(Msg::NavAbout)}</h1>
            <div class="card">
                <h2>{app.t(Msg::PrivacyTitle)}</h2>
                <p>{app.t(Msg::PrivacyWhat)}</p>
                <p>{app.t(Msg::PrivacyWhere)}</p>
                <p data-testid="storage-kinds">{move || kinds().text(app.lang.get())}</p>
                <p data-testid="storage-usage">{app.t(Msg::StorageInUse)} ": " {usage}</p>
                <p>{app.t(Msg::PrivacyDelete)}</p>
            </div>
            <workspaces::WorkspacesCard/>
            <div class="card">
                <h2>{app.t(Msg::WorkspaceFile)}</h2>
                <p>{app.t(Msg::WorkspaceFileHelp)}</p>
                <div class="actions">
                    <button type="button" class="primary" data-testid="export-workspace" on:click=download_file>
                        {app.t(Msg::DownloadWorkspace)}
                    </button>
                    <label class="file-button">
                        {app.t(Msg::OpenWorkspaceFile)}
                        <input
                            type="file"
                            accept=".json,application/json"
                            data-testid="open-workspace"
                            on:change=open_file
                        />
                    </label>
                </div>
            </div>
            <div class="card danger">
                <h2>{app.t(Msg::DeleteAllData)}</h2>
                <button type="button" class="danger" data-testid="delete-all" on:click=delete_all>
                    {app.t(Msg::DeleteAllData)}
                </button>
            </div>
            {move || {
                outcome
                    .get()
                    .map(|(ok, text)| {
                        view! {
                            <p class="notice" class:failed=!ok role="status" data-testid="about-outcome">
                                {text}
                            </p>
                        }
                    })
            }}
        </section>
    }
}
