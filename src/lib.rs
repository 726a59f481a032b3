//! KAM Radar (大客户雷达): key-account frameworks scored, classified, explained and drawn.
//!
//! The crate is a pure core plus a thin browser shell. Everything that decides something —
//! the data model, the frameworks, scoring and its explanations — is plain Rust with no web
//! crate, compiled and tested natively (`cargo test --no-default-features`). The Leptos shell
//! lives in [`ui`] behind the `web` feature, so a stray browser dependency in the core fails
//! to compile.

pub mod chart;
pub mod demo;
pub mod export;
mod fast_hash;
pub mod framework;
pub mod help;
pub mod i18n;
pub mod import;
pub mod model;
pub mod persist;
pub mod portfolio;
pub mod route;
pub mod sample;
pub mod scoring;

#[cfg(feature = "web")]
pub mod ui;
