//! Mirroring publishers' pictures: the `[images]` settings, the running
//! image service (storage, rendition plan, limits), and what the image stage
//! and `newsbridge images status|gc|rebuild` do with them.
//!
//! A picture is fetched through the same [`ingest::Fetcher`] as pages (SSRF
//! guard, robots.txt, politeness per host, body size limit), must be sent as
//! `image/*`, is probed (magic bytes against the declared type, pixel and side
//! limits before any decode) and derived by the `images` crate, and its
//! renditions and original are written to the storage *before* the database
//! says it is stored: a page never links a picture whose files are not all
//! there, and a write cut by a crash leaves only a temporary file that no
//! route serves. A picture that cannot be fetched never holds up its article:
//! the reference stays pending and is retried with backoff, then marked
//! failed; the page shows its caption and alt text meanwhile.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use images::{ContentHash, Limits, OutputFormat, RenditionPlan, Storage, StorageConfig};
use serde::{Deserialize, Serialize};
use store::{
    ImageOutcome, ImageRef, ImageRole, ImageState, NewImageRef, RenditionInfo, Store, StoredImage,
};

/// `[images]`: where mirrored pictures are kept and which sizes are made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    /// Mirror pictures at all (off: pages show captions and alt texts only).
    pub enabled: bool,
    /// `disk` (one machine, the default) or `s3` (many web nodes).
    pub storage: String,
    /// Disk storage directory; default `{data_dir}/images`.
    pub dir: Option<PathBuf>,
    /// S3 bucket.
    pub bucket: Option<String>,
    /// S3 endpoint for non-AWS servers (`http://127.0.0.1:9000`).
    pub endpoint: Option<String>,
    /// S3 region.
    pub region: String,
    /// Key prefix in the bucket.
    pub prefix: String,
    /// S3 access key; better from the environment
    /// (`NEWSBRIDGE_IMAGES__ACCESS_KEY_ID`, or `AWS_ACCESS_KEY_ID` when unset).
    pub access_key_id: Option<String>,
    /// S3 secret key; better from the environment
    /// (`NEWSBRIDGE_IMAGES__SECRET_ACCESS_KEY`, or `AWS_SECRET_ACCESS_KEY` when unset).
    pub secret_access_key: Option<String>,
    /// Public base URL of the bucket or a CDN in front of it; pages then link
    /// there instead of `/media/…` on the portal.
    pub public_base_url: Option<String>,
    /// Widths of the `srcset` renditions.
    pub widths: Vec<u32>,
    /// Width of the social card (og:image, feeds).
    pub social_width: u32,
    /// Output formats: `webp` and `jpeg` (PNG replaces JPEG for transparent pictures).
    pub formats: Vec<OutputFormat>,
    /// JPEG quality (1–100).
    pub jpeg_quality: u8,
    /// WebP quality (0–100).
    pub webp_quality: u8,
    /// Largest original accepted, in MiB (the fetcher's own limit applies too).
    pub max_mib: u64,
    /// Largest original accepted, in megapixels (decompression bombs stop here).
    pub max_megapixels: u64,
    /// Longest side accepted, in pixels.
    pub max_side: u32,
    /// Fetch attempts before a picture is marked failed.
    pub max_attempts: i64,
    /// Seconds before the first retry; doubled each time (capped at a day).
    pub retry_seconds: u64,
    /// Hours after which a stored picture is checked again at the publisher
    /// (404/410 then withdraws it); 0 never rechecks.
    pub recheck_hours: u64,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        let plan = RenditionPlan::default();
        let limits = Limits::default();
        ImagesConfig {
            enabled: true,
            storage: "disk".into(),
            dir: None,
            bucket: None,
            endpoint: None,
            region: "us-east-1".into(),
            prefix: String::new(),
            access_key_id: None,
            secret_access_key: None,
            public_base_url: None,
            widths: plan.widths,
            social_width: plan.social_width,
            formats: plan.formats,
            jpeg_quality: plan.jpeg_quality,
            webp_quality: plan.webp_quality,
            max_mib: limits.max_bytes / (1024 * 1024),
            max_megapixels: limits.max_pixels / 1_000_000,
            max_side: limits.max_side,
            max_attempts: 6,
            retry_seconds: 600,
            recheck_hours: 24 * 7,
        }
    }
}

impl ImagesConfig {
    /// The storage these settings name (`data_dir` for the default directory).
    pub fn storage_config(&self, data_dir: &std::path::Path) -> Result<StorageConfig> {
        match self.storage.as_str() {
            "disk" => Ok(StorageConfig::Disk {
                root: self.dir.clone().unwrap_or_else(|| data_dir.join("images")),
            }),
            "s3" => Ok(StorageConfig::S3 {
                bucket: self
                    .bucket
                    .clone()
                    .filter(|b| !b.is_empty())
                    .context("invalid configuration: key `images.bucket` is required when images.storage = \"s3\"")?,
                endpoint: self.endpoint.clone(),
                region: self.region.clone(),
                access_key_id: self.access_key_id.clone(),
                secret_access_key: self.secret_access_key.clone(),
                prefix: self.prefix.clone(),
                public_base_url: self
                    .public_base_url
                    .as_ref()
                    .map(|u| u.trim_end_matches('/').to_string()),
            }),
            other => anyhow::bail!(
                "invalid configuration: key `images.storage` = {other:?}: expected \"disk\" or \"s3\""
            ),
        }
    }

    /// The rendition plan.
    pub fn plan(&self) -> RenditionPlan {
        RenditionPlan {
            widths: self.widths.clone(),
            social_width: self.social_width,
            formats: self.formats.clone(),
            jpeg_quality: self.jpeg_quality,
            webp_quality: self.webp_quality,
        }
    }

    /// The input limits.
    pub fn limits(&self) -> Limits {
        Limits {
            max_bytes: self.max_mib.saturating_mul(1024 * 1024),
            max_pixels: self.max_megapixels.saturating_mul(1_000_000),
            max_side: self.max_side,
        }
    }

    /// Checks what types cannot: a storage that can be built, a plan the
    /// `images` crate accepts, at least one attempt.
    pub fn validate(&self, data_dir: &std::path::Path) -> Result<()> {
        self.storage_config(data_dir)?;
        if self.max_attempts < 1 {
            anyhow::bail!(
                "invalid configuration: key `images.max_attempts` = {}: expected 1 or more",
                self.max_attempts
            );
        }
        if self.widths.is_empty() || self.widths.iter().any(|w| !(16..=8192).contains(w)) {
            anyhow::bail!(
                "invalid configuration: key `images.widths` = {:?}: expected widths from 16 to 8192 such as [480, 960, 1440]",
                self.widths
            );
        }
        if !(16..=8192).contains(&self.social_width) {
            anyhow::bail!(
                "invalid configuration: key `images.social_width` = {}: expected 16 to 8192 (1200 for large previews)",
                self.social_width
            );
        }
        if !self.formats.contains(&OutputFormat::Jpeg) || self.formats.contains(&OutputFormat::Avif)
        {
            anyhow::bail!(
                "invalid configuration: key `images.formats` = {:?}: expected \"jpeg\" (what every browser shows), \
                 optionally with \"webp\"; AVIF encoding is not built in",
                self.formats
            );
        }
        if !(1..=100).contains(&self.jpeg_quality) || self.webp_quality > 100 {
            anyhow::bail!(
                "invalid configuration: keys `images.jpeg_quality` = {}, `images.webp_quality` = {}: expected 1–100 and 0–100",
                self.jpeg_quality,
                self.webp_quality
            );
        }
        Ok(())
    }
}

/// The running image service, built once per process from `[images]`.
#[derive(Debug, Clone)]
pub struct Imaging {
    /// Where originals and renditions are kept.
    pub storage: Storage,
    /// Which renditions are made.
    pub plan: RenditionPlan,
    /// Input limits.
    pub limits: Limits,
    /// The settings it was built from.
    pub config: ImagesConfig,
}

impl Imaging {
    /// Builds the service, or `None` when `[images] enabled = false`.
    pub fn open(config: &ImagesConfig, data_dir: &std::path::Path) -> Result<Option<Arc<Imaging>>> {
        if !config.enabled {
            return Ok(None);
        }
        let storage = Storage::new(&config.storage_config(data_dir)?)
            .context("cannot open the image storage ([images])")?;
        Ok(Some(Arc::new(Imaging {
            storage,
            plan: config.plan(),
            limits: config.limits(),
            config: config.clone(),
        })))
    }

    /// The plan as recorded with each picture (a rebuild compares it).
    pub fn plan_signature(&self) -> String {
        let widths: Vec<String> = self.plan.widths.iter().map(u32::to_string).collect();
        let formats: Vec<&str> = self.plan.formats.iter().map(|f| format_name(*f)).collect();
        format!(
            "{}+{}/{}/q{},{}",
            widths.join(","),
            self.plan.social_width,
            formats.join(","),
            self.plan.jpeg_quality,
            self.plan.webp_quality
        )
    }

    /// Delay before the retry after attempt `attempts` (1-based), doubled each time, capped at a day.
    fn retry_delay(&self, attempts: i64) -> Duration {
        let base = self.config.retry_seconds.max(1);
        let exp = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
        Duration::from_secs(base.saturating_mul(1u64 << exp).min(86_400))
    }
}

/// The name `store` keeps for an output format.
pub fn format_name(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Avif => "avif",
        OutputFormat::Webp => "webp",
        OutputFormat::Jpeg => "jpeg",
        OutputFormat::Png => "png",
    }
}

/// The pictures an extracted article shows: the lead image, then each body
/// figure in reading order (position counts figures from 0).
pub fn references_of(article: &article::Article) -> Vec<NewImageRef> {
    let mut refs = Vec::new();
    let of = |role, position, f: &article::Figure| NewImageRef {
        role,
        position,
        url: f.src.clone(),
        credit: f.credit.clone(),
        alt: f.alt.clone(),
        caption: f.caption.as_ref().map(|c| c.plain_text()),
    };
    if let Some(lead) = article.image.as_ref().filter(|f| http_url(&f.src)) {
        refs.push(of(ImageRole::Lead, 0, lead));
    }
    let figures = article.blocks.iter().filter_map(|b| match b {
        article::Block::Figure(f) if http_url(&f.src) => Some(f),
        _ => None,
    });
    for (i, f) in figures.enumerate() {
        refs.push(of(ImageRole::Body, i64::try_from(i).unwrap_or(i64::MAX), f));
    }
    refs
}

fn http_url(src: &str) -> bool {
    let lower = src.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// What fetching and storing one URL came to, before attempts are counted.
#[derive(Debug, Clone)]
enum Fetched {
    Stored(String),
    Transient(String, Option<i64>),
    Refused(String, Option<i64>),
    Gone(i64),
}

/// Counts of what one run did, for logs and metrics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MirrorReport {
    /// References stored (fetched now or already stored).
    pub stored: usize,
    /// References that will be tried again.
    pub retry: usize,
    /// References failed for good.
    pub failed: usize,
    /// References refused (type, size, robots.txt, address guard).
    pub refused: usize,
    /// References withdrawn (404/410).
    pub withdrawn: usize,
    /// Bytes of renditions written.
    pub bytes_written: u64,
    /// Time spent deriving renditions.
    pub derive_time: Duration,
}

/// Mirrors the due pictures of one article: syncs its references with the
/// extracted original, fetches each pending one whose attempt is due (and,
/// with `recheck`, each stored one), and records every outcome. Returns what
/// it did and when the article's next attempt is due, if any. Errors are the
/// database's only: a picture's own failure is recorded, never returned.
pub async fn mirror_article(
    app: &crate::app::App,
    imaging: &Imaging,
    article_id: i64,
    recheck: bool,
) -> Result<(MirrorReport, Option<i64>)> {
    let store = &app.store;
    let article = store.article(article_id).await?;
    let mut report = MirrorReport::default();
    if article.status == store::ArticleStatus::TakenDown {
        purge_article(store, imaging, article_id, "article taken down").await?;
        return Ok((report, None));
    }
    let refs = store
        .sync_article_images(article_id, &references_of(&article.original))
        .await?;
    let now = store::now_ms();
    let mut done: HashMap<String, Fetched> = HashMap::new();
    for r in refs {
        let due = r.state == ImageState::Pending && r.next_attempt_at.is_none_or(|at| at <= now);
        let check = recheck && r.state == ImageState::Stored;
        if !due && !check {
            continue;
        }
        let fetched = match done.get(&r.url) {
            Some(f) => f.clone(),
            None => {
                let f = fetch_one(app, imaging, &r, check, &mut report).await?;
                done.insert(r.url.clone(), f.clone());
                f
            }
        };
        record(store, imaging, &r, fetched, &mut report).await?;
    }
    Ok((report, store.next_image_attempt(article_id).await?))
}

/// Fetches, probes, derives and stores one picture (or, for a recheck,
/// only asks whether the publisher still has it).
async fn fetch_one(
    app: &crate::app::App,
    imaging: &Imaging,
    r: &ImageRef,
    recheck: bool,
    report: &mut MirrorReport,
) -> Result<Fetched> {
    if !recheck {
        if let Some(hash) = app.store.stored_hash_for_url(&r.url).await? {
            return Ok(Fetched::Stored(hash));
        }
    }
    let fetched = match app.fetcher.fetch(&r.url, None).await {
        Ok(f) => f,
        Err(e) => return Ok(classify_fetch_error(&e)),
    };
    if recheck {
        return Ok(match &r.hash {
            Some(hash) => Fetched::Stored(hash.clone()),
            None => Fetched::Transient("stored picture without a hash".into(), None),
        });
    }
    let declared = fetched.content_type.clone();
    let is_image = declared
        .as_deref()
        .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("image/"));
    if !is_image {
        return Ok(Fetched::Refused(
            format!(
                "the publisher sent {} instead of a picture",
                declared.as_deref().unwrap_or("no Content-Type")
            ),
            Some(200),
        ));
    }
    let bytes = fetched.body;
    let probe = match images::probe(&bytes, declared.as_deref(), &imaging.limits) {
        Ok(p) => p,
        Err(e) => return Ok(Fetched::Refused(e.to_string(), Some(200))),
    };
    let hash = ContentHash::of(&bytes);
    let hex = hash.to_string();
    if app.store.image(&hex).await?.is_some() {
        return Ok(Fetched::Stored(hex));
    }
    let plan = imaging.plan.clone();
    let limits = imaging.limits;
    let started = Instant::now();
    let derive_input = bytes.clone();
    let derived =
        tokio::task::spawn_blocking(move || images::derive(&derive_input, &probe, &plan, &limits))
            .await
            .context("the derive task stopped")?;
    report.derive_time += started.elapsed();
    let renditions = match derived {
        Ok(r) => r,
        Err(e) => return Ok(Fetched::Refused(e.to_string(), Some(200))),
    };
    // Every file first; the database says "stored" only once all are there.
    // A write that fails (a full disk, the bucket unreachable) takes back
    // the files already written, so nothing the database does not know of
    // is left behind; the reference is retried later.
    let mut infos = Vec::new();
    let mut written: Vec<String> = Vec::new();
    let mut stored_bytes = 0u64;
    let original = images::original_key(&hash, probe.format);
    let files = renditions
        .iter()
        .map(|r| {
            (
                images::rendition_key(&hash, r.width, r.format),
                r.bytes.clone(),
                r.format.mime(),
            )
        })
        .chain([(original.clone(), bytes.to_vec(), probe.format.mime())]);
    for (key, body, mime) in files {
        if let Err(e) = imaging.storage.put(&key, body, mime).await {
            for done in &written {
                if let Err(e) = imaging.storage.delete(done).await {
                    tracing::warn!(key = done, error = %e, "cannot take back a rendition after a failed write");
                }
            }
            return Ok(Fetched::Transient(
                format!("writing {key} to the image storage failed: {e}"),
                None,
            ));
        }
        written.push(key);
    }
    for rendition in &renditions {
        let len = u64::try_from(rendition.bytes.len()).unwrap_or(u64::MAX);
        stored_bytes += len;
        infos.push(RenditionInfo {
            width: rendition.width,
            height: rendition.height,
            format: format_name(rendition.format).to_string(),
            bytes: len,
        });
    }
    report.bytes_written += stored_bytes;
    app.store
        .put_image(&StoredImage {
            hash: hex.clone(),
            format: format!("{:?}", probe.format).to_ascii_lowercase(),
            width: probe.width,
            height: probe.height,
            bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            stored_bytes,
            renditions: infos,
            plan: imaging.plan_signature(),
            stored_at: store::now_ms(),
        })
        .await?;
    Ok(Fetched::Stored(hex))
}

fn classify_fetch_error(e: &ingest::FetchError) -> Fetched {
    use ingest::FetchError as E;
    if e.is_gone() {
        let status = match e {
            E::Status { status, .. } => i64::from(*status),
            _ => 410,
        };
        return Fetched::Gone(status);
    }
    let status = match e {
        E::Status { status, .. } => Some(i64::from(*status)),
        _ => None,
    };
    match e {
        E::InvalidUrl { .. }
        | E::UnsupportedScheme { .. }
        | E::Refused { .. }
        | E::DisallowedByRobots { .. }
        | E::BodyTooLarge { .. } => Fetched::Refused(format!("{e}"), status),
        _ => Fetched::Transient(format!("{e}"), status),
    }
}

/// Records an outcome for one reference, counting attempts and backing off.
async fn record(
    store: &Store,
    imaging: &Imaging,
    r: &ImageRef,
    fetched: Fetched,
    report: &mut MirrorReport,
) -> Result<()> {
    let attempts = r.attempts + 1;
    let outcome = match fetched {
        Fetched::Stored(hash) => {
            report.stored += 1;
            if r.state == ImageState::Stored {
                store.touch_image_ref(r.id).await?;
                return Ok(());
            }
            ImageOutcome::Stored { hash }
        }
        Fetched::Gone(status) => {
            report.withdrawn += 1;
            ImageOutcome::Withdrawn {
                reason: format!("the publisher answered {status}: the picture was withdrawn"),
                http_status: Some(status),
            }
        }
        Fetched::Refused(error, http_status) => {
            report.refused += 1;
            ImageOutcome::Refused { error, http_status }
        }
        Fetched::Transient(error, http_status) if r.state == ImageState::Stored => {
            // A recheck that could not reach the publisher changes nothing.
            tracing::debug!(reference = r.id, %error, "recheck failed; picture kept");
            let _ = http_status;
            store.touch_image_ref(r.id).await?;
            return Ok(());
        }
        Fetched::Transient(error, http_status) if attempts >= imaging.config.max_attempts => {
            report.failed += 1;
            ImageOutcome::Failed {
                error: format!("{error} (gave up after {attempts} attempts)"),
                http_status,
            }
        }
        Fetched::Transient(error, http_status) => {
            report.retry += 1;
            let delay = imaging.retry_delay(attempts);
            ImageOutcome::Retry {
                error,
                http_status,
                retry_at: store::now_ms()
                    + i64::try_from(delay.as_millis()).unwrap_or(i64::MAX / 2),
            }
        }
    };
    let withdrawn_hash = match &outcome {
        ImageOutcome::Withdrawn { .. } => r.hash.clone(),
        _ => None,
    };
    store.record_image_outcome(r.id, &outcome).await?;
    if let Some(hash) = withdrawn_hash {
        for unused in store.unused_images(&[hash]).await? {
            delete_files(store, imaging, &unused).await?;
        }
    }
    Ok(())
}

/// Takes every picture of an article off its pages and deletes the files of
/// those no other live article shows (a takedown). Returns the pictures deleted.
pub async fn purge_article(
    store: &Store,
    imaging: &Imaging,
    article_id: i64,
    reason: &str,
) -> Result<usize> {
    let hashes = store.withdraw_article_images(article_id, reason).await?;
    let unused = store.unused_images(&hashes).await?;
    for hash in &unused {
        delete_files(store, imaging, hash).await?;
    }
    Ok(unused.len())
}

/// Deletes every file of a picture (each rendition and the original, in
/// every storage key under its hash), then forgets it in the database.
pub async fn delete_files(store: &Store, imaging: &Imaging, hash: &str) -> Result<()> {
    let parsed = ContentHash::parse(hash).context("stored picture hash")?;
    let prefix = images::rendition_key(&parsed, 1, OutputFormat::Jpeg);
    let dir = prefix.rsplit_once('/').map_or(prefix.as_str(), |(d, _)| d);
    let dir = format!("{dir}/");
    let keys = imaging
        .storage
        .list(&dir)
        .await
        .with_context(|| format!("listing {dir} in the image storage"))?;
    for key in keys {
        imaging
            .storage
            .delete(&key)
            .await
            .with_context(|| format!("deleting {key} from the image storage"))?;
    }
    store.forget_image(hash).await?;
    Ok(())
}

/// What `newsbridge images status` prints.
#[derive(Debug, Clone, Serialize)]
pub struct ImagesStatus {
    /// The database's counts.
    #[serde(flatten)]
    pub counts: store::ImageCounts,
    /// Storage kind (`disk` or `s3`).
    pub storage: String,
    /// The current plan; pictures made for another one need `images rebuild`.
    pub plan: String,
    /// Stored pictures made for another plan.
    pub stale: i64,
}

/// Bytes as MiB with one decimal.
fn mib(n: i64) -> String {
    format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
}

/// The status as `newsbridge images status` prints it (every line ends
/// with a newline).
impl std::fmt::Display for ImagesStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = &self.counts;
        writeln!(f, "storage: {}", self.storage)?;
        writeln!(
            f,
            "pictures: {} ({} originals, {} renditions)",
            c.images,
            mib(c.original_bytes),
            mib(c.stored_bytes)
        )?;
        let refs: Vec<String> = c
            .references
            .iter()
            .map(|(state, n)| format!("{state} {n}"))
            .collect();
        writeln!(f, "references: {}", refs.join(", "))?;
        writeln!(
            f,
            "orphans: {} (shown by no live article; `newsbridge images gc` deletes them)",
            c.orphans
        )?;
        writeln!(
            f,
            "made for another plan: {} (`newsbridge images rebuild` makes them for {})",
            self.stale, self.plan
        )
    }
}

/// Counts for `newsbridge images status`.
pub async fn status(store: &Store, imaging: &Imaging) -> Result<ImagesStatus> {
    let counts = store.image_counts().await?;
    let plan = imaging.plan_signature();
    let mut stale = 0;
    let mut after = String::new();
    loop {
        let page = store.images_after(&after, 500).await?;
        let Some(last) = page.last() else { break };
        after = last.hash.clone();
        stale += page.iter().filter(|i| i.plan != plan).count() as i64;
    }
    Ok(ImagesStatus {
        counts,
        storage: imaging.config.storage.clone(),
        plan,
        stale,
    })
}

/// Deletes the files of pictures no live article shows, and disk
/// temporaries older than an hour left by a crash. Returns (pictures, temporaries).
pub async fn gc(store: &Store, imaging: &Imaging) -> Result<(usize, u64)> {
    let mut removed = 0;
    loop {
        let orphans = store.orphan_images(200).await?;
        if orphans.is_empty() {
            break;
        }
        for o in &orphans {
            delete_files(store, imaging, &o.hash).await?;
            removed += 1;
        }
    }
    let partial = imaging
        .storage
        .remove_partial(Duration::from_secs(3600))
        .await?;
    Ok((removed, partial))
}

/// Makes the renditions of every stored picture made for another plan (or
/// of all with `all`) again from its stored original. Returns (rebuilt, failed).
pub async fn rebuild(store: &Store, imaging: &Imaging, all: bool) -> Result<(usize, usize)> {
    let plan = imaging.plan_signature();
    let (mut rebuilt, mut failed) = (0, 0);
    let mut after = String::new();
    loop {
        let page = store.images_after(&after, 100).await?;
        let Some(last) = page.last() else { break };
        after = last.hash.clone();
        for image in page.into_iter().filter(|i| all || i.plan != plan) {
            match rebuild_one(store, imaging, &image).await {
                Ok(()) => rebuilt += 1,
                Err(e) => {
                    tracing::warn!(hash = image.hash, error = %e, "rebuild failed");
                    failed += 1;
                }
            }
        }
    }
    Ok((rebuilt, failed))
}

async fn rebuild_one(store: &Store, imaging: &Imaging, image: &StoredImage) -> Result<()> {
    let hash = ContentHash::parse(&image.hash)?;
    let prefix = images::rendition_key(&hash, 1, OutputFormat::Jpeg);
    let dir = prefix.rsplit_once('/').map_or(prefix.as_str(), |(d, _)| d);
    let keys = imaging.storage.list(&format!("{dir}/")).await?;
    let original = keys
        .iter()
        .find(|k| {
            k.rsplit('/')
                .next()
                .is_some_and(|f| f.starts_with("original."))
        })
        .context("the original is not in the storage")?;
    let bytes = imaging
        .storage
        .get(original)
        .await?
        .context("the original is not in the storage")?
        .bytes;
    let probe = images::probe(&bytes, None, &imaging.limits)?;
    let plan = imaging.plan.clone();
    let limits = imaging.limits;
    let input = bytes.clone();
    let renditions =
        tokio::task::spawn_blocking(move || images::derive(&input, &probe, &plan, &limits))
            .await??;
    let mut infos = Vec::new();
    let mut stored_bytes = 0u64;
    for r in &renditions {
        let key = images::rendition_key(&hash, r.width, r.format);
        imaging
            .storage
            .put(&key, r.bytes.clone(), r.format.mime())
            .await?;
        let len = u64::try_from(r.bytes.len()).unwrap_or(u64::MAX);
        stored_bytes += len;
        infos.push(RenditionInfo {
            width: r.width,
            height: r.height,
            format: format_name(r.format).to_string(),
            bytes: len,
        });
    }
    store
        .put_image(&StoredImage {
            stored_bytes,
            renditions: infos.clone(),
            plan: imaging.plan_signature(),
            ..image.clone()
        })
        .await?;
    // Renditions of the old plan that the new one does not make.
    let keep: Vec<String> = renditions
        .iter()
        .map(|r| images::rendition_key(&hash, r.width, r.format))
        .chain([original.clone()])
        .collect();
    for key in keys.iter().filter(|k| !keep.contains(k)) {
        imaging.storage.delete(key).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_reads_in_mebibytes() {
        let status = ImagesStatus {
            counts: store::ImageCounts {
                references: [("done".to_string(), 3), ("failed".to_string(), 1)].into(),
                images: 2,
                original_bytes: 3 * 1024 * 1024 / 2,
                stored_bytes: 0,
                orphans: 1,
            },
            storage: "disk".into(),
            plan: "w480,w960:webp".into(),
            stale: 0,
        };
        assert_eq!(
            status.to_string(),
            "storage: disk\n\
             pictures: 2 (1.5 MiB originals, 0.0 MiB renditions)\n\
             references: done 3, failed 1\n\
             orphans: 1 (shown by no live article; `newsbridge images gc` deletes them)\n\
             made for another plan: 0 (`newsbridge images rebuild` makes them for w480,w960:webp)\n"
        );
    }

    #[test]
    fn references_are_the_lead_then_each_body_figure() {
        let fig = |src: &str| article::Figure {
            src: src.into(),
            alt: Some("alt".into()),
            caption: Some(article::RichText::plain("Chú thích")),
            credit: Some("TTXVN".into()),
            ..article::Figure::default()
        };
        let a = article::Article {
            image: Some(fig("https://p.vn/lead.jpg")),
            blocks: vec![
                article::Block::Figure(fig("https://p.vn/1.jpg")),
                article::Block::Figure(fig("data:image/png;base64,AAAA")),
                article::Block::Figure(fig("https://p.vn/2.jpg")),
            ],
            ..article::Article::default()
        };
        let refs = references_of(&a);
        assert_eq!(
            refs.iter()
                .map(|r| (r.role, r.position, r.url.as_str()))
                .collect::<Vec<_>>(),
            [
                (ImageRole::Lead, 0, "https://p.vn/lead.jpg"),
                (ImageRole::Body, 0, "https://p.vn/1.jpg"),
                (ImageRole::Body, 1, "https://p.vn/2.jpg"),
            ],
            "a data: URL is no picture to fetch"
        );
        assert_eq!(refs[0].caption.as_deref(), Some("Chú thích"));
        assert_eq!(refs[0].credit.as_deref(), Some("TTXVN"));
    }

    #[test]
    fn settings_build_storage_and_refuse_what_cannot_work() {
        let dir = std::path::Path::new("/data");
        let c = ImagesConfig::default();
        assert_eq!(
            c.storage_config(dir).unwrap_or_else(|e| panic!("{e}")),
            StorageConfig::Disk {
                root: dir.join("images")
            }
        );
        let s3 = ImagesConfig {
            storage: "s3".into(),
            ..ImagesConfig::default()
        };
        let err = s3
            .validate(dir)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("images.bucket"), "{err}");
        let odd = ImagesConfig {
            storage: "ftp".into(),
            ..ImagesConfig::default()
        };
        let err = odd
            .validate(dir)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("images.storage"), "{err}");
        let none = ImagesConfig {
            max_attempts: 0,
            ..ImagesConfig::default()
        };
        assert!(none.validate(dir).is_err());
    }

    #[test]
    fn the_example_files_images_section_is_the_default() {
        #[derive(Deserialize)]
        struct File {
            images: ImagesConfig,
        }
        let file: File = toml::from_str(crate::config::TEMPLATE).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.images, ImagesConfig::default());
    }

    #[test]
    fn formats_without_a_fallback_or_with_avif_are_refused() {
        let dir = std::path::Path::new("/data");
        for formats in [
            vec![OutputFormat::Webp],
            vec![OutputFormat::Avif, OutputFormat::Jpeg],
            vec![],
        ] {
            let c = ImagesConfig {
                formats: formats.clone(),
                ..ImagesConfig::default()
            };
            let err = c
                .validate(dir)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains("images.formats"), "{formats:?}: {err}");
        }
        let wide = ImagesConfig {
            widths: vec![480, 100_000],
            ..ImagesConfig::default()
        };
        assert!(wide.validate(dir).is_err());
    }

    #[test]
    fn retries_back_off_and_stop_at_a_day() {
        let imaging = Imaging {
            storage: Storage::new(&StorageConfig::Disk {
                root: std::env::temp_dir().join("nb-imaging-unit"),
            })
            .unwrap_or_else(|e| panic!("{e}")),
            plan: RenditionPlan::default(),
            limits: Limits::default(),
            config: ImagesConfig::default(),
        };
        assert_eq!(imaging.retry_delay(1), Duration::from_secs(600));
        assert_eq!(imaging.retry_delay(2), Duration::from_secs(1200));
        assert_eq!(imaging.retry_delay(30), Duration::from_secs(86_400));
    }
}
