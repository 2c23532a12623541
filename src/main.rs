//! The browser entry point: mounts the app. Everything else is in the library.

fn main() {
    coop_plan::app::start();
}
