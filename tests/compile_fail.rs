//! Test layer 3: the listings that must not compile still fail, with the
//! compiler message recorded next to each (`<name>.stderr`), which is the
//! message the book shows. After a compiler upgrade changes a message,
//! `cargo xtask stderr` records the new one.
//!
//! trybuild compiles the crate's dependencies once more, in a project of its
//! own; it must be this crate's test, all the same: the messages show the
//! listing's path and lines only for files under the tested crate's folder.
#[test]
fn listings_that_must_not_compile() {
    trybuild::TestCases::new().compile_fail("listings/compile_fail/*.rs");
}
