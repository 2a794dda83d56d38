//! Test layer 2: every ```rust block of every chapter, compiled and run as
//! the reader sees it (includes expanded by `build.rs`). A test is named
//! `<chapter>_sect_<section>_line_<line of the block's fence>`.
include!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));
