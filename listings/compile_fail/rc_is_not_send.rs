use std::rc::Rc;
use std::thread;

fn main() {
    let text = Rc::new(String::from("shared"));
    let copy = Rc::clone(&text);
    // `Rc` counts its handles with a plain integer. Two threads cloning and
    // dropping handles at once could lose an update to that count.
    let handle = thread::spawn(move || println!("{copy}"));
    handle.join().unwrap();
    println!("{text}");
}
