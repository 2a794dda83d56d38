//! The output the pages show comes from runs (`cargo xtask outputs` writes
//! each file that `listings/outputs.toml` lists). A listing whose output
//! does not vary must still print its file: run again here, it is compared
//! line for line.
use harness::outputs;
use std::path::Path;

#[test]
fn listings_still_print_the_output_their_page_shows() {
    let program = Path::new(env!("CARGO_BIN_EXE_listing"));
    let root = harness::registry::root();
    let mut stale = Vec::new();
    let manifest = outputs::load();
    for output in manifest.output.iter().filter(|o| o.same_every_run) {
        let shown = std::fs::read_to_string(root.join(&output.file))
            .unwrap_or_else(|e| panic!("{}: {e} (cargo xtask outputs)", output.file));
        let printed = outputs::run(program, &output.listing).unwrap();
        if printed != shown {
            stale.push(format!(
                "{} no longer shows what `listing {}` prints:\n--- shown\n{shown}--- printed\n{printed}",
                output.file, output.listing
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nrun `cargo xtask outputs` and read the pages again",
        stale.join("\n")
    );
}

#[test]
fn the_listing_program_runs_every_listing_the_manifest_names() {
    let program = Path::new(env!("CARGO_BIN_EXE_listing"));
    let listed = outputs::run(program, "--list").unwrap();
    let listed: Vec<&str> = listed.lines().collect();
    let missing: Vec<String> = outputs::load()
        .output
        .into_iter()
        .map(|o| o.listing)
        .filter(|l| !listed.contains(&l.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to LISTINGS in listings/bin/listing.rs: {missing:?}"
    );
}
