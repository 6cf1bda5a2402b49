//! The command line: one subcommand per operator task.

use std::path::PathBuf;
use std::sync::LazyLock;

use clap::{Args, Parser, Subcommand};

/// Newsbridge carries a country's news across languages: it finds partner
/// publishers' new articles, extracts them, translates them into every
/// configured language and publishes them on a multilingual portal.
#[derive(Debug, Parser)]
#[command(
    name = "newsbridge",
    version,
    long_version = long_version(),
    propagate_version = true
)]
#[command(
    after_help = "Start here:\n  newsbridge demo                 # sample publisher + portal, nothing to configure\n  newsbridge init && newsbridge run"
)]
pub struct Cli {
    /// Configuration file; one named here must exist. Default: ./newsbridge.toml
    /// if it exists, else the demo's (data/demo/demo.toml) if a demo ran here,
    /// else the built-in defaults.
    #[arg(
        long,
        short,
        global = true,
        env = "NEWSBRIDGE_CONFIG",
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,
    /// Log format on standard error: `text` for people, `json` (one object per line) for log collectors.
    #[arg(
        long,
        global = true,
        env = "NEWSBRIDGE_LOG_FORMAT",
        value_enum,
        default_value = "text"
    )]
    pub log_format: LogFormat,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line (timestamp, level, target, fields, span).
    Json,
}

/// A pipeline stage named on the command line (`--stages translate,revise`).
fn parse_stage(name: &str) -> Result<store::JobKind, String> {
    name.trim().parse::<store::JobKind>().map_err(|_| {
        let all: Vec<&str> = store::JobKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown stage {name:?}; stages are {}", all.join(", "))
    })
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a commented newsbridge.toml and create the data directory.
    #[command(
        after_help = "Example:\n  newsbridge init\n  newsbridge init --force   # overwrite an existing newsbridge.toml"
    )]
    Init {
        /// Overwrite an existing configuration file.
        #[arg(long)]
        force: bool,
    },
    /// Web server and workers in one process: the one-machine default.
    #[command(
        after_help = "Example:\n  newsbridge run\n  NEWSBRIDGE_SERVER__LISTEN=0.0.0.0:8080 newsbridge run"
    )]
    Run,
    /// Only the web server (portal, API, desk); workers run elsewhere.
    #[command(
        after_help = "Example (many machines, PostgreSQL):\n  DATABASE_URL=postgres://nb@db/nb newsbridge serve"
    )]
    Serve,
    /// Only the job workers; the portal runs elsewhere.
    #[command(
        after_help = "Example:\n  DATABASE_URL=postgres://nb@db/nb newsbridge worker --concurrency 8\n  DATABASE_URL=postgres://nb@db/nb newsbridge worker --stages translate,revise   # a translation machine\n  newsbridge worker --metrics-addr 127.0.0.1:9101   # Prometheus scrapes it there"
    )]
    Worker {
        /// Jobs at the same time (default: workers.concurrency).
        #[arg(long)]
        concurrency: Option<usize>,
        /// Only these stages (comma-separated: poll, fetch, extract, classify, translate,
        /// publish, revise); default all. Source polls are scheduled by workers that run `poll`.
        #[arg(long, value_delimiter = ',', value_parser = parse_stage)]
        stages: Vec<store::JobKind>,
        /// Serve `/metrics` (job durations and outcomes, translated segments, the
        /// shared queue), `/healthz` and `/readyz` on this address, e.g. 127.0.0.1:9101.
        #[arg(long, value_name = "ADDR")]
        metrics_addr: Option<std::net::SocketAddr>,
    },
    /// Write the whole database to one archive: the backup format, and the way
    /// a SQLite site moves to PostgreSQL (with `import`).
    #[command(
        after_help = "Example:\n  newsbridge export backup-2026-11-25.nbarchive\n\nThe archive is gzip-compressed JSON Lines, read from one consistent snapshot:\nit can be taken while the site runs."
    )]
    Export {
        /// The archive to write (replaced only once complete).
        file: PathBuf,
    },
    /// Load an archive written by `export` into an empty database (all or nothing).
    #[command(
        after_help = "Example (moving a SQLite site to PostgreSQL):\n  newsbridge export site.nbarchive\n  DATABASE_URL=postgres://nb@db/nb newsbridge import site.nbarchive\n  DATABASE_URL=postgres://nb@db/nb newsbridge index rebuild"
    )]
    Import {
        /// The archive to read.
        file: PathBuf,
    },
    /// This node's search index.
    #[command(subcommand)]
    Index(IndexCommand),
    /// Mirrored pictures: counts, clean-up, renditions made again.
    #[command(subcommand)]
    Images(ImagesCommand),
    /// Run the translation QA checks on pairs translated elsewhere (JSON Lines in,
    /// one JSON line of flags out per pair): to audit bought translations.
    #[command(
        after_help = "Example:\n  newsbridge qa --from vi --to fr --glossary terms.csv pairs.jsonl\n\npairs.jsonl:\n  {\"source\": \"Giá vàng tăng 1.115 đồng.\", \"translation\": \"Le prix de l'or augmente.\"}\noutput:\n  {\"line\":1,\"flags\":[{\"flag\":\"number_missing\",\"value\":\"1115\"}]}"
    )]
    Qa {
        /// Source language.
        #[arg(long)]
        from: String,
        /// Target language.
        #[arg(long)]
        to: String,
        /// Glossary CSV to verify (as `glossary import` reads).
        #[arg(long)]
        glossary: Option<PathBuf>,
        /// The JSONL file (`-` for standard input).
        file: PathBuf,
    },
    /// Translate text through the configured engines, translation memory and glossary.
    #[command(
        after_help = "Example:\n  newsbridge translate-text --from vi --to fr \"Mưa lớn ở Hà Nội.\"\n  newsbridge translate-text --from vi --to en < article.txt"
    )]
    TranslateText {
        /// Source language.
        #[arg(long)]
        from: String,
        /// Target language.
        #[arg(long)]
        to: String,
        /// The text (default: standard input), translated line by line.
        text: Option<String>,
    },
    /// Translate one stored article again now (into every portal language, or
    /// those given) and publish it unless QA holds it: after installing a model,
    /// changing the glossary, or to retry one article by hand.
    #[command(
        after_help = "Example:\n  newsbridge translate 42 --lang fr\n  newsbridge translate 42            # every portal language"
    )]
    Translate {
        /// The article's id (the number in its portal URL, or `status`/the desk).
        article_id: i64,
        /// Target language, repeatable or comma-separated (default: every portal language).
        #[arg(long = "lang", value_delimiter = ',')]
        langs: Vec<String>,
    },
    /// Machine translation models installed for the local CTranslate2 engine.
    #[command(subcommand)]
    Models(ModelsCommand),
    /// Bring the database schema up to date.
    #[command(
        after_help = "Example:\n  newsbridge migrate\n  DATABASE_URL=postgres://nb@db/nb newsbridge migrate"
    )]
    Migrate,
    /// Manage the publishers' feeds, sitemaps and section pages.
    #[command(subcommand)]
    Sources(SourcesCommand),
    /// Poll every source once and run the pipeline until nothing is left to do.
    #[command(after_help = "Example:\n  newsbridge ingest --once")]
    Ingest {
        /// Poll once, drain the queue, then exit (the only mode for now; `run` polls continuously).
        #[arg(long, required = true)]
        once: bool,
    },
    /// The database read, jobs per stage and state, articles, translations and failed jobs.
    #[command(after_help = pipeline::status::HELP)]
    Status {
        /// Print one JSON object instead of a table (its shape is below).
        #[arg(long)]
        json: bool,
        /// Put every dead job back in the queue.
        #[arg(long)]
        retry_dead: bool,
    },
    /// Serve the bundled sample publisher, ingest it over HTTP and serve the portal.
    #[command(
        after_help = "Example:\n  newsbridge demo                  # then open the printed URL\n  newsbridge demo --listen 127.0.0.1:9000 --generated 100"
    )]
    Demo(DemoArgs),
    /// Manage desk users.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Portal sections and the classifier that files articles their publisher did not.
    #[command(subcommand)]
    Sections(SectionsCommand),
    /// Import or export the translation memory as TMX 1.4 (the CAT tools' exchange format).
    #[command(subcommand)]
    Memory(MemoryCommand),
    /// Import or export glossary terms as CSV (forced translations, do-not-translate names).
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// Print a shell completion script, generated from these commands' definitions.
    #[command(
        after_help = "Example:\n  newsbridge completions bash > /etc/bash_completion.d/newsbridge\n  newsbridge completions zsh > \"${fpath[1]}/_newsbridge\"\n  newsbridge completions fish > ~/.config/fish/completions/newsbridge.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), generated from these commands' definitions.
    #[command(
        after_help = "Example:\n  newsbridge man > /usr/local/share/man/man1/newsbridge.1\n  newsbridge man | man -l -"
    )]
    Man,
    /// Extract pages and print the articles: one page for writing source
    /// overrides, or many as JSON lines for re-extracting an archive. A page
    /// that holds no article is an error naming why.
    #[command(
        after_help = "Example:\n  newsbridge extract page.html --format markdown\n  newsbridge extract https://publisher.example/a.html --format json\n  newsbridge extract archive/*.html --format jsonl --jobs 4 > articles.jsonl\n  find archive -name '*.html' | newsbridge extract - --format jsonl"
    )]
    Extract {
        /// File paths or http(s) URLs; `-` reads them from standard input, one per line.
        #[arg(required = true)]
        input: Vec<String>,
        #[command(flatten)]
        format: ExtractOutput,
        /// URL to resolve relative links against when INPUT is one file.
        #[arg(long)]
        url: Option<String>,
    },
}

/// `newsbridge --version`: the version, then the translation engines this
/// binary was built with and how each runs (as `nginx -V` names its modules).
fn long_version() -> &'static str {
    static TEXT: LazyLock<String> = LazyLock::new(|| {
        format!(
            "{}\n{}",
            env!("CARGO_PKG_VERSION"),
            translate::built_in_summary()
        )
    });
    TEXT.as_str()
}

/// `newsbridge extract` output: the format and how many pages at once.
#[derive(Debug, Clone, Copy, Args)]
pub struct ExtractOutput {
    /// Output format; several inputs need `jsonl`.
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExtractFormat,
    /// Pages extracted at once (threads); output stays in input order.
    #[arg(long, short, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
}

/// `newsbridge extract` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per input and line, in input order: `{"input", "article"}`
    /// or `{"input", "error": {"kind", "reason", "message"}}`.
    Jsonl,
    /// The article as JSON, with `body_text`.
    Json,
    /// Markdown.
    Markdown,
    /// Clean HTML.
    Html,
}

/// Options of `newsbridge demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Address of the portal.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Extra template-made articles on the sample site, besides the hand-written ones.
    #[arg(long, default_value_t = 0)]
    pub generated: usize,
    /// Data directory of the demo (wiped at start).
    #[arg(long, default_value = pipeline::config::DEMO_DATA_DIR)]
    pub data_dir: PathBuf,
    /// Ingest, print the status and exit instead of serving.
    #[arg(long)]
    pub no_serve: bool,
}

/// `newsbridge sources …`
#[derive(Debug, Subcommand)]
pub enum SourcesCommand {
    /// Add a feed, sitemap or listing page; given a homepage, propose its feeds.
    #[command(
        after_help = "Examples:\n  newsbridge sources add https://publisher.example/rss/home.rss --name \"Báo Mẫu\"\n  newsbridge sources add https://publisher.example/ --discover\n  newsbridge sources add https://publisher.example/kinh-te/ --kind listing --link-pattern '/kinh-te/.+\\.html$' --section kinh-te"
    )]
    Add(Box<SourceAddArgs>),
    /// List sources with their last poll.
    #[command(after_help = "Example:\n  newsbridge sources list")]
    List,
    /// Show one source's settings and state.
    #[command(after_help = "Example:\n  newsbridge sources show 1")]
    Show {
        /// Source id (see `sources list`).
        id: i64,
    },
    /// Remove a source (its articles stay).
    #[command(after_help = "Example:\n  newsbridge sources remove 1")]
    Remove {
        /// Source id (see `sources list`).
        id: i64,
    },
}

/// Options of `newsbridge sources add`.
#[derive(Debug, Args)]
pub struct SourceAddArgs {
    /// Feed, sitemap or section page URL (or a homepage with --discover).
    pub url: String,
    /// Display name (the publisher).
    #[arg(long)]
    pub name: Option<String>,
    /// What the URL serves; guessed from the response when omitted.
    #[arg(long, value_parser = ["feed", "sitemap", "listing"])]
    pub kind: Option<String>,
    /// Treat URL as a homepage: find its feeds and sitemaps and list them.
    #[arg(long)]
    pub discover: bool,
    /// For listings: regex that article links match.
    #[arg(long)]
    pub link_pattern: Option<String>,
    /// Portal section for articles whose category maps to none.
    #[arg(long)]
    pub section: Option<String>,
    /// Map a publisher category to a portal section: `--map "Kinh tế=kinh-te"` (repeatable).
    #[arg(long = "map", value_name = "CATEGORY=SECTION")]
    pub maps: Vec<String>,
    /// Only article URLs matching this regex (repeatable), e.g. `--include '\.html$'`.
    #[arg(long)]
    pub include: Vec<String>,
    /// Never article URLs matching this regex (repeatable), e.g. `--exclude '/video/'`.
    #[arg(long)]
    pub exclude: Vec<String>,
    /// Credit line shown with every article.
    #[arg(long)]
    pub credit: Option<String>,
}

/// `newsbridge users …`
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add a desk user; the password is read from standard input.
    #[command(
        after_help = "Example:\n  echo 'a long passphrase' | newsbridge users add alice --role editor --languages fr,de"
    )]
    Add {
        /// Login name.
        username: String,
        /// admin or editor.
        #[arg(long, default_value = "editor", value_parser = ["admin", "editor"])]
        role: String,
        /// Languages an editor may work on (comma-separated; empty: all).
        #[arg(long, value_delimiter = ',')]
        languages: Vec<String>,
    },
    /// List desk users with their role, languages and whether they may sign in.
    #[command(after_help = "Example:\n  newsbridge users list")]
    List,
    /// Stop a user from signing in (their open sessions end too).
    #[command(after_help = "Example:\n  newsbridge users disable alice")]
    Disable {
        /// Login name.
        username: String,
    },
    /// Let a disabled user sign in again.
    #[command(after_help = "Example:\n  newsbridge users enable alice")]
    Enable {
        /// Login name.
        username: String,
    },
    /// Set a new password, read from standard input (every session of the user ends).
    #[command(
        after_help = "Example:\n  echo 'a new long passphrase' | newsbridge users password alice"
    )]
    Password {
        /// Login name.
        username: String,
    },
}

/// `newsbridge memory …`
#[derive(Debug, Subcommand)]
pub enum MemoryCommand {
    /// Import a TMX file; human translations there win over engines' from now on.
    #[command(after_help = "Example:\n  newsbridge memory import agency-vi-fr.tmx")]
    Import {
        /// The TMX 1.4 file.
        file: PathBuf,
    },
    /// Export one language pair's memory as TMX to standard output.
    #[command(after_help = "Example:\n  newsbridge memory export vi fr > vi-fr.tmx")]
    Export {
        /// Source language.
        source: String,
        /// Target language.
        target: String,
    },
}

/// `newsbridge glossary …`
#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Import terms from CSV (columns: source_lang,target_lang,source,target,kind,case).
    #[command(
        after_help = "Example:\n  newsbridge glossary import names.csv\n\nnames.csv:\n  source_lang,target_lang,source,target,kind,case\n  vi,fr,Putin,Poutine,forced,insensitive"
    )]
    Import {
        /// The CSV file.
        file: PathBuf,
    },
    /// Export one language pair's terms as CSV to standard output.
    #[command(after_help = "Example:\n  newsbridge glossary export vi fr > vi-fr.csv")]
    Export {
        /// Source language.
        source: String,
        /// Target language.
        target: String,
    },
}

/// `newsbridge models …`
#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// List installed models with their language pair and size.
    #[command(after_help = "Example:\n  newsbridge models list")]
    List,
    /// Install a CTranslate2 model: a directory, a .tar.gz/.zip archive of one,
    /// an Argos `.argosmodel` package, or an http(s) URL of any of these.
    #[command(
        after_help = "Example:\n  newsbridge models add ~/opus-mt-vi-en-ct2/ --from vi --to en\n  newsbridge models add translate-vi_en-1_0.argosmodel\n\nThen route a language pair to it in newsbridge.toml (printed after installing)."
    )]
    Add {
        /// Directory, archive, package or URL.
        source: String,
        /// Name to install under (default: from the file name).
        #[arg(long)]
        name: Option<String>,
        /// Source language (default: from the package or the name's `-vi-en` ending).
        #[arg(long)]
        from: Option<String>,
        /// Target language.
        #[arg(long)]
        to: Option<String>,
        /// Replace an installed model of the same name.
        #[arg(long)]
        replace: bool,
    },
    /// Remove an installed model.
    #[command(after_help = "Example:\n  newsbridge models remove opus-mt-vi-en")]
    Remove {
        /// The model's name (see `models list`).
        name: String,
    },
}

/// `newsbridge index …`
#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Rebuild this node's search index from the database (disaster recovery,
    /// or after `import`). Stop `serve`/`run` on this node first.
    #[command(after_help = "Example:\n  newsbridge index rebuild")]
    Rebuild,
}

/// `newsbridge images …`
#[derive(Debug, Subcommand)]
pub enum ImagesCommand {
    /// Pictures and bytes stored, references per state, orphans, pictures
    /// made for an older `[images]` plan.
    #[command(
        after_help = "Example:\n  newsbridge images status\n  newsbridge images status --json"
    )]
    Status {
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Delete the files of pictures no live article shows, and temporary
    /// files an interrupted write left behind.
    #[command(after_help = "Example:\n  newsbridge images gc")]
    Gc,
    /// Make the renditions again from the stored originals (after
    /// `[images]` widths, formats or qualities changed).
    #[command(
        after_help = "Example:\n  newsbridge images rebuild\n  newsbridge images rebuild --all"
    )]
    Rebuild {
        /// Every picture, not only those made for another plan.
        #[arg(long)]
        all: bool,
    },
}

/// `newsbridge sections …`
#[derive(Debug, Subcommand)]
pub enum SectionsCommand {
    /// List the sections with their names and addresses in every portal language.
    #[command(after_help = "Example:\n  newsbridge sections list")]
    List,
    /// Set a section's name or address (URL slug) in some languages, or its
    /// menu position; earlier addresses redirect to the new one.
    #[command(
        after_help = "Example:\n  newsbridge sections set the-gioi --name fr=Monde --slug fr=monde --slug en=world"
    )]
    Set {
        /// The section's key, as `sections list` shows it.
        key: String,
        /// `LANG=NAME`, repeatable; an empty name removes it (the key is shown).
        #[arg(long = "name", value_name = "LANG=NAME")]
        names: Vec<String>,
        /// `LANG=SLUG`, repeatable; an empty slug returns that language to the key.
        #[arg(long = "slug", value_name = "LANG=SLUG")]
        slugs: Vec<String>,
        /// Position in menus.
        #[arg(long)]
        position: Option<i64>,
    },
    /// Train the section classifier on the articles filed for sure, print its
    /// cross-validated accuracy and save it; workers use it from their next article.
    #[command(after_help = "Example:\n  newsbridge sections retrain")]
    Retrain,
    /// Print the classifier's cross-validated accuracy on the stored articles, without saving.
    #[command(after_help = "Example:\n  newsbridge sections report")]
    Report,
}
