//! Test layer 3: the listings that must not compile still fail, with the
//! compiler message recorded next to each (`<name>.stderr`), which is the
//! message the book shows. After a compiler upgrade changes a message,
//! `cargo xtask stderr` records the new one.
#[test]
fn listings_that_must_not_compile() {
    trybuild::TestCases::new().compile_fail("*.rs");
}
