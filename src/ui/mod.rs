//! The Leptos browser shell: app state, the header with the language switch, navigation and
//! views. Only the small modules [`browser`] and [`storage`] touch browser APIs; components
//! go through them.

mod about;
mod accounts;
mod autosave;
mod banners;
#[cfg(feature = "bench")]
pub mod bench;
mod browser;
mod canvas;
mod download;
mod files;
mod frameworks;
mod help;
mod import;
mod portfolio;
mod print;
mod settings;
mod shell;
mod stakeholders;
mod state;
mod storage;
mod table;
mod worker_client;
mod workspaces;

use leptos::prelude::*;

use crate::i18n::{Lang, Msg};
use crate::model::Workspace;
use crate::route::View;
use state::WorkspaceState;

/// The state every component can reach: one value provided at the root.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The interface language; saved in the browser when changed.
    pub lang: RwSignal<Lang>,
    /// The view shown, mirrored in the URL fragment.
    pub view: RwSignal<View>,
    /// The account the Accounts and Stakeholders views show (its id).
    pub selected_account: RwSignal<Option<String>>,
    /// The accounts overlaid in compare mode (ids, at most five).
    pub compared_accounts: RwSignal<Vec<String>>,
}

impl AppState {
    /// The state of a fresh page: nothing chosen yet.
    pub fn new(lang: Lang, view: View) -> Self {
        AppState {
            lang: RwSignal::new(lang),
            view: RwSignal::new(view),
            selected_account: RwSignal::new(None),
            compared_accounts: RwSignal::new(Vec::new()),
        }
    }

    /// A reactive translation of a fixed message.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || msg.text(self.lang.get())
    }
}

/// The app state provided at the root.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// The workspace and its scores, provided at the root.
pub fn use_workspace() -> WorkspaceState {
    expect_context::<WorkspaceState>()
}

/// Starts the app: panics go to the console, and `<App/>` replaces the loading message.
pub fn mount() {
    console_error_panic_hook::set_once();
    browser::remove_boot_message();
    leptos::mount::mount_to_body(App);
}

/// The language to start with: the saved choice, else the browser's preference, else English.
fn initial_language() -> Lang {
    storage::saved_language().unwrap_or_else(|| {
        let tags = browser::preferred_languages();
        Lang::preferred(tags.iter().map(String::as_str))
    })
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::new(
        initial_language(),
        View::from_hash(&browser::location_hash()),
    );
    provide_context(state);
    let data = WorkspaceState::new(Workspace::default());
    provide_context(data);
    provide_context(table::TableState::new(data));
    let autosave = autosave::Autosave::start(data);
    provide_context(autosave);
    provide_context(import::ImportSession::new(state, data));
    files::request_persistent_storage();

    // Effects only mirror state outward: the document language, and the URL fragment.
    Effect::new(move |_| browser::set_document_language(state.lang.get().tag()));
    Effect::new(move |_| browser::set_location_hash(state.view.get().hash()));
    // Back/forward buttons and typed URLs change the fragment; follow them.
    browser::on_hash_change(move |hash| {
        let view = View::from_hash(&hash);
        if state.view.get_untracked() != view {
            state.view.set(view);
        }
    });

    view! {
        <shell::Header/>
        <banners::StorageBanners/>
        <shell::DemoBanner/>
        <main id="main" class="main" tabindex="-1">
            // The views wait for the stored workspace (a moment), so nothing typed is replaced.
            <Show
                when=move || autosave.ready.get()
                fallback=move || view! { <p class="boot">{state.t(Msg::OpeningWorkspace)}</p> }
            >
                <shell::CurrentView/>
            </Show>
        </main>
        <shell::Footer/>
    }
}
