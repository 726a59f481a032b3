//! The app's views and their URL fragments (`#/portfolio`), so any view survives a reload and
//! works from any static host path without server rewrite rules.

use crate::i18n::Msg;

/// A top-level view of the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// The welcome screen: drop zone and demo workspace.
    #[default]
    Home,
    Import,
    Portfolio,
    Accounts,
    Stakeholders,
    Frameworks,
    /// Privacy, the data kept in this browser, the workspace file and deleting everything.
    About,
    /// One page per account shown in the portfolio table, laid out for paper and PDF.
    Print,
    /// How the frameworks work, for trainees.
    Help,
}

impl View {
    /// The views listed in the main navigation, in order.
    pub const NAVIGATION: [View; 5] = [
        View::Import,
        View::Portfolio,
        View::Accounts,
        View::Stakeholders,
        View::Frameworks,
    ];

    /// The URL fragment of the view, `#/` for home.
    pub fn hash(self) -> &'static str {
        match self {
            View::Home => "#/",
            View::Import => "#/import",
            View::Portfolio => "#/portfolio",
            View::Accounts => "#/accounts",
            View::Stakeholders => "#/stakeholders",
            View::Frameworks => "#/frameworks",
            View::About => "#/about",
            View::Print => "#/print",
            View::Help => "#/help",
        }
    }

    /// The view a fragment names; unknown or empty fragments lead home rather than to an error.
    pub fn from_hash(hash: &str) -> View {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let first = path.split(['/', '?']).next().unwrap_or_default();
        match first {
            "import" => View::Import,
            "portfolio" => View::Portfolio,
            "accounts" => View::Accounts,
            "stakeholders" => View::Stakeholders,
            "frameworks" => View::Frameworks,
            "about" => View::About,
            "print" => View::Print,
            "help" => View::Help,
            _ => View::Home,
        }
    }

    /// The view's name in the navigation.
    pub fn title(self) -> Msg {
        match self {
            View::Home => Msg::AppName,
            View::Import => Msg::NavImport,
            View::Portfolio => Msg::NavPortfolio,
            View::Accounts => Msg::NavAccounts,
            View::Stakeholders => Msg::NavStakeholders,
            View::Frameworks => Msg::NavFrameworks,
            View::About => Msg::NavAbout,
            View::Print => Msg::PrintTitle,
            View::Help => Msg::NavHelp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_round_trips_through_its_fragment() {
        for view in
            View::NAVIGATION
                .into_iter()
                .chain([View::Home, View::About, View::Print, View::Help])
        {
            assert_eq!(View::from_hash(view.hash()), view);
        }
    }

    #[test]
    fn fragments_with_detail_or_garbage_still_land_somewhere_sensible() {
        assert_eq!(View::from_hash("#/accounts/acc-17"), View::Accounts);
        assert_eq!(View::from_hash("#/portfolio?list=key"), View::Portfolio);
        assert_eq!(View::from_hash(""), View::Home);
        assert_eq!(View::from_hash("#/no-such-view"), View::Home);
        assert_eq!(View::from_hash("#/print?from=portfolio"), View::Print);
        assert_eq!(View::from_hash("help"), View::Help);
    }
}
