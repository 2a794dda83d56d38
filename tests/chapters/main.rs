//! What each chapter says about its listings, one module per chapter
//! (`tests/chapters/<slug>.rs`), in one test program: one build and one
//! link for all of them. `cargo test --test chapters threads::` runs one
//! chapter's; `cargo xtask chapter threads` runs them with the chapter's
//! blocks and claims. Chapter 12's test is a program of its own
//! (`tests/real_io.rs`): it counts this process's threads, which other
//! tests' threads would disturb.
mod async_pitfalls;
mod choosing;
mod distributed;
mod event_loop;
mod message_passing;
mod outputs;
mod processes;
mod processes_threads;
mod shared_state;
mod threads;
