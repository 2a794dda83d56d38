//! Listings of chapter 7 that the memory-bound claim measures, the same
//! source files as in `listings/data_parallel/`, compiled with optimization.
#[path = "../listings/data_parallel/par_map.rs"]
pub mod par_map;
#[path = "../listings/data_parallel/sum_memory.rs"]
pub mod sum_memory;
