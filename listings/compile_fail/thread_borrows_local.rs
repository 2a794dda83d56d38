use std::thread;

fn main() {
    let name = String::from("task 0");
    // The new thread borrows `name`, but nothing stops `main` from
    // returning, and dropping `name`, while the thread still runs.
    let handle = thread::spawn(|| {
        println!("{name} waits");
    });
    handle.join().unwrap();
}
