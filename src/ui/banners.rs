//! What the app tells the user about their data: the save indicator in the header and the
//! banners for every storage failure, each with the action that keeps the data safe.

use leptos::prelude::*;

use super::autosave::{Autosave, SaveStatus};
use super::{download, use_app, use_workspace};
use crate::i18n::Msg;
use crate::persist;

/// The header's quiet "saved" indicator.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let app = use_app();
    let autosave = expect_context::<Autosave>();
    move || {
        let lang = app.lang.get();
        match autosave.status.get() {
            SaveStatus::Saved { chars } => Some(view! {
                <span
                    class="save-indicator"
                    data-testid="save-indicator"
                    data-state="saved"
                    title=format!("localStorage · {:.1} MB", chars as f64 * 2.0 / 1_048_576.0)
                >
                    "✓ " {Msg::SavedInBrowser.text(lang)}
                </span>
            }
            .into_any()),
            SaveStatus::Idle => Some(view! {
                <span class="save-indicator" data-testid="save-indicator" data-state="idle" title="localStorage">
                    {Msg::NotSavedYet.text(lang)}
                </span>
            }
            .into_any()),
            _ => None,
        }
    }
}

/// Offers the whole workspace as the portable JSON file.
fn download_workspace() {
    let data = use_workspace();
    let outcome = data.workspace.with_untracked(|ws| {
        let name = if ws.name.is_empty() {
            "workspace"
        } else {
            ws.name.as_str()
        };
        persist::export_file(ws)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                let file = crate::export::file_name(&["kam-radar", name], "json");
                download::offer_bytes(&file, "application/json", text.as_bytes())
            })
    });
    if let Err(error) = outcome {
        expect_context::<Autosave>()
            .status
            .set(SaveStatus::Failed(error));
    }
}

#[component]
fn DownloadWorkspaceButton() -> impl IntoView {
    let app = use_app();
    view! {
        <button type="button" class="small" data-testid="download-workspace" on:click=move |_| download_workspace()>
            {app.t(Msg::DownloadWorkspace)}
        </button>
    }
}

/// The banners of storage trouble; none shows while saving works.
#[component]
pub fn StorageBanners() -> impl IntoView {
    let app = use_app();
    let autosave = expect_context::<Autosave>();
    let status_banner = move || {
        let lang = app.lang.get();
        let (kind, text, extra) = match autosave.status.get() {
            SaveStatus::MemoryOnly => (
                "memory-only",
                Msg::MemoryOnlyBanner.text(lang).to_string(),
                None,
            ),
            SaveStatus::Full => (
                "storage-full",
                Msg::StorageFullBanner.text(lang).to_string(),
                None,
            ),
            SaveStatus::ChangedElsewhere => (
                "changed-elsewhere",
                Msg::ChangedElsewhereBanner.text(lang).to_string(),
                Some(view! {
                    <button type="button" class="small" data-testid="reload-workspace" on:click=move |_| autosave.reload()>
                        {Msg::ReloadWorkspace.text(lang)}
                    </button>
                    <button type="button" class="small" data-testid="keep-mine" on:click=move |_| autosave.save(true)>
                        {Msg::KeepMine.text(lang)}
                    </button>
                }),
            ),
            SaveStatus::Failed(reason) => (
                "save-failed",
                format!("{} {reason}", Msg::SaveFailedBanner.text(lang)),
                None,
            ),
            SaveStatus::Idle | SaveStatus::Saved { .. } => return None,
        };
        Some(view! {
            <div class="storage-banner" role="alert" data-testid="storage-banner" data-kind=kind>
                <span>{text}</span>
                {extra}
                <DownloadWorkspaceButton/>
            </div>
        })
    };
    let recovered_banner = move || {
        let recovered = autosave.recovered.get()?;
        let raw = recovered.raw.clone();
        Some(view! {
            <div class="storage-banner" role="alert" data-testid="recovered-banner">
                <span title=recovered.message.clone()>{app.t(Msg::RecoveredBanner)}</span>
                {raw.map(|raw| {
                    view! {
                        <button
                            type="button"
                            class="small"
                            data-testid="download-unreadable"
                            on:click=move |_| {
                                let _ = download::offer_bytes(
                                    "kam-radar-unreadable-data.json",
                                    "application/json",
                                    raw.as_bytes(),
                                );
                            }
                        >
                            {app.t(Msg::DownloadUnreadable)}
                        </button>
                    }
                })}
                <button type="button" class="small" on:click=move |_| autosave.discard_unreadable()>
                    {app.t(Msg::Discard)}
                </button>
            </div>
        })
    };
    view! { {status_banner} {recovered_banner} }
}
