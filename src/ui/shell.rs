//! The frame of every page: header (name, navigation, language switch), the current view and
//! the footer. Views that later work fills in show an empty state saying what will be there.

use leptos::prelude::*;

use super::{storage, use_app};
use crate::i18n::Msg;
use crate::route::View;

#[component]
pub fn Header() -> impl IntoView {
    let app = use_app();
    let switch_language = move |_| {
        let next = app.lang.get_untracked().other();
        app.lang.set(next);
        storage::save_language(next);
    };
    view! {
        <header class="app-header">
            <a class="brand" href=View::Home.hash() on:click=move |_| app.view.set(View::Home)>
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name" data-testid="app-name">{app.t(Msg::AppName)}</span>
            </a>
            <nav class="main-nav" aria-label=app.t(Msg::MainNavigation)>
                {View::NAVIGATION.map(|view| view! { <NavLink view/> }).collect_view()}
            </nav>
            <button
                class="lang-switch"
                type="button"
                data-testid="lang-switch"
                title=app.t(Msg::SwitchLanguageHint)
                on:click=switch_language
            >
                {app.t(Msg::SwitchLanguage)}
            </button>
        </header>
    }
}

#[component]
fn NavLink(view: View) -> impl IntoView {
    let app = use_app();
    let current = move || app.view.get() == view;
    view! {
        <a
            href=view.hash()
            class="nav-link"
            class:active=current
            aria-current=move || current().then_some("page")
            on:click=move |_| app.view.set(view)
        >
            {app.t(view.title())}
        </a>
    }
}

#[component]
pub fn CurrentView() -> impl IntoView {
    let app = use_app();
    move || match app.view.get() {
        View::Home => view! { <Welcome/> }.into_any(),
        View::Import => view! { <EmptyView view=View::Import body=Msg::ImportEmpty/> }.into_any(),
        View::Portfolio => {
            view! { <EmptyView view=View::Portfolio body=Msg::PortfolioEmpty/> }.into_any()
        }
        View::Accounts => {
            view! { <EmptyView view=View::Accounts body=Msg::AccountsEmpty/> }.into_any()
        }
        View::Stakeholders => {
            view! { <EmptyView view=View::Stakeholders body=Msg::StakeholdersEmpty/> }.into_any()
        }
        View::Frameworks => {
            view! { <EmptyView view=View::Frameworks body=Msg::FrameworksEmpty/> }.into_any()
        }
    }
}

/// The first-visit screen: what the app does, a drop zone and the demo workspace.
#[component]
fn Welcome() -> impl IntoView {
    let app = use_app();
    let dragging = RwSignal::new(false);
    let notice = RwSignal::new(None::<Msg>);
    view! {
        <section class="welcome" data-testid="welcome">
            <h1>{app.t(Msg::WelcomeTitle)}</h1>
            <p class="lead">{app.t(Msg::WelcomeBody)}</p>
            <div
                class="drop-zone"
                class:dragging=move || dragging.get()
                data-testid="drop-zone"
                on:dragover=move |ev| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev| {
                    ev.prevent_default();
                    dragging.set(false);
                    notice.set(Some(Msg::DropZoneComing));
                }
            >
                <p class="drop-title">{app.t(Msg::DropZoneTitle)}</p>
                <p class="drop-formats">{app.t(Msg::DropZoneFormats)}</p>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="load-demo"
                    on:click=move |_| notice.set(Some(Msg::DemoComing))
                >
                    {app.t(Msg::LoadDemo)}
                </button>
            </div>
            {move || {
                notice
                    .get()
                    .map(|msg| {
                        view! {
                            <p class="notice" role="status">
                                {move || msg.text(app.lang.get())}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn EmptyView(view: View, body: Msg) -> impl IntoView {
    let app = use_app();
    view! {
        <section class="empty-view" data-testid=format!("view-{}", view.hash().trim_start_matches("#/"))>
            <h1>{app.t(view.title())}</h1>
            <div class="empty-state">
                <p class="empty-title">{app.t(Msg::NothingYet)}</p>
                <p>{app.t(body)}</p>
            </div>
        </section>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let app = use_app();
    view! {
        <footer class="app-footer">
            <p>{app.t(Msg::PrivacyNote)}</p>
        </footer>
    }
}
