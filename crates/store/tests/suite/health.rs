//! Source health: a silent source, a failing one and one that recovers.

use serde_json::json;
use store::{
    HealthChange, JobKind, JobRetry, PollObservation, SourceHealth, SourceKind, Store,
    ARTICLE_JOBS_TO_JUDGE,
};

async fn feed(store: &Store) -> i64 {
    store
        .add_source(
            "Báo",
            SourceKind::Feed,
            "https://publisher.example/rss",
            &json!({}),
        )
        .await
        .unwrap()
        .id
}

fn read(entries: usize, note: Option<&str>) -> PollObservation {
    PollObservation::Read {
        entries,
        note: note.map(str::to_owned),
    }
}

on_both_backends!(
    a_source_that_stays_empty_is_unhealthy_with_the_readers_reason_then_recovers,
    |store: Store| async move {
        let id = feed(&store).await;
        assert_eq!(
            store.source(id).await.unwrap().health,
            SourceHealth::Unknown
        );
        let why = "this RSS has a default namespace on <rss>";
        assert_eq!(
            store
                .observe_source_health(id, &read(0, Some(why)))
                .await
                .unwrap(),
            HealthChange::Same,
            "one empty poll is not yet a pattern"
        );
        let change = store
            .observe_source_health(id, &read(0, Some(why)))
            .await
            .unwrap();
        let HealthChange::BecameUnhealthy(reason) = change else {
            panic!("two empty polls in a row make it unhealthy, got {change:?}");
        };
        assert!(reason.contains(why), "{reason}");
        let source = store.source(id).await.unwrap();
        assert_eq!(source.health, SourceHealth::Unhealthy);
        assert_eq!(source.last_entries, Some(0));
        assert!(source.health_since.is_some());
        assert!(store
            .audit_has("source_unhealthy", &format!("source {id}"))
            .await
            .unwrap());

        // A 304 is no evidence: still unhealthy.
        store
            .observe_source_health(id, &PollObservation::Unchanged)
            .await
            .unwrap();
        assert_eq!(
            store.source(id).await.unwrap().health,
            SourceHealth::Unhealthy
        );

        let change = store
            .observe_source_health(id, &read(12, None))
            .await
            .unwrap();
        assert_eq!(change, HealthChange::Recovered);
        let source = store.source(id).await.unwrap();
        assert_eq!(source.health, SourceHealth::Healthy);
        assert_eq!(source.health_reason, None);
        assert!(source.recovered_at.is_some());
        assert_eq!(source.last_entries, Some(12));
        assert!(store
            .audit_has("source_recovered", &format!("source {id}"))
            .await
            .unwrap());
    }
);

on_both_backends!(
    a_source_whose_polls_fail_twice_is_unhealthy_with_the_error,
    |store: Store| async move {
        let id = feed(&store).await;
        store
            .observe_source_health(id, &read(3, None))
            .await
            .unwrap();
        assert_eq!(
            store.source(id).await.unwrap().health,
            SourceHealth::Healthy
        );
        let err = PollObservation::Failed("HTTP 500 from https://publisher.example/rss".into());
        assert_eq!(
            store.observe_source_health(id, &err).await.unwrap(),
            HealthChange::Same
        );
        assert!(matches!(
            store.observe_source_health(id, &err).await.unwrap(),
            HealthChange::BecameUnhealthy(r) if r.contains("HTTP 500")
        ));
        // Entries again, but one success resets the failure count.
        assert_eq!(
            store
                .observe_source_health(id, &read(3, None))
                .await
                .unwrap(),
            HealthChange::Recovered
        );
        assert_eq!(
            store.observe_source_health(id, &err).await.unwrap(),
            HealthChange::Same
        );
        assert_eq!(
            store.source(id).await.unwrap().health,
            SourceHealth::Healthy
        );
    }
);

on_both_backends!(
    a_source_whose_articles_all_die_is_unhealthy_though_its_feed_reads,
    |store: Store| async move {
        let id = feed(&store).await;
        let policy = JobRetry {
            max_attempts: 1,
            base_delay_ms: 0,
            max_delay_ms: 0,
        };
        for n in 0..ARTICLE_JOBS_TO_JUDGE {
            let payload = json!({"url": format!("https://publisher.example/{n}"), "source_id": id});
            store
                .enqueue(JobKind::Fetch, &payload, None, policy)
                .await
                .unwrap();
            let job = store
                .lease(&[JobKind::Fetch], 60_000)
                .await
                .unwrap()
                .unwrap();
            store
                .fail(
                    &job,
                    "HTTP 403 Forbidden: the publisher refuses us",
                    true,
                    policy,
                )
                .await
                .unwrap();
        }
        let change = store
            .observe_source_health(id, &read(8, None))
            .await
            .unwrap();
        assert!(
            matches!(&change, HealthChange::BecameUnhealthy(r) if r.contains("403")),
            "{change:?}"
        );
        // One article getting through makes it healthy again.
        let payload = json!({"url": "https://publisher.example/ok", "source_id": id});
        store
            .enqueue(JobKind::Fetch, &payload, None, policy)
            .await
            .unwrap();
        let job = store
            .lease(&[JobKind::Fetch], 60_000)
            .await
            .unwrap()
            .unwrap();
        store.complete(&job).await.unwrap();
        assert_eq!(
            store
                .observe_source_health(id, &read(8, None))
                .await
                .unwrap(),
            HealthChange::Recovered
        );
        let counts = store.source_health_counts().await.unwrap();
        assert_eq!(counts, vec![(SourceHealth::Healthy, 1)]);
    }
);
