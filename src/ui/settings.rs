//! The Portfolio view's settings panel: what ABC ranks by and its cut-offs, the RFM window,
//! the half-life of contract value, the mainstream share of wallet, the red-list months, the
//! strategic-candidate thresholds and the credit rating's deal-volume thresholds on annual
//! sales. Each field is read and checked by the core ([`crate::model::Settings::set_text`],
//! [`crate::model::Settings::set_thresholds_text`]); a refused value stays on its field with
//! the reason and never reaches the scores, an accepted one re-scores the portfolio at once.

use leptos::prelude::*;

use super::{use_app, use_workspace};
use crate::i18n::Msg;
use crate::model::{AbcBasis, SettingError, SettingField, Threshold};
use crate::scoring::explain::num;
use crate::scoring::segmentation::basis_name;

/// The label and unit of a field.
fn wording(field: SettingField) -> (Msg, Option<Msg>) {
    match field {
        SettingField::AbcCutoffA => (Msg::SettingAbcA, Some(Msg::UnitPctCumulative)),
        SettingField::AbcCutoffB => (Msg::SettingAbcB, Some(Msg::UnitPctCumulative)),
        SettingField::RfmWindowDays => (Msg::SettingRfmWindow, Some(Msg::UnitDays)),
        SettingField::HalfLifeYears => (Msg::SettingHalfLife, Some(Msg::UnitYears)),
        SettingField::MainstreamSharePct => (Msg::SettingMainstream, Some(Msg::UnitPctOfSpend)),
        SettingField::RedListMonths => (Msg::SettingRedListMonths, Some(Msg::UnitMonths)),
        SettingField::OurRevenue => (Msg::SettingOurRevenue, None),
        SettingField::StrategicSharePct => {
            (Msg::SettingStrategicShare, Some(Msg::UnitPctOfRevenue))
        }
        SettingField::StrategicGrowthPct => (Msg::SettingStrategicGrowth, Some(Msg::UnitPctAYear)),
    }
}

/// The panel, folded by default so the table stays in view on a projector.
#[component]
pub fn PortfolioSettings() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let basis = move || data.workspace.with(|ws| ws.settings.abc_basis);
    let choose_basis = move |ev| {
        let chosen = match event_target_value(&ev).as_str() {
            "contract_value" => AbcBasis::ContractValue,
            _ => AbcBasis::AnnualSales,
        };
        if chosen != basis() {
            data.edit_frameworks(|ws| ws.settings.abc_basis = chosen);
        }
    };
    let option = move |value: &'static str, of: AbcBasis| {
        view! {
            <option value=value selected=move || basis() == of>
                {move || basis_name(of, app.lang.get())}
            </option>
        }
    };
    view! {
        <details class="settings-panel" data-testid="portfolio-settings">
            <summary>{app.t(Msg::SettingsTitle)}</summary>
            <p class="hint">{app.t(Msg::SettingsHint)}</p>
            <div class="settings-grid">
                <label class="setting">
                    <span class="setting-label">{app.t(Msg::SettingAbcBasis)}</span>
                    <select data-testid="setting-abc-basis" on:change=choose_basis>
                        {option("annual_sales", AbcBasis::AnnualSales)}
                        {option("contract_value", AbcBasis::ContractValue)}
                    </select>
                </label>
                {SettingField::ALL
                    .into_iter()
                    .map(|field| view! { <SettingInput field/> })
                    .collect_view()}
            </div>
            <p class="hint">{app.t(Msg::StrategicRuleHint)}</p>
            <DealVolumeThresholds/>
        </details>
    }
}

/// One numeric setting: applied when the field changes (Enter, leaving it), refused with the
/// reason on the field.
#[component]
fn SettingInput(field: SettingField) -> impl IntoView {
    let data = use_workspace();
    let error = RwSignal::new(None::<SettingError>);
    // What is typed and not yet applied; Escape drops it.
    let draft = RwSignal::new(None::<String>);
    let (label, unit) = wording(field);
    let shown = Signal::derive(move || {
        draft.get().unwrap_or_else(|| {
            data.workspace
                .with(|ws| ws.settings.value(field).map(num).unwrap_or_default())
        })
    });
    let commit = Callback::new(move |()| {
        let mut settings = data.workspace.with_untracked(|ws| ws.settings.clone());
        match settings.set_text(field, &shown.get_untracked()) {
            Ok(()) => {
                error.set(None);
                draft.set(None);
                if data.workspace.with_untracked(|ws| ws.settings != settings) {
                    data.edit_frameworks(|ws| ws.settings = settings);
                }
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let cancel = Callback::new(move |()| {
        draft.set(None);
        error.set(None);
    });
    setting_field(
        format!("setting-{}", field.id()),
        label,
        unit,
        FieldState {
            shown,
            draft,
            error: error.into(),
        },
        commit,
        cancel,
    )
}

/// What a field shows: the draft while one is typed, else the value in force; and the reason
/// the last value typed was refused.
struct FieldState {
    shown: Signal<String>,
    draft: RwSignal<Option<String>>,
    error: Signal<Option<SettingError>>,
}

/// One text field of the panel: its label, the value, the unit (the workspace's currency when
/// none is given) and the reason when refused. `commit` runs when the field changes (Enter,
/// leaving it) and `cancel` on Escape.
fn setting_field(
    test_id: String,
    label: Msg,
    unit: Option<Msg>,
    state: FieldState,
    commit: Callback<()>,
    cancel: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let FieldState {
        shown,
        draft,
        error,
    } = state;
    view! {
        <label class="setting">
            <span class="setting-label">{app.t(label)}</span>
            <span class="setting-value">
                <input
                    type="text"
                    inputmode="decimal"
                    data-testid=test_id
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=shown
                    on:input=move |ev| draft.set(Some(event_target_value(&ev)))
                    on:change=move |_| commit.run(())
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" {
                            cancel.run(());
                        }
                    }
                />
                <span class="setting-unit">
                    {move || match unit {
                        Some(unit) => unit.text(app.lang.get()).to_string(),
                        None => data.workspace.with(|ws| ws.settings.currency.clone()),
                    }}
                </span>
            </span>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <span class="field-error" role="alert" data-testid="setting-error">
                                {e.describe(app.lang.get())}
                            </span>
                        }
                    })
            }}
        </label>
    }
}

/// The credit rating's deal-volume thresholds on annual sales, set as a pair: both fields are
/// read whenever either changes, so the first one typed waits (with a word on the other) until
/// the second is there.
#[component]
fn DealVolumeThresholds() -> impl IntoView {
    let app = use_app();
    let data = use_workspace();
    let error = RwSignal::new(None::<(Threshold, SettingError)>);
    // What is typed and not yet applied, per field; Escape drops both.
    let drafts = [Threshold::High, Threshold::Mid].map(|_| RwSignal::new(None::<String>));
    let shown = move |field: Threshold| {
        let draft = drafts[field as usize];
        Signal::derive(move || {
            draft.get().unwrap_or_else(|| {
                data.workspace
                    .with(|ws| ws.settings.threshold(field).map(num).unwrap_or_default())
            })
        })
    };
    let commit = Callback::new(move |()| {
        let high = shown(Threshold::High).get_untracked();
        let mid = shown(Threshold::Mid).get_untracked();
        let mut settings = data.workspace.with_untracked(|ws| ws.settings.clone());
        match settings.set_thresholds_text(&high, &mid) {
            Ok(()) => {
                error.set(None);
                drafts.iter().for_each(|d| d.set(None));
                if data.workspace.with_untracked(|ws| ws.settings != settings) {
                    data.edit_frameworks(|ws| ws.settings = settings);
                }
            }
            Err(e) => error.set(Some((e.field, e.error))),
        }
    });
    let cancel = Callback::new(move |()| {
        drafts.iter().for_each(|d| d.set(None));
        error.set(None);
    });
    let input = move |field: Threshold, label: Msg| {
        let state = FieldState {
            shown: shown(field),
            draft: drafts[field as usize],
            error: Signal::derive(move || error.get().filter(|(f, _)| *f == field).map(|(_, e)| e)),
        };
        setting_field(
            format!("setting-{}", field.id()),
            label,
            None,
            state,
            commit,
            cancel,
        )
    };
    view! {
        <fieldset class="settings-pair" data-testid="deal-volume-thresholds">
            <legend>{app.t(Msg::SettingDealVolume)}</legend>
            <div class="settings-grid">
                {input(Threshold::High, Msg::SettingDealHigh)}
                {input(Threshold::Mid, Msg::SettingDealMid)}
            </div>
            <p class="hint">{app.t(Msg::SettingDealVolumeHint)}</p>
        </fieldset>
    }
}
