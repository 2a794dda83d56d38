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
        let Some(listing) = &output.listing else {
            continue; // a unit test compares its own output (see below)
        };
        let shown = std::fs::read_to_string(root.join(&output.file))
            .unwrap_or_else(|e| panic!("{}: {e} (cargo xtask outputs)", output.file));
        let printed = outputs::run(program, listing).unwrap();
        if printed != shown {
            stale.push(format!(
                "{} no longer shows what `listing {}` prints:\n--- shown\n{shown}--- printed\n{printed}",
                output.file, listing
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
        .filter_map(|o| o.listing)
        .filter(|l| !listed.contains(&l.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to LISTINGS in listings/bin/listing.rs: {missing:?}"
    );
}

/// An output printed by a unit test (a loom model runs only there) that does
/// not vary is compared by that test itself: its listing calls
/// `crate::page::shows` with the file, which asserts that the run printed it.
#[test]
fn a_unit_test_that_prints_a_page_output_compares_it() {
    let root = harness::registry::root();
    let mut unchecked = Vec::new();
    for output in outputs::load().output {
        let Some(test) = &output.test else { continue };
        let path: Vec<&str> = test.split("::").collect();
        let source = root.join(format!("listings/{}/{}.rs", path[0], path[1]));
        let source = std::fs::read_to_string(&source)
            .unwrap_or_else(|e| panic!("{}: {e} (from test {test})", source.display()));
        let file = &output.file;
        let source: String = source.split_whitespace().collect();
        let compared = source.contains(&format!("crate::page::shows(\"{file}\","));
        if output.same_every_run != compared {
            unchecked.push(format!(
                "{test}: same_every_run = {}, and its listing {} crate::page::shows(\"{file}\", ..)",
                output.same_every_run,
                if compared { "compares" } else { "does not compare" }
            ));
        }
    }
    assert!(unchecked.is_empty(), "{}", unchecked.join("\n"));
}
