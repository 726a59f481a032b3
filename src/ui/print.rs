//! The print view: one page per account shown in the portfolio table (its filters and order),
//! laid out by the core ([`crate::export::print`]) and printed with the browser's own dialog,
//! where "Save as PDF" makes the PDF. The toolbar and the app's frame are hidden on paper.

use leptos::prelude::*;

use super::table::TableState;
use super::{browser, use_app, use_workspace};
use crate::export::print::{Printer, PRINT_LIMIT};
use crate::i18n::Msg;
use crate::route::View;
use crate::scoring::segmentation::Cuts;

#[component]
pub fn PrintView() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let table = expect_context::<TableState>();
    let rows = Memo::new(move |_| table.shown_rows());
    let pages = move || {
        let lang = app.lang.get();
        rows.with(|rows| {
            data.scored.with(|scored| {
                let scored = scored.as_ref().ok()?;
                data.workspace.with(|ws| {
                    let today = browser::today();
                    let cuts = Cuts::compute(&ws.accounts, &ws.orders, &ws.settings, Some(today));
                    let lost = scored.lost(ws);
                    let printer =
                        Printer::new(&scored.engine, ws, &scored.scores, &cuts, lost, lang);
                    Some(printer.pages(rows))
                })
            })
        })
    };
    let count = move || rows.with(Vec::len);
    view! {
        <section class="print-view" data-testid="view-print">
            <div class="print-toolbar no-print">
                <h1>{app.t(Msg::PrintTitle)}</h1>
                <p class="hint">{app.t(Msg::PrintIntro)}</p>
                <div class="actions">
                    <button
                        type="button"
                        class="primary"
                        data-testid="print-button"
                        on:click=move |_| browser::print()
                    >
                        {app.t(Msg::PrintButton)}
                    </button>
                    <a
                        href=View::Portfolio.hash()
                        on:click=move |_| app.view.set(View::Portfolio)
                    >
                        {app.t(Msg::BackToPortfolio)}
                    </a>
                    <span data-testid="print-count">
                        <strong>{count}</strong> " " {app.t(Msg::PrintAccounts)}
                    </span>
                </div>
                <Show when=move || { count() > PRINT_LIMIT }>
                    <p class="notice" data-testid="print-capped">
                        {app.t(Msg::PrintCapped)} " " {PRINT_LIMIT}
                    </p>
                </Show>
            </div>
            <Show
                when=move || !data.is_empty()
                fallback=move || view! { <super::shell::NoAccounts/> }
            >
                <div class="print-pages" inner_html=pages></div>
            </Show>
        </section>
    }
}
