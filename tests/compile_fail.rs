//! Test layer 3: the listings that must not compile still fail, with the
//! compiler message recorded next to each (`<name>.stderr`), which is the
//! message the book shows. After a compiler upgrade changes a message,
//! `TRYBUILD=overwrite cargo test --test compile_fail` records the new one.
#[test]
fn listings_that_must_not_compile() {
    trybuild::TestCases::new().compile_fail("listings/compile_fail/*.rs");
}
