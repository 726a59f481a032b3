//! What the app tells the user about their data: the save indicator in the header, the
//! banners for every storage failure, each with the action that keeps the data safe, the
//! undo of a deleted workspace and the reminder to download work not yet kept in a file.

use leptos::prelude::*;

use super::autosave::{Autosave, Op, SaveStatus};
use super::workspaces::shown;
use super::{download, use_app, use_workspace};
use crate::i18n::{Label, Lang, Msg};
use crate::persist::{self, Tier};

/// The name of a store, as the user is told where a workspace is kept.
pub fn tier_name(tier: Tier, lang: Lang) -> &'static str {
    match tier {
        Tier::Small => Msg::LocalStorage.text(lang),
        Tier::Large => Msg::IndexedDb.text(lang),
    }
}

/// The header's quiet "saved" indicator.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let app = use_app();
    let autosave = expect_context::<Autosave>();
    move || {
        let lang = app.lang.get();
        match autosave.status.get() {
            SaveStatus::Saved { chars, tier } => Some(view! {
                <span
                    class="save-indicator"
                    data-testid="save-indicator"
                    data-state="saved"
                    title=format!("{} · {:.1} MB", tier_name(tier, lang), chars as f64 * 2.0 / 1_048_576.0)
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

/// Offers the whole workspace as the portable JSON file, and counts it as downloaded for
/// the backup reminder.
pub fn download_workspace() -> Result<(), String> {
    let data = use_workspace();
    data.workspace.with_untracked(|ws| {
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
    })?;
    expect_context::<Autosave>().run(Op::Exported);
    Ok(())
}

#[component]
fn DownloadWorkspaceButton() -> impl IntoView {
    let app = use_app();
    let autosave = expect_context::<Autosave>();
    let download = move |_| {
        if let Err(error) = download_workspace() {
            autosave
                .status
                .set(SaveStatus::Failed(Label::new(error.clone(), error)));
        }
    };
    view! {
        <button type="button" class="small" data-testid="download-workspace" on:click=download>
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
                    <button type="button" class="small" data-testid="reload-workspace" on:click=move |_| autosave.run(Op::Reload)>
                        {Msg::ReloadWorkspace.text(lang)}
                    </button>
                    <button type="button" class="small" data-testid="keep-mine" on:click=move |_| autosave.run(Op::Save(true))>
                        {Msg::KeepMine.text(lang)}
                    </button>
                }),
            ),
            SaveStatus::Failed(reason) => (
                "save-failed",
                format!("{} {}", Msg::SaveFailedBanner.text(lang), reason.get(lang)),
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
                <button type="button" class="small" on:click=move |_| autosave.run(Op::DiscardUnreadable)>
                    {app.t(Msg::Discard)}
                </button>
            </div>
        })
    };
    // Only while saving works: a failure's banner already offers the file.
    let reminder = move || {
        let lang = app.lang.get();
        (autosave.remind_backup.get()
            && matches!(autosave.status.get(), SaveStatus::Saved { .. } | SaveStatus::Idle))
        .then(|| view! {
            <div class="storage-banner reminder" role="status" data-testid="backup-reminder">
                <span>{Msg::BackupReminder.text(lang)}</span>
                <DownloadWorkspaceButton/>
                <button type="button" class="small" data-testid="dismiss-reminder" on:click=move |_| autosave.run(Op::DismissReminder)>
                    {Msg::NotNow.text(lang)}
                </button>
            </div>
        })
    };
    let undo = move || {
        let lang = app.lang.get();
        autosave.deleted.get().map(|trashed| view! {
            <div class="storage-banner reminder" role="status" data-testid="undo-banner">
                <span>{Msg::WorkspaceDeleted.text(lang)} " " <strong>{shown(&trashed.name, lang)}</strong></span>
                <button type="button" class="small" data-testid="undo-delete" on:click=move |_| autosave.run(Op::Undo)>
                    {Msg::Undo.text(lang)}
                </button>
            </div>
        })
    };
    view! { {status_banner} {recovered_banner} {undo} {reminder} }
}
