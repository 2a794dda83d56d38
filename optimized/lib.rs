//! Listings whose claims are about optimized code, the same source files as
//! in `listings/`, compiled with optimization: two of chapter 7 that the
//! memory-bound claim measures, and one of chapter 8 that the ordering-cost
//! claim measures.
#[path = "../listings/shared_state/ordering_cost.rs"]
pub mod ordering_cost;
#[path = "../listings/data_parallel/par_map.rs"]
pub mod par_map;
#[path = "../listings/data_parallel/sum_memory.rs"]
pub mod sum_memory;
