//! Many jobs at once on the one runtime (`apply --jobs`): up to a limit in flight, what each
//! prints held back and written whole in the order of the jobs, and the jobs of one account
//! taking turns. The commands stay straight-line code; this is the only place that runs
//! anything concurrently.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Arc;

use std::task::Poll;

use futures_util::StreamExt as _;
use futures_util::stream::FuturesUnordered;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Where held-back output goes when its turn comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What one job printed, in the order it printed it.
type Held = Vec<(Stream, Vec<u8>)>;

tokio::task_local! {
    /// The output of the job being polled, when the runner holds it back.
    static HELD: RefCell<Held>;
    /// The job's place among those in flight, which it gives up while it waits for its
    /// account's turn (see [`Turns::wait`]).
    static SLOT: RefCell<Option<OwnedSemaphorePermit>>;
}

/// Holds `bytes` back when a job of [`in_order`] writes them; `false` outside one, where the
/// caller writes them itself. Every write to stdout and stderr comes through here.
pub fn hold(stream: Stream, bytes: &[u8]) -> bool {
    HELD.try_with(|held| held.borrow_mut().push((stream, bytes.to_vec())))
        .is_ok()
}

/// Runs `jobs` with at most `limit` at work at once and returns their results in order. What a
/// job prints is written when it and every job before it have finished, so the output reads as
/// if they had run one after another. A job that waits (a rate limit, a retry) holds only its
/// own place, and one waiting for its account's turn holds none, so other accounts go on. With
/// a limit of 1 the jobs run one by one and print as they go.
///
/// A failure to write stdout does not stop the jobs in flight (they may be half way through
/// their changes): they all finish, and the first such error is returned.
pub async fn in_order<F, T>(
    limit: usize,
    jobs: impl IntoIterator<Item = F>,
) -> std::io::Result<Vec<T>>
where
    F: Future<Output = T>,
{
    let mut jobs = jobs.into_iter().enumerate().peekable();
    let mut results = Vec::new();
    if limit <= 1 {
        for (_, job) in jobs {
            results.push(job.await);
        }
        return Ok(results);
    }
    let slots = Arc::new(Semaphore::new(limit));
    let mut write_error = None;
    let mut running = FuturesUnordered::new();
    let mut finished: BTreeMap<usize, (T, Held)> = BTreeMap::new();
    let start = |(index, job): (usize, F), slot: OwnedSemaphorePermit| {
        HELD.scope(
            RefCell::new(Vec::new()),
            SLOT.scope(RefCell::new(Some(slot)), async move {
                let result = job.await;
                let held = HELD.with(RefCell::take);
                (index, result, held)
            }),
        )
    };
    // A job starts when a place is free: at the start, when one finishes, or when one gives
    // its place up to wait for its account's turn.
    // Once no job is left to start, the runner stops asking for places (a request left
    // waiting would be handed places the jobs that wait for their turn need).
    let mut free = Some(Box::pin(slots.clone().acquire_owned()));
    loop {
        if jobs.peek().is_none() {
            free = None;
            if running.is_empty() {
                break;
            }
        }
        let event = std::future::poll_fn(|cx| {
            if let Poll::Ready(Some(done)) = running.poll_next_unpin(cx) {
                return Poll::Ready(Event::Done(done));
            }
            if let Some(free) = free.as_mut()
                && let Poll::Ready(Ok(slot)) = free.as_mut().poll(cx)
            {
                return Poll::Ready(Event::Free(slot));
            }
            Poll::Pending
        })
        .await;
        let (index, result, held) = match event {
            Event::Free(slot) => {
                free = Some(Box::pin(slots.clone().acquire_owned()));
                if let Some(job) = jobs.next() {
                    running.push(start(job, slot));
                }
                continue;
            }
            Event::Done(done) => done,
        };
        finished.insert(index, (result, held));
        // Write out every finished job whose turn has come.
        while let Some(entry) = finished.first_entry() {
            if *entry.key() != results.len() {
                break;
            }
            let (result, held) = entry.remove();
            for (stream, bytes) in held {
                match stream {
                    Stream::Stdout => {
                        if let Err(e) = crate::output::emit_bytes(&bytes) {
                            write_error.get_or_insert(e);
                        }
                    }
                    Stream::Stderr => crate::stderr::write_bytes(&bytes),
                }
            }
            results.push(result);
        }
    }
    write_error.map_or(Ok(results), Err)
}

/// What the runner waits for next.
enum Event<D> {
    Done(D),
    Free(OwnedSemaphorePermit),
}

/// Turns for the jobs of one account: requests to one account go in the order of its jobs,
/// those to different accounts at once.
#[derive(Default)]
pub struct Turns {
    queues: RefCell<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl Turns {
    /// Waits for the turn of `key` (whose jobs take it in the order they ask); the turn lasts
    /// as long as the guard.
    pub async fn wait(&self, key: &str) -> tokio::sync::OwnedMutexGuard<()> {
        let queue = self
            .queues
            .borrow_mut()
            .entry(key.to_owned())
            .or_default()
            .clone();
        // tokio's mutex is fair: waiters get it in the order they asked.
        if let Ok(turn) = queue.clone().try_lock_owned() {
            return turn;
        }
        // Waiting, the job gives its place among those in flight to a job of another account,
        // and takes one again when its turn comes.
        let slot = SLOT
            .try_with(|slot| slot.borrow_mut().take())
            .ok()
            .flatten();
        let semaphore = slot.as_ref().map(|slot| slot.semaphore().clone());
        drop(slot);
        let turn = queue.lock_owned().await;
        if let Some(semaphore) = semaphore
            && let Ok(slot) = semaphore.acquire_owned().await
        {
            let _ = SLOT.try_with(|held| *held.borrow_mut() = Some(slot));
        }
        turn
    }
}
