//! One module per page of the app. Each `mount` writes its page into
//! `<main>` and makes the regions and listeners that keep it current; they
//! are thrown away when another page is shown.

pub mod assessment;
pub mod coming;
pub mod dashboard;
pub mod data;
pub mod not_found;
pub mod plan;
pub mod present;
pub mod report;
pub mod simulation;
pub mod target;
pub mod unit;
pub mod workshop;

use web_sys::Element;

use crate::route::Page;

/// Shows `page` in `main`.
pub fn mount(page: Page, main: &Element) {
    main.set_inner_html("");
    match page {
        Page::Dashboard => dashboard::mount(main),
        Page::Data => data::mount(main),
        Page::Assessment => assessment::mount(main),
        Page::Simulation => simulation::mount(main),
        Page::Workshop => workshop::mount(main),
        Page::Plan => plan::mount(main),
        Page::Report => report::mount(main),
        Page::Present => present::mount(main),
        Page::Target(id) => target::mount(main, id),
        Page::Unit(id) => unit::mount(main, id),
        Page::NotFound => not_found::mount(main),
    }
}
