//! The import's Web Worker: reads JSON workspace files off the page's
//! thread and hands them back in pieces (see `coop_plan::web::import_worker`).

fn main() {
    coop_plan::web::import_worker::run();
}
