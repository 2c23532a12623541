//! Prints a synthetic workspace as a JSON document, for looking at the app
//! with plenty of data: `cargo run --no-default-features --example
//! print_synthetic -- 300 > /tmp/synthetic.json`. The numbers are made up
//! and match nothing published.

fn main() {
    let units = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let mut workspace = coop_plan::generate::synthetic_workspace(units, 42);
    workspace.id = "main".to_owned();
    print!("{}", coop_plan::document::to_json(&workspace));
}
