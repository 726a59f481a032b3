//! The help page for trainees: how each framework in force works, drawn by the core
//! ([`crate::help`]) from the frameworks themselves, in the interface language.

use leptos::prelude::*;

use super::{browser, use_app, use_workspace};
use crate::help::help_html;
use crate::i18n::Msg;
use crate::scoring::Engine;

#[component]
pub fn HelpView() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let html = move || {
        let lang = app.lang.get();
        data.scored.with(|scored| match scored.as_ref() {
            Ok(scored) => help_html(&scored.engine, lang),
            // Frameworks that cannot score are explained as they ship.
            Err(_) => help_html(&Engine::presets(), lang),
        })
    };
    // The contents' links scroll to their section instead of replacing the route.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(target) = browser::data_of(&ev, "data-help-target") {
            ev.prevent_default();
            browser::scroll_into_view(&target);
        }
    };
    view! {
        <section class="help-view" data-testid="view-help">
            <h1>{app.t(Msg::NavHelp)}</h1>
            <div class="help-body" inner_html=html on:click=on_click></div>
        </section>
    }
}
