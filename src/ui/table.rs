//! The portfolio table in the browser: every account with its score and class in each
//! framework, filtered, counted and sorted by the core ([`crate::portfolio`]) and shown as a
//! virtualised grid — only the rows in view exist in the DOM, so 100,000 accounts scroll
//! smoothly — with the results CSV downloads.
//!
//! Rows have a fixed height ([`ROW_HEIGHT`]): the body is as tall as all rows together, and the
//! rows from the scroll position on follow a padding as tall as the rows above them. The box is
//! at most 480 px tall, so a fixed number of rows fills it at any window size, and a scroll
//! renders again only when it reaches another row. The core writes the rows, the
//! heading and the counts as HTML ([`crate::portfolio::html`]); this module only keeps the
//! choices in signals and turns clicks and keys into them. One row at a time is in the tab
//! order; arrow keys, Page Up/Down, Home and End move between rows; Enter or a click opens the
//! account in the Accounts view.
//!
//! Below the filters: the results as XLSX (all accounts or the shown rows), made by the import
//! worker from a table the core builds here, and the print view of the shown rows.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::state::{Scored, Shared, WorkspaceState};
use super::worker_client::WorkerClient;
use super::{browser, download, use_app, use_workspace};
use crate::export::book::results_book;
use crate::export::results::{results_table, write_csv};
use crate::i18n::{Lang, Msg};
use crate::import::worker::{Reply, Request};
use crate::portfolio::html::{self as render, Labels};
use crate::portfolio::{select, Column, Columns, Filter, Selection, Sort, FRAMEWORKS};
use crate::route::View;
use crate::scoring::segmentation::Cuts;

/// The height of a row in CSS pixels; `style/main.css` gives `.pt-row` the same.
const ROW_HEIGHT: usize = 32;
/// The height of the sticky heading row, which covers the top of the box.
const HEAD_HEIGHT: usize = 44;
/// Rows rendered beyond each edge of the view, so a quick scroll shows no blank band.
const OVERSCAN: usize = 8;
/// The rows the scrolling box shows at most: `style/main.css` caps its height at 480 px (a
/// smaller window makes it shorter), so this many rows fill it at any window size.
const VISIBLE: usize = 480 / ROW_HEIGHT;
/// The rows rendered: the visible ones, one cut in half at each edge, and the overscan.
const RENDERED: usize = VISIBLE + 1 + 2 * OVERSCAN;

/// What the table shows: the columns (rebuilt only when the scoring changes) and the rows the
/// filter and sort pick.
pub struct TableView {
    scored: Shared<Result<Scored, String>>,
    columns: Option<Shared<Columns>>,
    selection: Selection,
}

/// The table's choices, kept at the root so they survive a visit to another view.
#[derive(Clone, Copy)]
pub struct TableState {
    filter: RwSignal<Filter>,
    sort: RwSignal<Option<Sort>>,
    view: Memo<Shared<TableView>>,
    /// The display position of the row in the tab order.
    active: RwSignal<usize>,
    /// Whether a results workbook is being made (its buttons wait meanwhile).
    exporting: RwSignal<bool>,
    /// What became of the last workbook: saved (its file name) or why it failed.
    exported: RwSignal<Option<Result<String, String>>>,
    /// The worker making the workbook; kept here so leaving the view does not cancel it.
    exporter: StoredValue<Option<WorkerClient>, LocalStorage>,
}

impl TableState {
    pub fn new(data: WorkspaceState) -> Self {
        let filter = RwSignal::new(Filter::default());
        let sort = RwSignal::new(None);
        // One memo: the columns are carried over from the previous value while the scoring is
        // the same computation, so a filter or sort change only selects again.
        let view = Memo::new(move |previous: Option<&Shared<TableView>>| {
            let scored = data.scored.get();
            let sort = sort.get();
            data.workspace.with(|ws| {
                let today = Some(browser::today());
                let columns = match previous {
                    Some(p) if p.scored == scored => p.columns.clone(),
                    _ => scored.as_ref().ok().map(|s| {
                        // After a framework edit the records are the same (the same index): only
                        // the scores and classes are gathered again.
                        let same_records = previous.and_then(|p| {
                            let before = (*p.scored).as_ref().ok()?;
                            let columns = p.columns.as_ref()?;
                            Arc::ptr_eq(&before.portfolio, &s.portfolio).then_some(columns)
                        });
                        Shared::new(match same_records {
                            Some(before) => Columns::rescored(
                                before,
                                &s.engine,
                                &s.portfolio,
                                &s.scores,
                                ws,
                                today,
                            ),
                            None => Columns::build(&s.engine, &s.portfolio, &s.scores, ws, today),
                        })
                    }),
                };
                let selection = columns
                    .as_ref()
                    .map(|c| filter.with(|f| select(c, &ws.accounts, f, sort)))
                    .unwrap_or_default();
                Shared::new(TableView {
                    scored,
                    columns,
                    selection,
                })
            })
        });
        TableState {
            filter,
            sort,
            view,
            active: RwSignal::new(0),
            exporting: RwSignal::new(false),
            exported: RwSignal::new(None),
            exporter: StoredValue::new_local(None),
        }
    }

    /// The workspace rows the table shows, in its order (every account unless filtered).
    pub fn shown_rows(self) -> Vec<usize> {
        self.view
            .with(|v| v.selection.rows.iter().map(|&r| r as usize).collect())
    }

    /// Makes the results workbook of every account, or of the shown rows, in the import worker
    /// and offers it for download.
    fn export_xlsx(self, data: WorkspaceState, lang: RwSignal<Lang>, only_shown: bool) {
        if self.exporting.get_untracked() {
            return;
        }
        self.exporting.set(true);
        self.exported.set(None);
        // A moment for the page to show the busy state before the data is gathered.
        set_timeout(
            move || {
                let request = self.view.with_untracked(|v| {
                    let scored = v.scored.as_ref().map_err(Clone::clone)?;
                    Ok::<_, String>(data.workspace.with_untracked(|ws| {
                        let today = browser::today();
                        let cuts =
                            Cuts::compute(&ws.accounts, &ws.orders, &ws.settings, Some(today));
                        let lost = scored.lost(ws);
                        let rows: Vec<usize> = if only_shown {
                            v.selection.rows.iter().map(|&r| r as usize).collect()
                        } else {
                            (0..ws.accounts.len()).collect()
                        };
                        let stem = if only_shown {
                            "results-shown"
                        } else {
                            "results"
                        };
                        Request::ResultsXlsx {
                            name: crate::export::file_name(&["kam-radar", &ws.name, stem], "xlsx"),
                            book: results_book(
                                &scored.engine,
                                ws,
                                &scored.scores,
                                &cuts,
                                lost,
                                &rows,
                            ),
                        }
                    }))
                });
                let finish = move |outcome: Result<String, String>| {
                    self.exported.set(Some(outcome));
                    self.exporting.set(false);
                };
                let request = match request {
                    Ok(request) => request,
                    Err(e) => return finish(Err(e)),
                };
                let client = WorkerClient::start(move |reply, bytes| match reply {
                    Reply::File { name, mime } => finish(
                        download::offer_bytes(&name, &mime, &bytes.unwrap_or_default())
                            .map(|()| name),
                    ),
                    Reply::Failed { message } => {
                        finish(Err(message.get(lang.get_untracked()).to_string()))
                    }
                    _ => {}
                });
                match client {
                    Ok(client) => {
                        client.send(&request, &[]);
                        // Replacing the previous worker (idle by now) stops it.
                        self.exporter.set_value(Some(client));
                    }
                    Err(e) => finish(Err(e)),
                }
            },
            std::time::Duration::from_millis(30),
        );
    }
}

impl TableState {
    /// The table's columns (scores, classes, ABC class and RFM cell of every account), built
    /// once per scoring and shared with the Accounts view so the cuts are computed in one place.
    pub fn columns(&self) -> Option<Shared<Columns>> {
        self.view.with(|v| v.columns.clone())
    }
}

#[component]
pub fn PortfolioTable() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let state = expect_context::<TableState>();
    let viewport = NodeRef::<html::Div>::new();
    // The first row the scroll position needs.
    let first = RwSignal::new(0usize);
    let failure = RwSignal::new(String::new());
    // Counts "clear filters" clicks: the filter bar is drawn again with empty choices.
    let cleared = RwSignal::new(0u32);
    let len = move || state.view.with(|v| v.selection.rows.len());
    // The display positions rendered: the needed ones, moved back at the end of the list.
    let window = move || {
        let count = len();
        let start = first.get().min(count.saturating_sub(RENDERED));
        start..(start + RENDERED).min(count)
    };

    // Renders from the row a scroll position needs, when that changes.
    let follow = move |top: usize| {
        let row = (top / ROW_HEIGHT).saturating_sub(OVERSCAN);
        if first.get_untracked() != row {
            first.set(row);
        }
    };
    let on_scroll = move |_| {
        if let Some(element) = viewport.get_untracked() {
            follow(browser::scroll_top(&element));
        }
    };

    // A new filter or order starts at the top.
    let change = move |edit: &dyn Fn(&mut Filter)| {
        state.filter.update(|f| edit(f));
        if let Some(element) = viewport.get_untracked() {
            browser::scroll_to(&element, 0);
        }
        first.set(0);
        state.active.set(0);
    };
    let sort_by = move |column: Column| {
        state.sort.update(|sort| {
            let descending = match *sort {
                Some(s) if s.column == column => !s.descending,
                _ => column.descending_first(),
            };
            *sort = Some(Sort { column, descending });
        });
        change(&|_| ());
    };
    let open = move |pos: usize| {
        let row = state
            .view
            .with_untracked(|v| v.selection.rows.get(pos).copied());
        let id = row.and_then(|row| {
            data.workspace
                .with_untracked(|ws| ws.accounts.get(row as usize).map(|a| a.id.clone()))
        });
        if let Some(id) = id {
            app.selected_account.set(Some(id));
            app.view.set(View::Accounts);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = len();
        let Some(element) = viewport.get_untracked() else {
            return;
        };
        let at = browser::data_of(&ev, "data-pos").and_then(|p| p.parse::<usize>().ok());
        let current = at.unwrap_or_else(|| state.active.get_untracked());
        let page = VISIBLE - 1;
        let next = match ev.key().as_str() {
            "Enter" => {
                if let Some(pos) = at {
                    open(pos);
                }
                return;
            }
            "ArrowDown" => current + 1,
            "ArrowUp" => current.saturating_sub(1),
            "PageDown" => current + page,
            "PageUp" => current.saturating_sub(page),
            "Home" => 0,
            "End" => count,
            _ => return,
        };
        if count == 0 {
            return;
        }
        // From the heading or the box, the first press enters the rows where focus last was.
        let next = if at.is_none() { current } else { next }.min(count - 1);
        ev.prevent_default();
        state.active.set(next);
        // Scroll just enough to show the row below the sticky heading, and render the rows of
        // the new position now rather than at the scroll event, so the row can be focused
        // before the next key arrives.
        let top = browser::scroll_top(&element);
        let visible = browser::visible_height(&element).saturating_sub(HEAD_HEIGHT);
        let y = next * ROW_HEIGHT;
        let top = if y < top {
            y
        } else if y + ROW_HEIGHT > top + visible {
            y + ROW_HEIGHT - visible
        } else {
            top
        };
        browser::scroll_to(&element, top);
        follow(top);
        browser::focus_soon(&element, format!("[data-pos=\"{next}\"]"));
    };
    let download = move |only_shown: bool| {
        let outcome = state.view.with_untracked(|v| {
            let scored = v.scored.as_ref().map_err(Clone::clone)?;
            data.workspace.with_untracked(|ws| {
                // The cuts of the export include share of wallet, which the table does not show.
                let today = browser::today();
                let cuts = Cuts::compute(&ws.accounts, &ws.orders, &ws.settings, Some(today));
                let mut table = results_table(
                    &scored.engine,
                    &ws.accounts,
                    &scored.scores,
                    &cuts,
                    scored.lost(ws),
                );
                if only_shown {
                    let mut all = std::mem::take(&mut table.rows);
                    table.rows = v
                        .selection
                        .rows
                        .iter()
                        .map(|&r| std::mem::take(&mut all[r as usize]))
                        .collect();
                }
                // The byte-order mark makes Excel read the UTF-8 (Chinese names) correctly.
                let mut bytes = "\u{feff}".as_bytes().to_vec();
                write_csv(&table, &mut bytes).map_err(|e| e.to_string())?;
                let stem = if only_shown {
                    "results-shown"
                } else {
                    "results"
                };
                let name = crate::export::file_name(&["kam-radar", &ws.name, stem], "csv");
                download::offer_bytes(&name, "text/csv", &bytes)
            })
        });
        failure.set(outcome.err().unwrap_or_default());
    };
    // Every click in the table, by what was clicked: a row, a heading, a class count or a button.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let data_of = |name: &str| browser::data_of(&ev, name);
        if let Some(pos) = data_of("data-pos").and_then(|p| p.parse::<usize>().ok()) {
            state.active.set(pos);
            open(pos);
        } else if let Some(col) = data_of("data-col").and_then(|c| c.parse::<usize>().ok()) {
            if let Some(&column) = Column::ALL.get(col) {
                sort_by(column);
            }
        } else if let (Some(facet), Some(value)) = (
            data_of("data-facet").and_then(|f| f.parse::<usize>().ok()),
            data_of("data-value").and_then(|v| v.parse::<u8>().ok()),
        ) {
            change(&|f| {
                let slot = if facet < FRAMEWORKS {
                    &mut f.class[facet]
                } else {
                    &mut f.abc
                };
                *slot = (*slot != Some(value)).then_some(value);
            });
        } else {
            match data_of("data-action").as_deref() {
                Some("clear-filters") => {
                    change(&|f| *f = Filter::default());
                    cleared.update(|n| *n += 1);
                }
                Some("download-results") => download(false),
                Some("download-shown") => download(true),
                _ => {}
            }
        }
    };
    // Typing in the search box and choosing in a drop-down (a `<select>` fires `input` too).
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        match browser::data_of(&ev, "data-filter").as_deref() {
            Some("text") => change(&|f| f.text.clone_from(&value)),
            Some("owner") => change(&|f| f.owner = Some(value.clone()).filter(|v| !v.is_empty())),
            Some("region") => change(&|f| f.region = Some(value.clone()).filter(|v| !v.is_empty())),
            Some("level") => change(&|f| f.level = value.parse().ok()),
            _ => {}
        }
    };

    let labels = move || {
        let lang = app.lang.get();
        state
            .view
            .with(|v| v.scored.as_ref().ok().map(|s| Labels::new(&s.engine, lang)))
    };
    // The bar is drawn again only for a new language, new data or a cleared filter, never
    // while typing, so the search box keeps its focus.
    let bar = move || {
        let lang = app.lang.get();
        data.scored.track();
        cleared.track();
        state.view.with_untracked(|v| {
            let none = &[][..];
            let (owners, regions) = v
                .columns
                .as_ref()
                .map_or((none, none), |c| (c.owners(), c.regions()));
            state
                .filter
                .with_untracked(|f| render::bar(lang, owners, regions, f))
        })
    };
    let summary = move || {
        let labels = labels();
        state.view.with(|v| {
            let total = v.columns.as_ref().map_or(0, |c| c.len());
            state.filter.with(|f| {
                labels.map_or_else(String::new, |l| render::summary(&v.selection, total, f, &l))
            })
        })
    };
    let body = move || {
        let (range, active) = (window(), state.active.get());
        let labels = labels();
        state.view.with(|v| {
            let (Some(c), Some(labels)) = (&v.columns, labels) else {
                return String::new();
            };
            data.workspace
                .with(|ws| render::rows(c, &ws.accounts, &v.selection, range, active, &labels))
        })
    };

    view! {
        <section
            class="portfolio-table"
            data-testid="portfolio-table"
            on:click=on_click
            on:input=on_input
        >
            <div inner_html=bar></div>
            <ExportBar/>
            <div inner_html=summary></div>
            <p class="error">
                {move || failure.get()}
                {move || {
                    data.scored
                        .with(|s| s.as_ref().err().cloned())
                        .map(|e| format!("{} {e}", Msg::FrameworksCannotScore.text(app.lang.get())))
                }}
            </p>
            <div
                class="pt-viewport"
                role="grid"
                tabindex="0"
                data-testid="table-viewport"
                aria-label=app.t(Msg::PortfolioTableTitle)
                aria-rowcount=move || (len() + 1).to_string()
                aria-colcount="14"
                node_ref=viewport
                on:scroll=on_scroll
                on:keydown=on_key
            >
                <div
                    role="rowgroup"
                    class="pt-head"
                    inner_html=move || render::head(state.sort.get(), app.lang.get())
                ></div>
                <div
                    role="rowgroup"
                    class="pt-body"
                    style=move || {
                        format!(
                            "height:{}px;padding-top:{}px",
                            len() * ROW_HEIGHT,
                            window().start * ROW_HEIGHT,
                        )
                    }
                    inner_html=body
                ></div>
            </div>
        </section>
    }
}

/// The workbook downloads and the print view, with the state of the workbook being made.
#[component]
fn ExportBar() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let state = expect_context::<TableState>();
    let busy = move || state.exporting.get();
    let export = move |only_shown: bool| state.export_xlsx(data, app.lang, only_shown);
    let outcome = move || {
        let lang = app.lang.get();
        state.exported.get().map(|outcome| match outcome {
            Ok(name) => view! {
                <span class="hint" data-testid="xlsx-saved">{Msg::WorkbookSaved.text(lang)} " " {name}</span>
            }
            .into_any(),
            Err(e) => view! { <span class="error" data-testid="xlsx-failed">{e}</span> }.into_any(),
        })
    };
    view! {
        <div class="actions pt-actions pt-export" aria-busy=move || busy().to_string()>
            <button
                type="button"
                class="small"
                data-testid="download-xlsx"
                title=app.t(Msg::DownloadXlsxHint)
                disabled=busy
                on:click=move |_| export(false)
            >
                {app.t(Msg::DownloadResultsXlsx)}
            </button>
            <button
                type="button"
                class="small"
                data-testid="download-shown-xlsx"
                title=app.t(Msg::DownloadXlsxHint)
                disabled=busy
                on:click=move |_| export(true)
            >
                {app.t(Msg::DownloadShownXlsx)}
            </button>
            <button
                type="button"
                class="small"
                data-testid="open-print"
                title=app.t(Msg::PrintShownHint)
                on:click=move |_| app.view.set(View::Print)
            >
                {app.t(Msg::PrintShown)}
            </button>
            <Show when=busy>
                <span class="hint busy" role="status" data-testid="xlsx-busy">
                    <span class="spinner" aria-hidden="true"></span>
                    {app.t(Msg::MakingWorkbook)}
                </span>
            </Show>
            {outcome}
        </div>
    }
}
