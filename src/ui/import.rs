//! The Import view: choose or drop files, see what each sheet became and change it, check the
//! mapping against the first rows, read the row-by-row report and the merge preview, then
//! commit. The work happens in the import worker ([`WorkerClient`]); this module holds the
//! session's state and draws it.

use leptos::prelude::*;

use super::state::Shared;
use super::state::WorkspaceState;
use super::worker_client::WorkerClient;
use super::{download, use_app, AppState};
use crate::i18n::{Label, Lang, Msg};
use crate::import::worker::{
    AccountRef, Arrivals, Converted, ProblemLine, ReadResult, Reply, Request, Stage, TemplateFormat,
};
use crate::import::{
    column_letter, plan_merge, FileFormat, MappingMemory, MergePlan, MergeSummary, SheetPlan,
    TableKind, Target,
};
use crate::route::View;
use crate::scoring::ahead::ScoreAhead;

/// Where the session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Nothing read yet (or the last import finished or was cancelled).
    Choose,
    /// The worker is reading or converting; the progress bar shows how far.
    Working,
    /// Files read: sheets, kinds and column mappings to confirm.
    Mapping,
    /// Converted: the report and what the merge would change, to commit or go back.
    Review,
    /// Committed; the accounts are being scored (a task per framework), then shown.
    Scoring,
    /// Committed.
    Done,
}

/// The report and merge preview of a conversion.
struct Review {
    summary: MergeSummary,
    problems: Vec<ProblemLine>,
    total_problems: usize,
    rows_read: usize,
    rows_imported: usize,
    sheets_with_rejected_rows: Vec<usize>,
}

/// One import, from the files chosen to the commit; provided at the root so a file dropped
/// on the welcome screen lands here, and an import under way survives switching views.
#[derive(Clone, Copy)]
pub struct ImportSession {
    app: AppState,
    data: WorkspaceState,
    step: RwSignal<Step>,
    progress: RwSignal<(Stage, f32)>,
    read: RwSignal<Option<Shared<ReadResult>>>,
    plans: RwSignal<Vec<SheetPlan>>,
    review: RwSignal<Option<Shared<Review>>>,
    /// The records of the conversion under way, part by part.
    received: StoredValue<Arrivals>,
    /// The previewed merge, and the accounts scored ahead for the commit.
    merge: StoredValue<Option<(MergePlan, Option<ScoreAhead>)>>,
    notice: RwSignal<Option<(bool, Label)>>,
    client: StoredValue<Option<WorkerClient>, LocalStorage>,
    /// The running worker was started ahead of an import and has been sent nothing yet, so
    /// the next files can go to it instead of a worker started (and compiled) only then.
    client_unused: StoredValue<bool>,
}

impl ImportSession {
    pub fn new(app: AppState, data: WorkspaceState) -> Self {
        ImportSession {
            app,
            data,
            step: RwSignal::new(Step::Choose),
            progress: RwSignal::new((Stage::Reading, 0.0)),
            read: RwSignal::new(None),
            plans: RwSignal::new(Vec::new()),
            review: RwSignal::new(None),
            received: StoredValue::new(Arrivals::default()),
            merge: StoredValue::new(None),
            notice: RwSignal::new(None),
            client: StoredValue::new_local(None),
            client_unused: StoredValue::new(false),
        }
    }

    /// Starts the worker, when none runs, before the user gives it anything: fetching and
    /// compiling its module (a few hundred milliseconds, more on a first visit) then happens
    /// while the user picks a file, not after. Nothing is shown if it fails: the import
    /// that needs it starts another and reports that one's failure.
    pub fn start_worker_ahead(self) {
        if self.client.with_value(Option::is_some) {
            return;
        }
        if let Ok(client) = WorkerClient::start(move |reply, bytes| self.on_reply(reply, bytes)) {
            self.client.set_value(Some(client));
            self.client_unused.set_value(true);
        }
    }

    /// Sends a request, starting the worker first if none runs.
    fn send(self, request: &Request, files: &[web_sys::File]) {
        if self.client.with_value(Option::is_none) {
            match WorkerClient::start(move |reply, bytes| self.on_reply(reply, bytes)) {
                Ok(client) => self.client.set_value(Some(client)),
                Err(e) => {
                    self.fail(Label::new(
                        format!("The import worker could not start: {e}"),
                        format!("导入线程无法启动：{e}"),
                    ));
                    return;
                }
            }
        }
        self.client_unused.set_value(false);
        self.client.with_value(|client| {
            if let Some(client) = client {
                client.send(request, files);
            }
        });
    }

    /// Stops the worker at once, whatever it is doing.
    fn stop_worker(self) {
        self.client.set_value(None);
        self.client_unused.set_value(false);
    }

    /// Reads the files the user chose or dropped; any import under way is replaced.
    pub fn read_files(self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        // Any import under way is stopped; a worker started ahead and still unused takes the
        // files.
        if !self.client_unused.get_value() {
            self.stop_worker();
        }
        self.reset();
        self.step.set(Step::Working);
        self.progress.set((Stage::Reading, 0.0));
        let memory = self
            .data
            .workspace
            .with_untracked(|ws| MappingMemory::from_stored(&ws.column_mappings));
        let names = files.iter().map(|f| f.name()).collect();
        self.send(&Request::Read { names, memory }, &files);
    }

    fn reset(self) {
        self.read.set(None);
        self.plans.set(Vec::new());
        self.review.set(None);
        self.received.set_value(Arrivals::default());
        self.merge.set_value(None);
        self.notice.set(None);
    }

    /// Converts every sheet with the confirmed plans. Into a workspace without records, the
    /// accounts are scored as they arrive, while the worker converts the next ones.
    fn check(self) {
        let (frameworks, existing, arrivals) = self.data.workspace.with_untracked(|ws| {
            let existing: Vec<AccountRef> = ws
                .accounts
                .iter()
                .map(|a| AccountRef {
                    id: a.id.clone(),
                    name: a.name.clone(),
                })
                .collect();
            let arrivals = Arrivals::into_workspace(ws);
            (ws.frameworks_in_force(), existing, arrivals)
        });
        self.received.set_value(arrivals);
        self.notice.set(None);
        self.step.set(Step::Working);
        self.progress.set((Stage::Converting, 0.0));
        let plans = self.plans.get_untracked();
        self.send(
            &Request::Convert {
                plans,
                frameworks,
                existing,
            },
            &[],
        );
    }

    /// Stops the worker at once and starts over.
    fn cancel(self) {
        self.stop_worker();
        self.start_worker_ahead();
        self.reset();
        self.step.set(Step::Choose);
        self.notice.set(Some((true, label(Msg::ImportCancelled))));
    }

    /// Applies the previewed merge and remembers the confirmed mappings.
    fn commit(self) {
        let mut taken = None;
        self.merge.update_value(|plan| taken = plan.take());
        let Some((plan, ahead)) = taken else {
            return;
        };
        let first_account = plan.accounts.first().map(|(a, _)| a.id.clone());
        let mut memory = MappingMemory::default();
        self.read.with_untracked(|read| {
            if let Some(read) = read {
                self.plans.with_untracked(|plans| {
                    for (sheet, plan) in read.sheets.iter().zip(plans) {
                        memory.remember(&sheet.headers, plan);
                    }
                });
            }
        });
        // The scoring of a large import takes a task per framework; the page says so meanwhile.
        self.step.set(Step::Scoring);
        leptos::task::spawn_local(async move {
            self.data
                .edit_records_in_steps(
                    |ws| {
                        plan.apply(ws);
                        memory.store(&mut ws.column_mappings);
                    },
                    ahead,
                )
                .await;
            if self.app.selected_account.get_untracked().is_none() {
                self.app.selected_account.set(first_account);
            }
            // The worker's copy of the files is no longer needed; a fresh one waits for the
            // next import.
            self.stop_worker();
            self.start_worker_ahead();
            self.step.set(Step::Done);
        });
    }

    fn fail(self, message: Label) {
        self.notice.set(Some((false, message)));
        if self.step.get_untracked() == Step::Working {
            let back = if self.read.with_untracked(Option::is_some) {
                Step::Mapping
            } else {
                Step::Choose
            };
            self.step.set(back);
        }
    }

    fn on_reply(self, reply: Reply, bytes: Option<Vec<u8>>) {
        match reply {
            Reply::Ready => {}
            Reply::Progress { stage, fraction } => self.progress.set((stage, fraction)),
            Reply::Read(result) => {
                self.plans
                    .set(result.sheets.iter().map(|s| s.plan.clone()).collect());
                let readable = !result.sheets.is_empty();
                self.read.set(Some(Shared::new(result)));
                self.step.set(if readable {
                    Step::Mapping
                } else {
                    Step::Choose
                });
            }
            Reply::Records { fraction, .. } => {
                let mut failed = None;
                self.received.update_value(|arrivals| {
                    failed = arrivals.receive(&bytes.unwrap_or_default()).err();
                });
                match failed {
                    Some(e) => self.fail(Label::new(e.to_string(), e.to_string())),
                    None => {
                        self.progress.set((Stage::Converting, fraction));
                        // The part's accounts are scored in a task of their own (see
                        // `Arrivals::receive`). One that runs after a cancel or a new import
                        // scores what that one has received, or nothing.
                        leptos::task::spawn_local(async move {
                            super::browser::next_task().await;
                            self.received.update_value(Arrivals::score_arrived);
                        });
                    }
                }
            }
            Reply::Converted(converted) => self.preview(converted),
            Reply::File { name, mime } => {
                let saved = download::offer_bytes(&name, &mime, &bytes.unwrap_or_default());
                if let Err(e) = saved {
                    self.fail(Label::new(e.clone(), e));
                }
            }
            // A worker started ahead that failed before it was used: the import that
            // needs one starts another, and reports that one's failure. (Dropped after this
            // callback returns, which the worker's handler is part of.)
            Reply::Failed { .. } if self.client_unused.get_value() => {
                leptos::task::spawn_local(async move {
                    if self.client_unused.get_value() {
                        self.stop_worker();
                    }
                });
            }
            Reply::Failed { message } => self.fail(message),
        }
    }

    fn preview(self, converted: Converted) {
        let mut arrivals = Arrivals::default();
        self.received
            .update_value(|received| arrivals = std::mem::take(received));
        let (imported, ahead) = arrivals.finish();
        let mut plan = self
            .data
            .workspace
            .with_untracked(|ws| plan_merge(ws, imported));
        plan.summary.with_problems = converted.rows_with_errors;
        self.review.set(Some(Shared::new(Review {
            summary: plan.summary,
            problems: converted.problems,
            total_problems: converted.total_problems,
            rows_read: converted.rows_read,
            rows_imported: converted.rows_imported,
            sheets_with_rejected_rows: converted.sheets_with_rejected_rows,
        })));
        self.merge.set_value(Some((plan, ahead)));
        self.step.set(Step::Review);
    }

    /// A file made by the worker (template, problem rows), offered for download.
    fn request_file(self, request: Request) {
        self.send(&request, &[]);
    }
}

/// The import session provided at the root.
pub fn use_import() -> ImportSession {
    expect_context::<ImportSession>()
}

fn label(msg: Msg) -> Label {
    Label::new(msg.text(Lang::En), msg.text(Lang::Zh))
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default()
}

/// A drop zone with a file picker: what the user gives it is read and the Import view opens.
#[component]
pub fn FileDrop() -> impl IntoView {
    let app = use_app();
    let session = use_import();
    let dragging = RwSignal::new(false);
    // The drop zone is where an import starts: the worker gets ready meanwhile, once the
    // page has painted.
    leptos::task::spawn_local(async move {
        super::browser::next_task().await;
        session.start_worker_ahead();
    });
    let take = move |files: Vec<web_sys::File>| {
        session.read_files(files);
        app.view.set(View::Import);
    };
    view! {
        <div
            class="drop-zone"
            class:dragging=move || dragging.get()
            data-testid="drop-zone"
            on:dragover=move |ev| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                take(files_of(ev.data_transfer().and_then(|d| d.files())));
            }
        >
            <p class="drop-title">{app.t(Msg::DropZoneTitle)}</p>
            <p class="drop-formats">{app.t(Msg::DropZoneFormats)}</p>
            <label class="file-button">
                {app.t(Msg::ChooseFiles)}
                <input
                    type="file"
                    multiple
                    accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods"
                    data-testid="import-files"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        let files = files_of(input.files());
                        input.set_value("");
                        take(files);
                    }
                />
            </label>
        </div>
    }
}

#[component]
pub fn ImportView() -> impl IntoView {
    let app = use_app();
    let session = use_import();
    let template = move |format| {
        let frameworks = session
            .data
            .workspace
            .with_untracked(|ws| ws.frameworks_in_force());
        session.request_file(Request::Template { format, frameworks });
    };
    view! {
        <section class="import-view" data-testid="view-import">
            <h1>{app.t(Msg::NavImport)}</h1>
            <p class="lead">{app.t(Msg::ImportLead)}</p>
            <FileDrop/>
            <p class="actions templates">
                <span class="hint">{app.t(Msg::TemplatesHint)}</span>
                <button type="button" class="small" data-testid="template-csv"
                    on:click=move |_| template(TemplateFormat::Csv)>
                    {app.t(Msg::TemplateCsv)}
                </button>
                <button type="button" class="small" data-testid="template-xlsx"
                    on:click=move |_| template(TemplateFormat::Xlsx)>
                    {app.t(Msg::TemplateXlsx)}
                </button>
            </p>
            {move || {
                session
                    .notice
                    .get()
                    .map(|(ok, text)| {
                        view! {
                            <p class="notice" class:failed=!ok role=if ok { "status" } else { "alert" }
                                data-testid="import-notice">
                                {move || text.get(app.lang.get()).to_string()}
                            </p>
                        }
                    })
            }}
            <FileSummaries/>
            {move || match session.step.get() {
                Step::Choose => ().into_any(),
                Step::Working => view! { <Progress/> }.into_any(),
                Step::Scoring => view! {
                    <div class="card progress-card" role="status" data-testid="import-scoring">
                        <p>{app.t(Msg::ImportScoring)}</p>
                        <progress max="1"></progress>
                    </div>
                }.into_any(),
                Step::Mapping => view! { <MappingStep/> }.into_any(),
                Step::Review => view! { <ReviewStep/> }.into_any(),
                Step::Done => view! { <DoneStep/> }.into_any(),
            }}
        </section>
    }
}

/// The progress bar of the step under way, with the cancel button.
#[component]
fn Progress() -> impl IntoView {
    let app = use_app();
    let session = use_import();
    let stage = move || session.progress.get().0;
    let fraction = move || session.progress.get().1;
    view! {
        <div class="card progress-card" role="status" data-testid="import-progress">
            <p>
                {move || app.t(if stage() == Stage::Reading { Msg::ImportReading } else { Msg::ImportConverting })()}
                " "
                <span data-testid="import-percent">
                    {move || (stage() == Stage::Reading).then(|| format!("{:.0}%", fraction() * 100.0))}
                </span>
            </p>
            // Converting has no intermediate steps to report: the bar is indeterminate.
            <progress max="1" value=move || (stage() == Stage::Reading).then(|| fraction().to_string())></progress>
            <button type="button" class="small" data-testid="import-cancel" on:click=move |_| session.cancel()>
                {app.t(Msg::Cancel)}
            </button>
        </div>
    }
}

fn format_name(format: FileFormat) -> &'static str {
    match format {
        FileFormat::Text => "CSV",
        FileFormat::Xlsx => "XLSX",
        FileFormat::Xlsb => "XLSB",
        FileFormat::Xls => "XLS",
        FileFormat::Ods => "ODS",
    }
}

/// Per file: what it was read as, or why it could not be read.
#[component]
fn FileSummaries() -> impl IntoView {
    let app = use_app();
    let session = use_import();
    move || {
        let lang = app.lang.get();
        session.read.get().map(|read| {
            read.files
                .iter()
                .map(|file| {
                    let detail = match (&file.error, file.format) {
                        (Some(error), _) => error.get(lang).to_string(),
                        (None, Some(format)) => {
                            let mut parts = vec![format_name(format).to_string()];
                            parts.extend(file.encoding.map(|e| e.label(lang).to_string()));
                            parts.extend(file.delimiter.map(|d| d.label(lang).to_string()));
                            parts.join(" · ")
                        }
                        (None, None) => String::new(),
                    };
                    let failed = file.error.is_some();
                    view! {
                        <p class="file-summary" class:failed=failed role=failed.then_some("alert")
                            data-testid=if failed { "file-error" } else { "file-read" }>
                            <strong>{file.name.clone()}</strong> " — " {detail}
                        </p>
                    }
                })
                .collect_view()
        })
    }
}

/// Every sheet with its kind and mapping, and the button that checks the import.
#[component]
fn MappingStep() -> impl IntoView {
    let app = use_app();
    let session = use_import();
    let count = move || {
        session
            .read
            .with(|r| r.as_ref().map_or(0, |r| r.sheets.len()))
    };
    let nothing_to_import = move || {
        session
            .plans
            .with(|plans| plans.iter().all(|p| p.kind == TableKind::Other))
    };
    view! {
        <div class="mapping-step" data-testid="import-mapping">
            <p class="hint">{app.t(Msg::MappingHint)}</p>
            {move || (0..count()).map(|index| view! { <SheetMapping index/> }).collect_view()}
            <div class="actions">
                <button type="button" class="primary" data-testid="import-check"
                    disabled=nothing_to_import on:click=move |_| session.check()>
                    {app.t(Msg::CheckImport)}
                </button>
                <Show when=nothing_to_import>
                    <span class="hint">{app.t(Msg::NothingToImport)}</span>
                </Show>
            </div>
        </div>
    }
}

fn confidence_text(confidence: crate::import::Confidence) -> Msg {
    use crate::import::Confidence;
    match confidence {
        Confidence::None => Msg::ConfidenceNone,
        Confidence::Medium => Msg::ConfidenceMedium,
        Confidence::High => Msg::ConfidenceHigh,
        Confidence::Remembered => Msg::ConfidenceRemembered,
        Confidence::User => Msg::ConfidenceUser,
    }
}

/// One sheet: which table it is, each column's field (with the confidence of the guess) over
/// the sheet's first rows.
#[component]
fn SheetMapping(index: usize) -> impl IntoView {
    let app = use_app();
    let session = use_import();
    let Some(read) = session.read.get_untracked() else {
        return ().into_any();
    };
    let Some(sheet) = read.sheets.get(index).cloned() else {
        return ().into_any();
    };
    let kind = move || session.plans.with(|p| p.get(index).map(|p| p.kind));
    let alternatives = sheet.alternatives.clone();
    let set_kind = move |ev: leptos::ev::Event| {
        let wanted = event_target_value(&ev);
        if let Some(plan) = alternatives
            .iter()
            .find(|a| kind_key(a.kind) == wanted)
            .cloned()
        {
            session.plans.update(|plans| plans[index] = plan);
        }
    };
    let targets_of = {
        let read = read.clone();
        move |kind: TableKind| -> Vec<(Target, Label)> {
            read.targets
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        }
    };
    let title = match &sheet.sheet {
        Some(name) => format!("{} › {name}", sheet.file),
        None => sheet.file.clone(),
    };
    let rows = sheet.rows;
    let width = sheet.headers.len();
    let preview = StoredValue::new(sheet.preview.clone());
    let mapping_head = move || {
        let lang = app.lang.get();
        let Some(kind) = kind() else {
            return ().into_any();
        };
        let targets = targets_of(kind);
        session.plans.with(|plans| {
            let columns = plans[index].mapping.columns.clone();
            columns
                .into_iter()
                .enumerate()
                .map(|(col, column)| {
                    let options = targets
                        .iter()
                        .enumerate()
                        .map(|(i, (target, name))| {
                            view! {
                                <option value=i.to_string() selected=*target == column.target>
                                    {name.get(lang).to_string()}
                                </option>
                            }
                        })
                        .collect_view();
                    let choices = targets.clone();
                    let confidence = column.confidence;
                    view! {
                        <th scope="col">
                            <div class="column-header">
                                <span class="column-letter">{column_letter(col)}</span>
                                " " {column.header.clone()}
                            </div>
                            <select
                                data-testid="column-target"
                                data-header=column.header.clone()
                                aria-label=format!("{} {}", column_letter(col), column.header)
                                on:change=move |ev| {
                                    let chosen = event_target_value(&ev).parse::<usize>().ok();
                                    if let Some((target, _)) = chosen.and_then(|i| choices.get(i)) {
                                        let target = target.clone();
                                        session.plans.update(|plans| {
                                            plans[index].mapping.set(col, target, kind)
                                        });
                                    }
                                }
                            >
                                {options}
                            </select>
                            <span class=format!("confidence confidence-{confidence:?}").to_lowercase()>
                                {confidence_text(confidence).text(lang)}
                            </span>
                        </th>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    let body = move || {
        preview.with_value(|rows| {
            rows.iter()
                .map(|cells| {
                    let cells = (0..width)
                        .map(|c| view! { <td>{cells.get(c).cloned().unwrap_or_default()}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view()
        })
    };
    let imported = move || kind().is_some_and(|k| k != TableKind::Other);
    view! {
        <div class="card sheet-card" data-testid="sheet">
            <h3>
                {title} " "
                <span class="hint">{move || rows_text(rows, app.lang.get())}</span>
            </h3>
            <label>
                {app.t(Msg::SheetHolds)} " "
                <select data-testid="sheet-kind" on:change=set_kind>
                    {move || {
                        let lang = app.lang.get();
                        TableKind::ALL
                            .into_iter()
                            .chain([TableKind::Other])
                            .map(|k| {
                                view! {
                                    <option value=kind_key(k) selected=move || kind() == Some(k)>
                                        {k.label().get(lang).to_string()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <Show when=imported fallback=move || view! { <p class="hint">{app.t(Msg::SheetNotImported)}</p> }>
                <div class="mapping-scroll">
                    <table class="mapping-table">
                        <thead><tr>{mapping_head.clone()}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </Show>
        </div>
    }
    .into_any()
}

fn kind_key(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Accounts => "accounts",
        TableKind::Stakeholders => "stakeholders",
        TableKind::Orders => "orders",
        TableKind::Assessments => "assessments",
        TableKind::Other => "other",
    }
}

fn rows_text(rows: usize, lang: Lang) -> String {
    match lang {
        Lang::En if rows == 1 => "1 row".to_string(),
        Lang::En => format!("{rows} rows"),
        Lang::Zh => format!("{rows} 行"),
    }
}

/// What the import will change, the report of every problem, and the commit.
#[component]
fn ReviewStep() -> impl IntoView {
    let app = use_app();
    let session = use_import();
    let Some(review) = session.review.get_untracked() else {
        return ().into_any();
    };
    let s = review.summary;
    let counts = [
        ("merge-new", Msg::NewAccounts, s.new),
        ("merge-updated", Msg::UpdatedAccounts, s.updated),
        ("merge-unchanged", Msg::UnchangedAccounts, s.unchanged),
        ("merge-problems", Msg::RowsWithProblems, s.with_problems),
        (
            "merge-stakeholders",
            Msg::NewStakeholders,
            s.stakeholders_new,
        ),
        (
            "merge-stakeholders-updated",
            Msg::UpdatedStakeholders,
            s.stakeholders_updated,
        ),
        ("merge-orders", Msg::NewOrders, s.orders_new),
        ("merge-assessments", Msg::NewAssessments, s.assessments_new),
    ]
    .into_iter()
    .enumerate()
    // The account counts always; the other tables when the import touches them.
    .filter(|(i, (_, _, n))| *i < 4 || *n > 0)
    .map(|(_, (id, msg, n))| {
        view! {
            <li data-testid=id><span class="count">{n}</span> " " {app.t(msg)}</li>
        }
    })
    .collect_view();
    let rows_line = {
        let (read, imported) = (review.rows_read, review.rows_imported);
        move || match app.lang.get() {
            Lang::En => format!("{imported} of {read} rows can be imported."),
            Lang::Zh => format!("共 {read} 行，可导入 {imported} 行。"),
        }
    };
    let nothing = s.new
        + s.updated
        + s.stakeholders_new
        + s.stakeholders_updated
        + s.orders_new
        + s.assessments_new
        + s.assessments_updated
        == 0;
    view! {
        <div class="card" data-testid="import-review">
            <h2>{app.t(Msg::ImportPreviewTitle)}</h2>
            <p>{rows_line}</p>
            <ul class="merge-summary">{counts}</ul>
            <p class="hint">{app.t(Msg::MergeNeverDeletes)}</p>
            <div class="actions">
                <button type="button" class="primary" data-testid="import-commit" disabled=nothing
                    on:click=move |_| session.commit()>
                    {app.t(Msg::CommitImport)}
                </button>
                <button type="button" class="small" data-testid="import-back"
                    on:click=move |_| session.step.set(Step::Mapping)>
                    {app.t(Msg::BackToMapping)}
                </button>
            </div>
        </div>
        <Report review/>
    }
    .into_any()
}

/// The problems of a conversion, located, and the downloads of the rejected rows.
#[component]
fn Report(review: Shared<Review>) -> impl IntoView {
    let app = use_app();
    let session = use_import();
    let sheet_title = move |index: usize| {
        session.read.with_untracked(|read| {
            read.as_ref()
                .and_then(|r| r.sheets.get(index))
                .map(|s| match &s.sheet {
                    Some(sheet) => format!("{} › {sheet}", s.file),
                    None => s.file.clone(),
                })
                .unwrap_or_default()
        })
    };
    let sheets_with_rejected_rows = review.sheets_with_rejected_rows.clone();
    let downloads = move || {
        sheets_with_rejected_rows
            .iter()
            .map(|&sheet| {
                let title = sheet_title(sheet);
                view! {
                    <button type="button" class="small" data-testid="download-problem-rows"
                        on:click=move |_| {
                            let lang = app.lang.get_untracked();
                            session.request_file(Request::ProblemRows { sheet, lang });
                        }>
                        {app.t(Msg::DownloadProblemRows)} ": " {title}
                    </button>
                }
            })
            .collect_view()
    };
    let total = review.total_problems;
    let shown = review.problems.len();
    let rows = {
        let review = review.clone();
        move || {
            let lang = app.lang.get();
            review
                .problems
                .iter()
                .map(|p| {
                    view! {
                        <tr data-testid="problem-row" class:warning=!p.error>
                            <td>{p.file.clone()}</td>
                            <td>{p.sheet.clone().unwrap_or_default()}</td>
                            <td data-testid="problem-row-number">{p.row}</td>
                            <td>{p.column.clone().unwrap_or_default()}</td>
                            <td>{p.value.clone()}</td>
                            <td>
                                <span class="severity">
                                    {if p.error { Msg::SeverityError } else { Msg::SeverityWarning }.text(lang)}
                                </span>
                                " " {p.reason.get(lang).to_string()}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <div class="card report" data-testid="import-report">
            <h2>{app.t(Msg::ProblemsTitle)} " (" {total} ")"</h2>
            <Show when=move || total == 0>
                <p data-testid="no-problems">{app.t(Msg::NoProblems)}</p>
            </Show>
            <Show when=move || total != 0>
                <div class="actions">{downloads.clone()}</div>
                <div class="table-scroll">
                    <table class="problems">
                        <thead>
                            <tr>
                                <th scope="col">{app.t(Msg::ColumnFile)}</th>
                                <th scope="col">{app.t(Msg::ColumnSheet)}</th>
                                <th scope="col">{app.t(Msg::ColumnRow)}</th>
                                <th scope="col">{app.t(Msg::ColumnColumn)}</th>
                                <th scope="col">{app.t(Msg::ColumnValue)}</th>
                                <th scope="col">{app.t(Msg::ColumnReason)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows.clone()}</tbody>
                    </table>
                </div>
                <Show when=move || shown < total>
                    <p class="hint">{app.t(Msg::ProblemsTruncated)}</p>
                </Show>
            </Show>
        </div>
    }
}

/// After the commit: what changed and where to go next.
#[component]
fn DoneStep() -> impl IntoView {
    let app = use_app();
    let session = use_import();
    let summary = session
        .review
        .get_untracked()
        .map(|r| r.summary)
        .unwrap_or_default();
    let line = move || {
        match app.lang.get() {
        Lang::En => format!(
            "Imported: {} new and {} updated accounts, {} new stakeholders, {} orders, {} credit assessments.",
            summary.new,
            summary.updated,
            summary.stakeholders_new,
            summary.orders_new,
            summary.assessments_new
        ),
        Lang::Zh => format!(
            "已导入：新增 {} 个、更新 {} 个客户，新增 {} 位客户人员、{} 笔订单、{} 条信用评估。",
            summary.new,
            summary.updated,
            summary.stakeholders_new,
            summary.orders_new,
            summary.assessments_new
        ),
    }
    };
    let open = move |view: View| {
        session.reset();
        session.step.set(Step::Choose);
        app.view.set(view);
    };
    view! {
        <div class="card" role="status" data-testid="import-done">
            <h2>{app.t(Msg::ImportDone)}</h2>
            <p>{line}</p>
            <div class="actions">
                <button type="button" class="primary" data-testid="open-portfolio"
                    on:click=move |_| open(View::Portfolio)>
                    {app.t(Msg::OpenPortfolio)}
                </button>
                <button type="button" class="small" on:click=move |_| open(View::Accounts)>
                    {app.t(Msg::OpenAccounts)}
                </button>
            </div>
        </div>
    }
}
