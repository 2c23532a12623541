//! Prints the built-in plan (Kế hoạch 135/KH-UBND) as JSON, for writing
//! fixtures and for checking what the app ships with.

fn main() {
    let plan = coop_plan::plan::Plan::hai_phong_135();
    match serde_json::to_string_pretty(&plan) {
        Ok(json) => println!("{json}"),
        Err(error) => eprintln!("cannot serialise the plan: {error}"),
    }
}
