//! The print view's pages as HTML text: one block per account — its classes and totals, its
//! external and internal radars as SVG (vector, so they print sharp at any size), the engine's
//! explanation of every score and its stakeholders with their next step. The stylesheet starts
//! a new paper page after each block (`break-after: page`).
//!
//! Every text from the workspace or a framework is escaped; the radars come from the same
//! drawing code as the app's charts and SVG downloads, whose text is escaped too.

use std::collections::HashMap;
use std::fmt::Write;

use crate::chart::profiles::{framework_radar, Compared};
use crate::chart::{format_value, Chart, ChartStyle};
use crate::framework::{presets, Subject};
use crate::i18n::{Lang, Msg};
use crate::model::{AccountLevel, Workspace};
use crate::portfolio::html::escape;
use crate::scoring::credit::{describe_lost, key_class, LostStatus};
use crate::scoring::explain;
use crate::scoring::segmentation::Cuts;
use crate::scoring::stakeholders::{relationship_plan, Step};
use crate::scoring::{Engine, Scores};

/// Accounts laid out at most: a page is about 60 KB of markup with its two radars, so a few
/// hundred print in seconds while tens of thousands would stall the tab.
pub const PRINT_LIMIT: usize = 300;

/// The size the radars are drawn at (CSS pixels; the SVG scales to the paper).
const RADAR_SIZE: (u32, u32) = (380, 330);

/// What every page needs, prepared once for all of them.
pub struct Printer<'a> {
    engine: &'a Engine,
    ws: &'a Workspace,
    scores: &'a Scores,
    cuts: &'a Cuts,
    lost: &'a LostStatus,
    lang: Lang,
    plan: Vec<Step>,
    /// Stakeholder rows by account id, in workspace order.
    people: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Printer<'a> {
    pub fn new(
        engine: &'a Engine,
        ws: &'a Workspace,
        scores: &'a Scores,
        cuts: &'a Cuts,
        lost: &'a LostStatus,
        lang: Lang,
    ) -> Self {
        let mut people: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, s) in ws.stakeholders.iter().enumerate() {
            people.entry(s.account.as_str()).or_default().push(i);
        }
        Printer {
            engine,
            ws,
            scores,
            cuts,
            lost,
            lang,
            plan: relationship_plan(engine, scores, ws.stakeholders.len()),
            people,
        }
    }

    /// The pages of the accounts at `rows` (indices into the workspace's accounts), at most
    /// [`PRINT_LIMIT`] of them.
    pub fn pages(&self, rows: &[usize]) -> String {
        let mut out = String::new();
        for &row in rows.iter().take(PRINT_LIMIT) {
            self.page(row, &mut out);
        }
        out
    }

    /// One account's page.
    pub fn page(&self, row: usize, out: &mut String) {
        let Some(account) = self.ws.accounts.get(row) else {
            return;
        };
        let lang = self.lang;
        let t = |m: Msg| m.text(lang);
        out.push_str("<article class=\"print-page\" data-testid=\"print-page\" data-account=\"");
        escape(out, &account.id);
        out.push_str("\"><h2>");
        escape(out, &account.name);
        out.push_str("</h2><p class=\"print-meta\">");
        let level = match account.level {
            Some(AccountLevel::Company) => t(Msg::LevelCompany),
            Some(AccountLevel::Regional) => t(Msg::LevelRegional),
            None => "",
        };
        for (label, value) in [
            (t(Msg::Industry), account.industry.as_str()),
            (t(Msg::Region), account.region.as_str()),
            (t(Msg::Owner), account.owner.as_str()),
            (t(Msg::ColLevel), level),
        ] {
            if !value.is_empty() {
                out.push_str("<span>");
                escape(out, label);
                out.push_str(": ");
                escape(out, value);
                out.push_str("</span>");
            }
        }
        out.push_str("</p>");
        self.classes(row, out);
        self.radars(row, &account.name, out);
        self.explanations(row, out);
        self.stakeholders(&account.id, out);
        out.push_str("</article>");
    }

    /// The account frameworks in force, in the app's order.
    fn account_frameworks(&self) -> impl Iterator<Item = usize> + '_ {
        let engine = self.engine;
        presets::ACCOUNT_PRESETS
            .into_iter()
            .filter_map(|id| engine.index_of(id))
            .chain(
                engine
                    .frameworks()
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| {
                        f.subject == Subject::Account
                            && !presets::ACCOUNT_PRESETS.contains(&f.id.as_str())
                    })
                    .map(|(fi, _)| fi),
            )
    }

    fn classes(&self, row: usize, out: &mut String) {
        let lang = self.lang;
        let t = |m: Msg| m.text(lang);
        out.push_str("<table class=\"print-classes\"><caption>");
        escape(out, t(Msg::PrintClasses));
        out.push_str("</caption><thead><tr>");
        for m in [Msg::PrintFramework, Msg::XlsxTotal, Msg::XlsxClass] {
            out.push_str("<th scope=\"col\">");
            escape(out, t(m));
            out.push_str("</th>");
        }
        out.push_str("</tr></thead><tbody>");
        for fi in self.account_frameworks() {
            let f = &self.engine.frameworks()[fi];
            let o = self.scores.framework(fi).outcome(row);
            let classes = f.classes();
            let class = o.class.and_then(|c| classes.get(usize::from(c)).copied());
            out.push_str("<tr><th scope=\"row\">");
            escape(out, f.name.get(lang));
            out.push_str("</th><td class=\"num\">");
            escape(out, &o.complete_total().map_or("—".into(), format_value));
            out.push_str("</td><td>");
            let lost_on = self
                .lost
                .lost_on(row)
                .filter(|_| key_class(self.engine).is_some_and(|(k, _)| k == fi));
            match class {
                // A key account that lost its status on the red list: since when, and why.
                Some(_) if lost_on.is_some() => {
                    escape(out, t(Msg::KeyStatusLost));
                    if let Some(day) = lost_on {
                        out.push_str("<br><small>");
                        escape(
                            out,
                            &describe_lost(day, self.ws.settings.red_list_months, lang),
                        );
                        out.push_str("</small>");
                    }
                }
                Some(c) => {
                    escape(out, c.label.get(lang));
                    if let Some(list) = &c.list {
                        out.push_str(" · ");
                        escape(out, list.label.get(lang));
                    }
                }
                None => escape(out, t(Msg::NotClassified)),
            }
            out.push_str("</td></tr>");
        }
        let abc = self.cuts.abc.get(row).copied().flatten();
        let rfm = self.cuts.rfm.get(row).copied().flatten();
        for (label, value) in [
            (t(Msg::ColAbc), abc.map(|a| a.as_str().to_string())),
            (t(Msg::ColRfm), rfm.map(|r| r.to_string())),
        ] {
            if let Some(value) = value {
                out.push_str("<tr><th scope=\"row\">");
                escape(out, label);
                out.push_str("</th><td></td><td>");
                escape(out, &value);
                out.push_str("</td></tr>");
            }
        }
        out.push_str("</tbody></table>");
    }

    fn radars(&self, row: usize, name: &str, out: &mut String) {
        out.push_str("<div class=\"print-radars\">");
        for id in [presets::EXTERNAL, presets::INTERNAL] {
            let Some(fi) = self.engine.index_of(id) else {
                continue;
            };
            let spec = framework_radar(
                &self.engine.frameworks()[fi],
                &[Compared {
                    name,
                    dims: self.scores.framework(fi).dims(row),
                }],
                Some(0),
                self.lang,
            );
            let (w, h) = RADAR_SIZE;
            // A chart that cannot be drawn (no scored axis) leaves its place empty; the
            // scores are in the tables and explanations anyway.
            if let Ok(svg) = Chart::Radar(spec).svg(&ChartStyle::default(), w, h) {
                let _ = write!(
                    out,
                    "<figure class=\"print-radar\" data-framework=\"{id}\">{svg}</figure>"
                );
            }
        }
        out.push_str("</div>");
    }

    fn explanations(&self, row: usize, out: &mut String) {
        let lang = self.lang;
        let Some(account) = self.ws.accounts.get(row) else {
            return;
        };
        out.push_str("<section class=\"print-why\"><h3>");
        escape(out, Msg::WhyTitle.text(lang));
        out.push_str("</h3>");
        let frameworks = self.engine.frameworks();
        for fi in self.account_frameworks() {
            let results = self.scores.framework(fi);
            out.push_str("<h4>");
            escape(out, frameworks[fi].name.get(lang));
            out.push_str("</h4><ul>");
            for line in explain::explain(
                frameworks,
                fi,
                results.dims(row),
                results.outcome(row),
                &account.inputs,
                lang,
            ) {
                out.push_str("<li>");
                escape(out, &line);
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        out.push_str("</section>");
    }

    fn stakeholders(&self, account: &str, out: &mut String) {
        let lang = self.lang;
        let t = |m: Msg| m.text(lang);
        out.push_str("<section class=\"print-people\"><h3>");
        escape(out, t(Msg::NavStakeholders));
        out.push_str("</h3>");
        let people = self.people.get(account).map_or(&[][..], Vec::as_slice);
        let framework = self
            .engine
            .frameworks()
            .iter()
            .position(|f| f.subject == Subject::Stakeholder);
        let (Some(si), false) = (framework, people.is_empty()) else {
            out.push_str("<p>");
            escape(out, t(Msg::NoPeople));
            out.push_str("</p></section>");
            return;
        };
        let f = &self.engine.frameworks()[si];
        let results = self.scores.framework(si);
        out.push_str("<table class=\"print-people-table\"><thead><tr>");
        let heads = [t(Msg::XlsxPerson), t(Msg::XlsxJourneyPoint)]
            .into_iter()
            .chain(f.dimensions.iter().map(|d| d.label.get(lang)))
            .chain([t(Msg::XlsxNextStep)]);
        for head in heads {
            out.push_str("<th scope=\"col\">");
            escape(out, head);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead><tbody>");
        for &i in people {
            let s = &self.ws.stakeholders[i];
            out.push_str("<tr><th scope=\"row\">");
            escape(out, &s.name);
            out.push_str("</th><td>");
            escape(out, &s.journey_point);
            out.push_str("</td>");
            let dims = if i < results.len() {
                results.dims(i)
            } else {
                &[]
            };
            for k in 0..f.dimensions.len() {
                out.push_str("<td class=\"num\">");
                let value = dims.get(k).and_then(|d| d.value());
                escape(out, &value.map_or("—".into(), format_value));
                out.push_str("</td>");
            }
            out.push_str("<td>");
            if let Some(step) = self.plan.get(i) {
                escape(out, step.label().get(lang));
            }
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody></table></section>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Account, Stakeholder};

    fn demo() -> Workspace {
        crate::demo::workspace(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
    }

    #[test]
    fn each_account_gets_one_page_with_radars_explanations_and_people() {
        let ws = demo();
        let engine = Engine::new(&ws.frameworks_in_force()).unwrap();
        let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
        let cuts = Cuts::compute(&ws.accounts, &ws.orders, &ws.settings, None);
        let lost = LostStatus::default();
        let printer = Printer::new(&engine, &ws, &scores, &cuts, &lost, Lang::En);
        let html = printer.pages(&[0, 1, 2]);
        assert_eq!(html.matches("data-testid=\"print-page\"").count(), 3);
        assert_eq!(html.matches("<figure class=\"print-radar\"").count(), 6);
        assert_eq!(html.matches("<svg").count(), 6);
        // Customer A, as the source explains it: short of the baseline on quality.
        let first = html.split("</article>").next().unwrap();
        assert!(first.contains("客户A"), "{first}");
        assert!(
            first.contains("Quality requirement"),
            "explanations are there"
        );
        assert!(first.contains("How each score was reached"));
        // The source's stakeholders sit on their own account, with their next step.
        let people = html.split("</article>").nth(2).unwrap();
        assert!(people.contains("print-people-table"), "{people}");
        assert!(
            people.contains("Develop this supporter into a coach")
                || people.contains("keep this coach close")
        );
    }

    #[test]
    fn names_are_escaped_and_the_page_count_is_capped() {
        let ws = Workspace {
            accounts: (0..PRINT_LIMIT + 5)
                .map(|i| Account::new(format!("a{i}"), "<img src=x onerror=alert(1)>"))
                .collect(),
            stakeholders: vec![Stakeholder {
                account: "a0".into(),
                name: "<b>x</b>".into(),
                ..Stakeholder::default()
            }],
            ..Workspace::default()
        };
        let engine = Engine::new(&ws.frameworks_in_force()).unwrap();
        let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
        let cuts = Cuts::compute(&ws.accounts, &ws.orders, &ws.settings, None);
        let rows: Vec<usize> = (0..ws.accounts.len()).collect();
        let lost = LostStatus::default();
        let html = Printer::new(&engine, &ws, &scores, &cuts, &lost, Lang::Zh).pages(&rows);
        assert_eq!(
            html.matches("data-testid=\"print-page\"").count(),
            PRINT_LIMIT
        );
        assert!(!html.contains("<img") && !html.contains("<b>x"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("评分依据"), "in the reading language");
    }

    #[test]
    fn a_key_account_that_lost_its_status_says_so_and_since_when() {
        let ws = demo();
        let engine = Engine::new(&ws.frameworks_in_force()).unwrap();
        let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
        let cuts = Cuts::compute(&ws.accounts, &ws.orders, &ws.settings, None);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let lost = LostStatus::compute(&engine, &scores, &ws, today);
        let row = (0..ws.accounts.len())
            .find(|&r| lost.lost_on(r).is_some())
            .expect("the demo has such an account");
        let day = lost.lost_on(row).unwrap();
        let printer = Printer::new(&engine, &ws, &scores, &cuts, &lost, Lang::En);
        let page = printer.pages(&[row]);
        assert!(
            page.contains(&format!(
                "key-account status lost · red list<br><small>Key-account status lost on {day} (red list for 12 months or more)</small>"
            )),
            "{page}"
        );
        assert!(!page.contains(">key account list<"));
        let kept = (0..ws.accounts.len())
            .find(|&r| lost.lost_on(r).is_none() && scores.framework(0).outcome(r).class == Some(0))
            .expect("a key account that kept its status");
        let page = printer.pages(&[kept]);
        assert!(page.contains(">key account list<") && !page.contains("status lost"));
    }
}
