//! The browser entry point: mounts the KAM Radar app into the page.

fn main() {
    kam_radar::ui::mount();
}
