//! Several workspaces in the interface: the switcher in the header (the open workspace's
//! name, the others, a new one and the management page one click away) and the management
//! card of the Privacy & data page (open, rename, duplicate, delete with undo, and where each
//! is kept). The operations are the persistence core's, run one at a time by [`Autosave`].
//!
//! Each list is drawn by one reactive closure with one click handler that reads the clicked
//! button's `data-act` and `data-id`: far less code in the wasm than a closure per button.

use leptos::prelude::*;

use super::autosave::{Autosave, Op};
use super::banners::tier_name;
use super::{browser, use_app, use_workspace, AppState};
use crate::i18n::{Lang, Msg};
use crate::model::Workspace;
use crate::persist::unique_name;
use crate::route::View;

/// Forgets the chosen and compared accounts: they belong to the workspace being left.
pub fn forget_selection(app: AppState) {
    app.selected_account.set(None);
    app.compared_accounts.set(Vec::new());
}

/// A workspace's name as shown; an unnamed one is called so.
pub fn shown(name: &str, lang: Lang) -> String {
    if name.trim().is_empty() {
        Msg::UntitledWorkspace.text(lang).to_string()
    } else {
        name.to_string()
    }
}

/// The open workspace's name, changing only when the name does (not on every edit).
fn current_name() -> Memo<String> {
    let data = use_workspace();
    Memo::new(move |_| data.workspace.with(|ws| ws.name.clone()))
}

/// The names of the stored workspaces, for a new one's name to differ from them all.
pub(super) fn stored_names(autosave: Autosave) -> Vec<String> {
    autosave.workspaces.with_untracked(|rows| {
        rows.iter()
            .map(|r| r.summary.name.clone())
            .collect::<Vec<_>>()
    })
}

/// What a click in a workspace list asks for, by the clicked button's `data-act`.
fn act(app: AppState, autosave: Autosave, action: &str, id: String) {
    let lang = app.lang.get_untracked();
    let names = || stored_names(autosave);
    let op = match action {
        "new" => {
            let name = unique_name(
                names().iter().map(String::as_str),
                Msg::NewWorkspace.text(lang),
            );
            Op::Create(Workspace {
                name,
                ..Workspace::default()
            })
        }
        "open" => Op::Open(id),
        "duplicate" => {
            let name = autosave.workspaces.with_untracked(|rows| {
                rows.iter()
                    .find(|r| r.summary.id == id)
                    .map(|r| shown(&r.summary.name, lang))
                    .unwrap_or_default()
            });
            let base = format!("{name} {}", Msg::CopySuffix.text(lang));
            Op::Duplicate(id, unique_name(names().iter().map(String::as_str), &base))
        }
        "delete" => Op::Delete(id),
        _ => return,
    };
    // Every one of these may change the open workspace.
    forget_selection(app);
    autosave.run(op);
}

/// The header's switcher: a button with the open workspace's name that shows the others.
#[component]
pub fn WorkspaceMenu() -> impl IntoView {
    let app = use_app();
    let autosave = expect_context::<Autosave>();
    let name = current_name();
    let expanded = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Div>::new();
    let close = move |refocus: bool| {
        expanded.set(false);
        if let Some(button) = toggle.get_untracked().filter(|_| refocus) {
            let _ = button.focus();
        }
    };
    let click = move |ev: leptos::ev::MouseEvent| {
        let Some((action, id)) = browser::clicked(&ev) else {
            return;
        };
        match action.as_str() {
            "toggle" => expanded.update(|open| *open = !*open),
            "close" => close(false),
            "manage" => {
                close(false);
                app.view.set(View::About);
            }
            action => {
                close(true);
                act(app, autosave, action, id);
            }
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close(true);
        }
    };
    // Tabbing out of the menu closes it (a click outside lands on the backdrop).
    let focus_out = move |ev: leptos::ev::FocusEvent| {
        if menu
            .get_untracked()
            .is_some_and(|menu| browser::focus_left(&ev, &menu))
        {
            expanded.set(false);
        }
    };
    let list = move || {
        expanded.get().then(|| {
            let lang = app.lang.get();
            let current = autosave.current.get();
            let items = autosave.workspaces.with(|rows| {
                rows.iter()
                    .map(|row| {
                        let here = current.as_deref() == Some(row.summary.id.as_str());
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="ws-item"
                                    data-act=if here { "close" } else { "open" }
                                    data-id=row.summary.id.clone()
                                    aria-current=here.then_some("true")
                                >
                                    {here.then_some("✓ ")}
                                    {shown(&row.summary.name, lang)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            });
            view! {
                <div class="ws-backdrop" data-act="close"></div>
                <ul class="ws-list" id="ws-menu-list" data-testid="workspace-list">
                    {items}
                    <li class="ws-separator">
                        <button type="button" class="ws-item" data-act="new" data-testid="menu-new-workspace">
                            "+ " {Msg::NewWorkspace.text(lang)}
                        </button>
                    </li>
                    <li>
                        <a class="ws-item" href=View::About.hash() data-act="manage">
                            {Msg::ManageWorkspaces.text(lang)}
                        </a>
                    </li>
                </ul>
            }
        })
    };
    move || {
        autosave.stored.get().then(|| {
            let lang = app.lang.get();
            let name = shown(&name.get(), lang);
            let title = name.clone();
            view! {
                <div class="ws-menu" node_ref=menu on:click=click on:keydown=keydown on:focusout=focus_out>
                    <button
                        type="button"
                        class="ws-toggle"
                        node_ref=toggle
                        data-act="toggle"
                        data-testid="workspace-menu"
                        aria-expanded=move || expanded.get().to_string()
                        aria-controls="ws-menu-list"
                        title=title
                    >
                        <span class="sr-only">{Msg::WorkspaceLabel.text(lang)} ": "</span>
                        <span class="ws-name" data-testid="current-workspace">{name}</span>
                        <span aria-hidden="true">" ▾"</span>
                    </button>
                    {list}
                </div>
            }
        })
    }
}

/// Two bytes per UTF-16 code unit, as the browser counts them.
fn size_text(chars: usize) -> String {
    let bytes = chars as f64 * 2.0;
    if bytes < 1_048_576.0 {
        format!("{:.0} KB", bytes / 1024.0)
    } else {
        format!("{:.1} MB", bytes / 1_048_576.0)
    }
}

/// The Privacy & data page's list of workspaces and what can be done with each; a rename is
/// typed in place (Enter saves, Escape cancels).
#[component]
pub fn WorkspacesCard() -> impl IntoView {
    let app = use_app();
    let autosave = expect_context::<Autosave>();
    let name = current_name();
    let editing = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(field) = input.get() {
            let _ = field.focus();
            field.select();
        }
    });
    let click = move |ev: leptos::ev::MouseEvent| {
        let Some((action, id)) = browser::clicked(&ev) else {
            return;
        };
        match action.as_str() {
            "rename" => editing.set(Some(id)),
            "cancel" => editing.set(None),
            action => act(app, autosave, action, id),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = input
            .get_untracked()
            .map(|field| field.value().trim().to_string())
            .unwrap_or_default();
        if let Some(id) = editing.get_untracked().filter(|_| !name.is_empty()) {
            autosave.run(Op::Rename(id, name));
        }
        editing.set(None);
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            editing.set(None);
        }
    };
    move || {
        autosave.stored.get().then(|| {
            let lang = app.lang.get();
            let current = autosave.current.get();
            let editing = editing.get();
            let open_name = name.get();
            let rows = autosave.workspaces.with(|rows| {
                rows.iter()
                    .map(|row| {
                        let s = &row.summary;
                        let here = current.as_deref() == Some(s.id.as_str());
                        // The open workspace's name is live (a rename shows before it is saved).
                        let label = shown(if here { &open_name } else { &s.name }, lang);
                        let name_cell = if editing.as_deref() == Some(s.id.as_str()) {
                            view! {
                                <form class="ws-rename" on:submit=submit on:keydown=keydown>
                                    <input node_ref=input type="text" data-testid="rename-input" aria-label=Msg::NameColumn.text(lang) value=label/>
                                    <button type="submit" class="small">{Msg::Save.text(lang)}</button>
                                    <button type="button" class="small" data-act="cancel">{Msg::Cancel.text(lang)}</button>
                                </form>
                            }
                            .into_any()
                        } else {
                            view! {
                                <span data-testid="workspace-name">{label}</span>
                                {here.then(|| view! { <span class="ws-here">{Msg::OpenHere.text(lang)}</span> })}
                            }
                            .into_any()
                        };
                        let button = |act: &'static str, msg: Msg| {
                            view! {
                                <button type="button" class="small" data-act=act data-id=s.id.clone()>
                                    {msg.text(lang)}
                                </button>
                            }
                        };
                        view! {
                            <tr data-testid="workspace-row" class:current=here>
                                <th scope="row">{name_cell}</th>
                                <td class="number">{s.accounts}</td>
                                <td data-testid="workspace-tier">{tier_name(row.tier, lang)}</td>
                                <td class="number">{size_text(s.live_chars)}</td>
                                <td>{s.modified.as_deref().map(browser::local_time)}</td>
                                <td class="ws-actions">
                                    {(!here).then(|| button("open", Msg::OpenWorkspace))}
                                    {button("rename", Msg::Rename)}
                                    {button("duplicate", Msg::Duplicate)}
                                    {button("delete", Msg::Delete)}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()
            });
            view! {
                <div class="card" id="workspaces" data-testid="workspaces-card" on:click=click>
                    <h2>{Msg::WorkspacesTitle.text(lang)}</h2>
                    <p>{Msg::WorkspacesHelp.text(lang)}</p>
                    <div class="table-scroll">
                        <table class="ws-table">
                            <thead>
                                <tr>
                                    <th scope="col">{Msg::NameColumn.text(lang)}</th>
                                    <th scope="col">{Msg::AccountsCaption.text(lang)}</th>
                                    <th scope="col">{Msg::KeptIn.text(lang)}</th>
                                    <th scope="col">{Msg::SizeColumn.text(lang)}</th>
                                    <th scope="col">{Msg::LastSaved.text(lang)}</th>
                                    <th scope="col"><span class="sr-only">{Msg::Actions.text(lang)}</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <div class="actions">
                        <button type="button" class="primary" data-act="new" data-testid="new-workspace">
                            {Msg::NewWorkspace.text(lang)}
                        </button>
                    </div>
                </div>
            }
        })
    }
}
