//! The durable job queue, on both backends.

use std::collections::HashSet;
use std::sync::Arc;

use store::{JobKind, JobRetry, JobState, Store};

fn fast() -> JobRetry {
    JobRetry {
        max_attempts: 3,
        base_delay_ms: 0,
        max_delay_ms: 0,
    }
}

async fn state_of(store: &Store, id: i64) -> (String, i64, Option<String>) {
    use sqlx::Row;
    let row = sqlx::query("SELECT state, attempts, last_error FROM jobs WHERE id = $1")
        .bind(id)
        .fetch_one(store.pool())
        .await
        .unwrap();
    (row.get("state"), row.get("attempts"), row.get("last_error"))
}

on_both_backends!(
    enqueue_is_deduplicated_and_lease_is_exclusive,
    |store: Store| async move {
        assert!(store
            .enqueue(JobKind::Fetch, &"https://a/1", Some("fetch:1"), fast())
            .await
            .unwrap());
        assert!(!store
            .enqueue(JobKind::Fetch, &"https://a/1", Some("fetch:1"), fast())
            .await
            .unwrap());
        let job = store
            .lease(&[JobKind::Fetch], 60_000)
            .await
            .unwrap()
            .expect("a job");
        assert_eq!(job.kind, JobKind::Fetch);
        assert_eq!(job.payload::<String>().unwrap(), "https://a/1");
        assert_eq!(job.attempts, 1);
        assert!(
            store
                .lease(&[JobKind::Fetch], 60_000)
                .await
                .unwrap()
                .is_none(),
            "leased twice"
        );
        assert!(
            store
                .lease(&[JobKind::Extract], 60_000)
                .await
                .unwrap()
                .is_none(),
            "wrong kind"
        );
        assert!(store.complete(&job).await.unwrap());
        assert_eq!(state_of(&store, job.id).await.0, "done");
        // A finished job is not queued again by `enqueue`, but `enqueue_again` re-arms it.
        assert!(!store
            .enqueue(JobKind::Fetch, &"https://a/1", Some("fetch:1"), fast())
            .await
            .unwrap());
        assert!(store
            .enqueue_again(JobKind::Fetch, &"https://a/1#2", "fetch:1", fast())
            .await
            .unwrap());
        let again = store
            .lease(&[JobKind::Fetch], 60_000)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.id, job.id);
        assert_eq!(again.payload::<String>().unwrap(), "https://a/1#2");
        // While it runs, re-arming leaves it alone.
        assert!(!store
            .enqueue_again(JobKind::Fetch, &"x", "fetch:1", fast())
            .await
            .unwrap());
    }
);

on_both_backends!(
    failures_back_off_then_go_dead_with_the_reason,
    |store: Store| async move {
        store
            .enqueue(JobKind::Translate, &1, None, fast())
            .await
            .unwrap();
        for attempt in 1..=3 {
            let job = store
                .lease(&[JobKind::Translate], 60_000)
                .await
                .unwrap()
                .expect("due again");
            assert_eq!(job.attempts, attempt);
            let state = store
                .fail(&job, &format!("engine down #{attempt}"), false, fast())
                .await
                .unwrap();
            let expected = if attempt < 3 {
                JobState::Queued
            } else {
                JobState::Dead
            };
            assert_eq!(state, expected);
        }
        assert!(store
            .lease(&[JobKind::Translate], 60_000)
            .await
            .unwrap()
            .is_none());
        let status = store.pipeline_status(10).await.unwrap();
        assert_eq!(status.dead.len(), 1);
        assert_eq!(status.dead[0].last_error.as_deref(), Some("engine down #3"));
        assert!(status
            .jobs
            .iter()
            .any(|c| c.kind == "translate" && c.state == "dead" && c.count == 1));
        assert!(store.retry_dead(status.dead[0].id).await.unwrap());
        let job = store
            .lease(&[JobKind::Translate], 60_000)
            .await
            .unwrap()
            .expect("retried");
        assert_eq!(job.attempts, 1);
    }
);

on_both_backends!(backoff_delays_the_retry, |store: Store| async move {
    let slow = JobRetry {
        max_attempts: 5,
        base_delay_ms: 3_600_000,
        max_delay_ms: 7_200_000,
    };
    store.enqueue(JobKind::Fetch, &1, None, slow).await.unwrap();
    let job = store
        .lease(&[JobKind::Fetch], 60_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store.fail(&job, "503", false, slow).await.unwrap(),
        JobState::Queued
    );
    assert!(
        store
            .lease(&[JobKind::Fetch], 60_000)
            .await
            .unwrap()
            .is_none(),
        "retried before its backoff"
    );
    let next = store.next_run_at().await.unwrap().unwrap();
    assert!(next >= store::now_ms() + 3_500_000, "backoff too short");
});

on_both_backends!(
    a_permanent_failure_goes_dead_at_once,
    |store: Store| async move {
        store
            .enqueue(JobKind::Extract, &1, None, fast())
            .await
            .unwrap();
        let job = store
            .lease(&[JobKind::Extract], 60_000)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store
                .fail(&job, "not an article", true, fast())
                .await
                .unwrap(),
            JobState::Dead
        );
    }
);

on_both_backends!(
    expired_leases_run_again_and_stale_workers_cannot_complete,
    |store: Store| async move {
        store
            .enqueue(JobKind::Fetch, &1, None, fast())
            .await
            .unwrap();
        let first = store.lease(&[JobKind::Fetch], 1).await.unwrap().unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        assert_eq!(store.reap_expired_leases().await.unwrap(), 1);
        let second = store
            .lease(&[JobKind::Fetch], 60_000)
            .await
            .unwrap()
            .expect("re-leased");
        assert_eq!(second.id, first.id);
        assert_eq!(second.attempts, 2);
        assert!(
            !store.complete(&first).await.unwrap(),
            "the stale worker completed a re-leased job"
        );
        assert!(!store.extend_lease(&first, 1000).await.unwrap());
        assert!(store.complete(&second).await.unwrap());
        // A job whose every attempt ended in an expired lease is dead, with a reason.
        store
            .enqueue(
                JobKind::Poll,
                &2,
                None,
                JobRetry {
                    max_attempts: 1,
                    ..fast()
                },
            )
            .await
            .unwrap();
        let job = store.lease(&[JobKind::Poll], 1).await.unwrap().unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        store.reap_expired_leases().await.unwrap();
        let (state, _, error) = state_of(&store, job.id).await;
        assert_eq!(state, "dead");
        assert!(error.unwrap().contains("lease expired"));
    }
);

on_both_backends!(
    concurrent_workers_never_share_a_job,
    |store: Store| async move {
        let store = Arc::new(store);
        for i in 0..200 {
            store
                .enqueue(JobKind::Fetch, &i, Some(&format!("k{i}")), fast())
                .await
                .unwrap();
        }
        let mut workers = Vec::new();
        for _ in 0..6 {
            let store = store.clone();
            workers.push(tokio::spawn(async move {
                let mut mine = Vec::new();
                while let Some(job) = store.lease(&[JobKind::Fetch], 60_000).await.unwrap() {
                    mine.push(job.payload::<i64>().unwrap());
                    assert!(store.complete(&job).await.unwrap());
                }
                mine
            }));
        }
        let mut seen = HashSet::new();
        for w in workers {
            for p in w.await.unwrap() {
                assert!(seen.insert(p), "job {p} ran twice");
            }
        }
        assert_eq!(seen.len(), 200);
        assert_eq!(store.pending_jobs().await.unwrap(), 0);
    }
);

on_both_backends!(
    released_job_is_due_again_without_spending_an_attempt,
    |store: Store| async move {
        store
            .enqueue(JobKind::Translate, &"a:1:fr", Some("tr:1:fr"), fast())
            .await
            .unwrap();
        let job = store
            .lease(&[JobKind::Translate], 60_000)
            .await
            .unwrap()
            .unwrap();
        assert!(store.release(&job).await.unwrap());
        assert_eq!(state_of(&store, job.id).await.0, "queued");
        assert_eq!(
            state_of(&store, job.id).await.1,
            0,
            "the attempt is given back"
        );
        // The old lease can neither release nor complete it again.
        assert!(!store.release(&job).await.unwrap());
        assert!(!store.complete(&job).await.unwrap());
        let again = store
            .lease(&[JobKind::Translate], 60_000)
            .await
            .unwrap()
            .expect("a released job is due at once");
        assert_eq!(again.id, job.id);
        assert_eq!(again.attempts, 1);
    }
);
