//! The Portfolio view: the table of every account (see [`super::table`]) above the charts —
//! accounts per class for each framework, the ABC Pareto curve and the key-account score
//! against the credit score — under the portfolio settings ([`super::settings`]).

use leptos::prelude::*;

use super::canvas::ChartCanvas;
use super::{use_app, use_workspace};
use crate::chart::{
    Chart, ClassCountsSpec, ParetoSpec, ScatterPoint, ScatterSpec, MAX_NAMED_POINTS,
};
use crate::framework::presets;
use crate::i18n::{Lang, Msg};
use crate::model::AbcBasis;
use crate::portfolio;
use crate::scoring::segmentation;

#[component]
pub fn PortfolioView() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    view! {
        <section class="portfolio-view" data-testid="view-portfolio">
            <h1>{app.t(Msg::NavPortfolio)}</h1>
            <super::settings::PortfolioSettings/>
            <Show
                when=move || !data.is_empty()
                fallback=move || view! { <super::shell::NoAccounts/> }
            >
                <super::table::PortfolioTable/>
                <div class="chart-grid">
                    {presets::ACCOUNT_PRESETS
                        .into_iter()
                        .map(|framework| view! { <ClassCounts framework/> })
                        .collect_view()}
                    <Pareto/>
                    <Scatter/>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn ClassCounts(framework: &'static str) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let chart = Memo::new(move |_| {
        let lang = app.lang.get();
        data.scored.with(|scored| {
            let scored = scored.as_ref().ok()?;
            let definition = &scored.engine.frameworks()[scored.engine.index_of(framework)?];
            let bars = data.workspace.with(|ws| {
                let lost = scored.lost(ws);
                portfolio::class_bars(&scored.engine, &scored.scores, framework, lost, lang)
            })?;
            Some(Chart::ClassCounts(ClassCountsSpec {
                // The axis says what is counted, so the title is the framework's name alone
                // and fits a chart a third of a projector wide.
                title: definition.name.get(lang).to_string(),
                y_caption: Msg::AccountsPerClass.text(lang).to_string(),
                bars,
            }))
        })
    });
    let stem = Signal::derive(move || vec!["portfolio".to_string(), framework.to_string()]);
    view! { <ChartCanvas chart file_stem=stem aspect=0.6 max_width=520 test_id=format!("counts-{framework}")/> }
}

/// "ABC Pareto curve · contract value": the curve of the measure ABC ranks by.
fn pareto_title(basis: AbcBasis, lang: Lang) -> String {
    format!(
        "{} · {}",
        Msg::ParetoTitle.text(lang),
        segmentation::basis_name(basis, lang)
    )
}

#[component]
fn Pareto() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let chart = Memo::new(move |_| {
        let lang = app.lang.get();
        // The curve ABC cuts: the same measure, the same cut-offs.
        let (basis, cutoffs) = data
            .workspace
            .with(|ws| (ws.settings.abc_basis, ws.settings.abc_cutoffs));
        let amounts = data.scored.with(|scored| {
            let scored = scored.as_ref().ok()?;
            data.workspace.with(|ws| {
                Some(
                    scored
                        .portfolio
                        .numbers_of(segmentation::basis_key(basis), &ws.accounts),
                )
            })
        })?;
        let values: Vec<f64> = amounts
            .into_iter()
            .flatten()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .collect();
        (!values.is_empty()).then(|| {
            Chart::Pareto(ParetoSpec {
                title: pareto_title(basis, lang),
                x_caption: Msg::ShareOfAccounts.text(lang).to_string(),
                y_caption: Msg::CumulativeShare.text(lang).to_string(),
                values,
                cutoffs,
            })
        })
    });
    // No curve (the accounts lack the figure ABC ranks by): say so where the curve would be.
    let missing = move || {
        chart.with(Option::is_none).then(|| {
            let lang = app.lang.get();
            let basis = data.workspace.with(|ws| ws.settings.abc_basis);
            view! {
                <p class="hint" data-testid="pareto-empty">
                    {format!("{}: {}", pareto_title(basis, lang), Msg::ParetoNoFigures.text(lang))}
                </p>
            }
        })
    };
    let stem = Signal::derive(|| vec!["portfolio".to_string(), "abc-pareto".to_string()]);
    view! {
        <ChartCanvas chart file_stem=stem aspect=0.6 max_width=520 test_id="pareto"/>
        {missing}
    }
}

#[component]
fn Scatter() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let chart = Memo::new(move |_| {
        let lang = app.lang.get();
        // Names are written beside the dots only for a few accounts; 100,000 are not copied.
        let names: Vec<String> = data.workspace.with(|ws| {
            let named = ws.accounts.len() <= MAX_NAMED_POINTS;
            ws.accounts
                .iter()
                .map(|a| if named { a.name.clone() } else { String::new() })
                .collect()
        });
        data.scored.with(|scored| {
            let scored = scored.as_ref().ok()?;
            let ka = scored
                .scores
                .framework(scored.engine.index_of(presets::SCORECARD)?);
            let credit = scored
                .scores
                .framework(scored.engine.index_of(presets::CREDIT)?);
            let points = names
                .into_iter()
                .enumerate()
                .filter_map(|(row, name)| {
                    let x = ka.outcome(row).complete_total()?;
                    let y = credit.outcome(row).complete_total()?;
                    Some(ScatterPoint { x, y, name })
                })
                .collect();
            Some(Chart::Scatter(ScatterSpec {
                title: Msg::ScatterTitle.text(lang).to_string(),
                x_caption: Msg::KeyAccountScore.text(lang).to_string(),
                y_caption: Msg::CreditScore.text(lang).to_string(),
                points,
            }))
        })
    });
    let stem = Signal::derive(|| vec!["portfolio".to_string(), "score-scatter".to_string()]);
    view! { <ChartCanvas chart file_stem=stem aspect=0.75 max_width=520 test_id="scatter"/> }
}
