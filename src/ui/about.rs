//! The Privacy & data view: what the app keeps and where, how much storage it uses, the
//! portable workspace file (download and open), and deleting everything.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::autosave::Autosave;
use super::{download, files, use_app, use_workspace};
use crate::i18n::Msg;
use crate::persist;

#[component]
pub fn AboutView() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let autosave = expect_context::<Autosave>();
    let outcome = RwSignal::new(None::<(bool, String)>);
    // Recomputed when the save status changes, i.e. after each save.
    let usage = move || {
        autosave.status.track();
        autosave
            .usage()
            .map(|chars| format!("{:.2} MB", chars as f64 * 2.0 / 1_048_576.0))
    };

    let download_file = move |_| {
        let result = data.workspace.with_untracked(|ws| {
            persist::export_file(ws)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    let name = if ws.name.is_empty() {
                        "workspace"
                    } else {
                        ws.name.as_str()
                    };
                    let file = crate::export::file_name(&["kam-radar", name], "json");
                    download::offer_bytes(&file, "application/json", text.as_bytes())
                })
        });
        if let Err(error) = result {
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
                .and_then(|text| persist::import_file(&text).map_err(|e| e.to_string()));
            match result {
                Ok(workspace) => {
                    data.workspace.set(workspace);
                    app.selected_account.set(None);
                    app.compared_accounts.set(Vec::new());
                    outcome.set(Some((true, Msg::WorkspaceOpened.text(lang).to_string())));
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
        match autosave.delete_everything() {
            Ok(()) => {
                app.selected_account.set(None);
                app.compared_accounts.set(Vec::new());
                outcome.set(Some((true, Msg::DeletedAll.text(lang).to_string())));
            }
            Err(error) => outcome.set(Some((false, error))),
        }
    };

    view! {
        <section class="about-view" data-testid="view-about">
            <h1>{app.t(Msg::NavAbout)}</h1>
            <div class="card">
                <h2>{app.t(Msg::PrivacyTitle)}</h2>
                <p>{app.t(Msg::PrivacyWhat)}</p>
                <p>{app.t(Msg::PrivacyWhere)}</p>
                <p>{app.t(Msg::PrivacyDelete)}</p>
                <p data-testid="storage-usage">
                    {app.t(Msg::StorageInUse)} ": " {move || usage().unwrap_or_else(|| "—".into())}
                </p>
            </div>
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
