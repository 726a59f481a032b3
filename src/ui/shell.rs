//! The frame of every page: header (name, navigation, language switch), the current view and
//! the footer.

use leptos::prelude::*;

use super::accounts::AccountsView;
use super::frameworks::FrameworksView;
use super::import::{FileDrop, ImportView};
use super::portfolio::PortfolioView;
use super::stakeholders::StakeholdersView;
use super::{browser, storage, use_app, use_workspace};
use crate::demo;
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
            <super::workspaces::WorkspaceMenu/>
            <super::banners::SaveIndicator/>
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
        View::Import => view! { <ImportView/> }.into_any(),
        View::Portfolio => view! { <PortfolioView/> }.into_any(),
        View::Accounts => view! { <AccountsView/> }.into_any(),
        View::Stakeholders => view! { <StakeholdersView/> }.into_any(),
        View::Frameworks => view! { <FrameworksView/> }.into_any(),
        View::About => view! { <super::about::AboutView/> }.into_any(),
        View::Print => view! { <super::print::PrintView/> }.into_any(),
        View::Help => view! { <super::help::HelpView/> }.into_any(),
    }
}

/// Loads the demo and opens the source's customer A. A blank workspace (the first visit's)
/// takes it; otherwise it gets a workspace of its own, so nobody's work is replaced by
/// synthetic data and "Remove demo" or deleting that workspace takes it away cleanly.
fn load_demo() {
    let app = use_app();
    expect_context::<super::autosave::Autosave>()
        .run(super::autosave::Op::Add(demo::workspace(browser::today())));
    app.selected_account.set(Some("demo-a".to_string()));
    app.compared_accounts
        .set(vec!["demo-a".to_string(), "demo-b".to_string()]);
    app.view.set(View::Accounts);
}

/// The button that loads the demo workspace.
#[component]
fn LoadDemoButton() -> impl IntoView {
    let app = use_app();
    view! {
        <button type="button" class="primary" data-testid="load-demo" on:click=move |_| load_demo()>
            {app.t(Msg::LoadDemo)}
        </button>
    }
}

/// What a view shows while the workspace has no account.
#[component]
pub fn NoAccounts() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="empty-state" data-testid="no-accounts">
            <p class="empty-title">{app.t(Msg::NothingYet)}</p>
            <p>{app.t(Msg::NoAccountsYet)}</p>
            <LoadDemoButton/>
        </div>
    }
}

/// A banner while the demo is loaded, so synthetic data is never mistaken for a client's,
/// with the one click that removes it.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let is_demo = move || data.workspace.with(|ws| ws.name == demo::DEMO_NAME);
    let remove = move |_| {
        data.edit_records(|ws| {
            ws.accounts.retain(|a| !demo::is_demo_id(&a.id));
            ws.stakeholders.retain(|s| !demo::is_demo_id(&s.account));
            ws.orders.retain(|o| !demo::is_demo_id(&o.account));
            ws.credit_assessments
                .retain(|c| !demo::is_demo_id(&c.account));
            ws.name.clear();
        });
        app.selected_account.set(None);
        app.compared_accounts.set(Vec::new());
    };
    view! {
        <Show when=is_demo>
            <div class="demo-banner" role="note" data-testid="demo-banner">
                <span>{app.t(Msg::DemoBanner)}</span>
                <button type="button" class="small" data-testid="remove-demo" on:click=remove>
                    {app.t(Msg::RemoveDemo)}
                </button>
            </div>
        </Show>
    }
}

/// The first-visit screen: what the app does, a drop zone and the demo workspace.
#[component]
fn Welcome() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="welcome" data-testid="welcome">
            <h1>{app.t(Msg::WelcomeTitle)}</h1>
            <p class="lead">{app.t(Msg::WelcomeBody)}</p>
            <FileDrop/>
            <div class="actions">
                <LoadDemoButton/>
            </div>
        </section>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let app = use_app();
    view! {
        <footer class="app-footer">
            <p>
                {app.t(Msg::PrivacyNote)} " "
                <a href=View::About.hash() data-testid="about-link" on:click=move |_| app.view.set(View::About)>
                    {app.t(Msg::NavAbout)}
                </a>
                " · "
                <a href=View::Help.hash() data-testid="help-link" on:click=move |_| app.view.set(View::Help)>
                    {app.t(Msg::NavHelp)}
                </a>
            </p>
        </footer>
    }
}
