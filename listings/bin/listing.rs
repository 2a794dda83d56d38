//! The program that runs one listing: `listing NAME` runs the `main` of
//! listing NAME (`threads::join_result`, as in `listings/threads/join_result.rs`),
//! which is how `cargo xtask outputs` writes the output the pages show and
//! `tests/chapters/outputs.rs` checks it. `listing --list` names every listing it
//! runs.
//!
//! It is also the program that the measurements and tests start as worker
//! processes. Each listing that works with processes starts copies of its
//! own program and tells them, by an environment variable, that they are
//! workers; its `main` calls `serve_if_worker` first. A test or a
//! measurement is not that program, so it starts this one instead: it
//! serves as whichever listing's worker it was started as, and exits.
use concurrency_measured::distributed::two_processes;
use concurrency_measured::processes::{
    crash_isolation, exercise_collect_from_workers, pass_data, worker_processes,
};
use concurrency_measured::{
    async_pitfalls, async_tokio, choosing, data_parallel, distributed, event_loop, gil, io_cpu,
    message_passing, processes, processes_threads, real_io, shared_state, sync_async, threads,
};

/// The listings whose output a page shows, by name.
const LISTINGS: &[(&str, fn())] = &[
    ("async_pitfalls::await_gap", async_pitfalls::await_gap::main),
    (
        "async_pitfalls::block_in_place",
        async_pitfalls::block_in_place::main,
    ),
    (
        "async_pitfalls::blocking_tail",
        async_pitfalls::blocking_tail::main,
    ),
    (
        "async_pitfalls::blocking_sleep",
        async_pitfalls::blocking_sleep::main,
    ),
    (
        "async_pitfalls::cancel_safety",
        async_pitfalls::cancel_safety::main,
    ),
    (
        "async_pitfalls::coop_budget",
        async_pitfalls::coop_budget::main,
    ),
    (
        "async_pitfalls::detach_abort",
        async_pitfalls::detach_abort::main,
    ),
    (
        "async_pitfalls::exercise_blocking_lookup",
        async_pitfalls::exercise_blocking_lookup::main,
    ),
    (
        "async_pitfalls::exercise_cache",
        async_pitfalls::exercise_cache::main,
    ),
    (
        "async_pitfalls::exercise_stop_worker",
        async_pitfalls::exercise_stop_worker::main,
    ),
    (
        "async_pitfalls::graceful_shutdown",
        async_pitfalls::graceful_shutdown::main,
    ),
    (
        "async_pitfalls::runtime_metrics",
        async_pitfalls::runtime_metrics::main,
    ),
    (
        "async_pitfalls::span_busy_idle",
        async_pitfalls::span_busy_idle::main,
    ),
    (
        "async_pitfalls::starvation",
        async_pitfalls::starvation::main,
    ),
    (
        "async_pitfalls::tokio_mutex",
        async_pitfalls::tokio_mutex::main,
    ),
    (
        "async_tokio::async_closure",
        async_tokio::async_closure::main,
    ),
    ("async_tokio::async_trait", async_tokio::async_trait::main),
    (
        "async_tokio::bounded_stream",
        async_tokio::bounded_stream::main,
    ),
    (
        "async_tokio::exercise_deadline",
        async_tokio::exercise_deadline::main,
    ),
    (
        "async_tokio::exercise_limited",
        async_tokio::exercise_limited::main,
    ),
    ("async_tokio::join_select", async_tokio::join_select::main),
    ("async_tokio::local_set", async_tokio::local_set::main),
    ("async_tokio::many_tasks", async_tokio::many_tasks::main),
    (
        "async_tokio::memory_per_task",
        async_tokio::memory_per_task::main,
    ),
    ("async_tokio::mpsc_queue", async_tokio::mpsc_queue::main),
    ("async_tokio::runtimes", async_tokio::runtimes::main),
    ("async_tokio::spawn_cost", async_tokio::spawn_cost::main),
    (
        "async_tokio::spawn_joinset",
        async_tokio::spawn_joinset::main,
    ),
    (
        "async_tokio::timeout_cancel",
        async_tokio::timeout_cancel::main,
    ),
    (
        "choosing::compute_as_tasks",
        choosing::compute_as_tasks::main,
    ),
    ("choosing::decision_tree", choosing::decision_tree::main),
    (
        "choosing::exercise_wait_then_compute",
        choosing::exercise_wait_then_compute::main,
    ),
    ("choosing::fs_on_a_pool", choosing::fs_on_a_pool::main),
    ("choosing::one_request", choosing::one_request::main),
    (
        "choosing::tokio_with_rayon",
        choosing::tokio_with_rayon::main,
    ),
    ("data_parallel::amdahl", data_parallel::amdahl::main),
    (
        "data_parallel::exercise_parallel_histogram",
        data_parallel::exercise_parallel_histogram::main,
    ),
    (
        "data_parallel::exercise_split_to_a_grain",
        data_parallel::exercise_split_to_a_grain::main,
    ),
    ("data_parallel::grain", data_parallel::grain::main),
    (
        "data_parallel::join_quicksort",
        data_parallel::join_quicksort::main,
    ),
    ("data_parallel::par_map", data_parallel::par_map::main),
    ("data_parallel::sum_memory", data_parallel::sum_memory::main),
    (
        "distributed::exercise_combine_then_shuffle",
        distributed::exercise_combine_then_shuffle::main,
    ),
    (
        "distributed::exercise_retry_with_patience",
        distributed::exercise_retry_with_patience::main,
    ),
    (
        "distributed::partial_failure",
        distributed::partial_failure::main,
    ),
    (
        "distributed::two_processes",
        distributed::two_processes::main,
    ),
    ("distributed::word_count", distributed::word_count::main),
    ("event_loop::cooperative", event_loop::cooperative::main),
    ("event_loop::executor", event_loop::executor::main),
    ("event_loop::exercise_join", event_loop::exercise_join::main),
    (
        "event_loop::exercise_oneshot",
        event_loop::exercise_oneshot::main,
    ),
    ("event_loop::lazy_future", event_loop::lazy_future::main),
    ("event_loop::pin_on_stack", event_loop::pin_on_stack::main),
    ("gil::exercise_gil_in_turn", gil::exercise_gil_in_turn::main),
    (
        "gil::exercise_release_the_gil",
        gil::exercise_release_the_gil::main,
    ),
    ("gil::no_gil", gil::no_gil::main),
    ("gil::simulated_gil", gil::simulated_gil::main),
    ("io_cpu::cpu_time", io_cpu::cpu_time::main),
    (
        "io_cpu::exercise_few_threads",
        io_cpu::exercise_few_threads::main,
    ),
    ("io_cpu::primes_threads", io_cpu::primes_threads::main),
    ("io_cpu::thread_per_job", io_cpu::thread_per_job::main),
    (
        "message_passing::backpressure",
        message_passing::backpressure::main,
    ),
    (
        "message_passing::exercise_worker_pool",
        message_passing::exercise_worker_pool::main,
    ),
    ("message_passing::overload", message_passing::overload::main),
    (
        "message_passing::mpsc_workers",
        message_passing::mpsc_workers::main,
    ),
    ("message_passing::select", message_passing::select::main),
    (
        "message_passing::throughput",
        message_passing::throughput::main,
    ),
    (
        "processes::crash_isolation",
        processes::crash_isolation::main,
    ),
    (
        "processes::exercise_collect_from_workers",
        processes::exercise_collect_from_workers::main,
    ),
    (
        "processes::exercise_deadline_for_workers",
        processes::exercise_deadline_for_workers::main,
    ),
    ("processes::pass_data", processes::pass_data::main),
    (
        "processes::worker_processes",
        processes::worker_processes::main,
    ),
    (
        "processes_threads::exercise_answer_from_child",
        processes_threads::exercise_answer_from_child::main,
    ),
    (
        "processes_threads::memory_isolation",
        processes_threads::memory_isolation::main,
    ),
    (
        "processes_threads::nesting",
        processes_threads::nesting::main,
    ),
    (
        "processes_threads::spawn_ladder",
        processes_threads::spawn_ladder::main,
    ),
    (
        "processes_threads::thread_states",
        processes_threads::thread_states::main,
    ),
    ("real_io::async_clients", real_io::async_clients::main),
    ("real_io::blocking_clients", real_io::blocking_clients::main),
    (
        "real_io::exercise_async_pool",
        real_io::exercise_async_pool::main,
    ),
    ("real_io::slow_server", real_io::slow_server::main),
    ("shared_state::barrier", shared_state::barrier::main),
    (
        "shared_state::bounded_queue",
        shared_state::bounded_queue::main,
    ),
    ("shared_state::contention", shared_state::contention::main),
    (
        "shared_state::counter_race",
        shared_state::counter_race::main,
    ),
    ("shared_state::deadlock", shared_state::deadlock::main),
    (
        "shared_state::exercise_philosophers",
        shared_state::exercise_philosophers::main,
    ),
    (
        "shared_state::exercise_semaphore",
        shared_state::exercise_semaphore::main,
    ),
    (
        "shared_state::exercise_withdraw",
        shared_state::exercise_withdraw::main,
    ),
    (
        "shared_state::false_sharing",
        shared_state::false_sharing::main,
    ),
    (
        "shared_state::guard_lifetime",
        shared_state::guard_lifetime::main,
    ),
    ("shared_state::lock_tail", shared_state::lock_tail::main),
    ("shared_state::lock_order", shared_state::lock_order::main),
    ("shared_state::once", shared_state::once::main),
    ("shared_state::ordering", shared_state::ordering::main),
    (
        "shared_state::ordering_cost",
        shared_state::ordering_cost::main,
    ),
    ("shared_state::park", shared_state::park::main),
    ("shared_state::poisoning", shared_state::poisoning::main),
    ("shared_state::print_lines", shared_state::print_lines::main),
    (
        "shared_state::rwlock_readers",
        shared_state::rwlock_readers::main,
    ),
    ("shared_state::spin_lock", shared_state::spin_lock::main),
    (
        "shared_state::thread_local",
        shared_state::thread_local::main,
    ),
    (
        "sync_async::exercise_ask_every_shop",
        sync_async::exercise_ask_every_shop::main,
    ),
    (
        "sync_async::sleep_sequential",
        sync_async::sleep_sequential::main,
    ),
    ("sync_async::sleep_threads", sync_async::sleep_threads::main),
    ("sync_async::sleep_tokio", sync_async::sleep_tokio::main),
    ("threads::arc_outlives", threads::arc_outlives::main),
    (
        "threads::exercise_survive_panics",
        threads::exercise_survive_panics::main,
    ),
    ("threads::interleaving", threads::interleaving::main),
    ("threads::join_result", threads::join_result::main),
    ("threads::oversubscribe", threads::oversubscribe::main),
    ("threads::ping_pong", threads::ping_pong::main),
    ("threads::time_slicing", threads::time_slicing::main),
];

fn main() {
    // Each returns at once unless started as its listing's worker, and
    // exits when it has served.
    worker_processes::serve_if_worker();
    pass_data::serve_if_worker();
    crash_isolation::serve_if_worker();
    two_processes::serve_if_worker();
    exercise_collect_from_workers::serve_if_worker();
    shutdown_server_if_asked();
    let arg = std::env::args().nth(1);
    match arg.as_deref() {
        Some("--list") => {
            for (name, _) in LISTINGS {
                println!("{name}");
            }
        }
        Some(name) => match LISTINGS.iter().find(|(n, _)| *n == name) {
            Some((_, main)) => main(),
            None => {
                eprintln!("listing: no listing `{name}` (listing --list names them)");
                std::process::exit(2);
            }
        },
        None => {
            eprintln!("usage: listing NAME | --list (or started as a listing's worker)");
            std::process::exit(2);
        }
    }
}

/// Listing 13-8's server, as the tests of chapter 13 start it: in a
/// process started with `SHUTDOWN_SERVER=1`, prints "listening on ADDRESS",
/// serves until SIGTERM or ctrl-c, prints its report, and exits with status
/// 0 if it answered every request it accepted, 1 if not.
fn shutdown_server_if_asked() {
    use async_pitfalls::graceful_shutdown::{serve, stop_on_signal};
    if std::env::var_os("SHUTDOWN_SERVER").is_none() {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let report = runtime.block_on(async {
        // The handlers are installed before the address is printed, so a
        // signal sent once the address is known cannot kill the process.
        let stop = stop_on_signal().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("listening on {}", listener.local_addr().unwrap());
        serve(listener, stop, std::time::Duration::from_secs(1)).await
    });
    println!("{report}");
    std::process::exit(if report.answered == report.accepted {
        0
    } else {
        1
    });
}
