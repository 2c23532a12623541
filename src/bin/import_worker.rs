//! The import's Web Worker: reads JSON workspace files off the page's
//! thread and hands them back in pieces (see `coop_plan::app::import_worker`).

fn main() {
    coop_plan::app::import_worker::run();
}
