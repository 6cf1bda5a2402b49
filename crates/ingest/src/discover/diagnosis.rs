//! What reading a document had to forgive, said so an operator can act.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The most elements nested inside one another that a feed or sitemap may
/// have; deeper documents are read by the tolerant reader, which ignores
/// the part below this depth.
pub const MAX_XML_DEPTH: usize = 256;

/// The most entries read from one feed; the rest are dropped and reported.
pub const MAX_FEED_ENTRIES: usize = 10_000;

/// The most `<url>`s or `<sitemap>`s read from one sitemap (the sitemap
/// protocol's own limit); the rest are dropped and reported.
pub const MAX_SITEMAP_ENTRIES: usize = 50_000;

/// A document read, with what had to be repaired or skipped to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading<T> {
    /// What the document lists.
    pub found: T,
    /// What was wrong with the document and was worked around, in the order
    /// found. Empty when the strict parser read it as it is.
    pub repairs: Vec<Repair>,
    /// Items the document lists that gave no usable article URL (no link,
    /// a link that is not http(s), an attachment).
    pub skipped: usize,
}

/// One thing wrong with a feed or sitemap that reading worked around.
///
/// `Display` says what is wrong and what the publisher should change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Repair {
    /// `<rss xmlns="…">`: RSS has no namespace, so strict parsers see no RSS
    /// elements in it.
    DefaultNamespace {
        /// The namespace declared.
        namespace: String,
    },
    /// `<rss>` without a `version` attribute.
    MissingVersion,
    /// A feed format no longer written by current software.
    LegacyFormat {
        /// "RSS 0.90" or "Atom 0.3".
        format: String,
    },
    /// A `&` that starts no reference (`?a=1&b=2`), read as `&amp;`.
    BareAmpersands {
        /// How many.
        count: usize,
    },
    /// HTML entities XML does not define (`&nbsp;`), read as their characters.
    HtmlEntities {
        /// How many.
        count: usize,
    },
    /// Control characters XML forbids, dropped.
    ControlCharacters {
        /// How many.
        count: usize,
    },
    /// The document ends in mid-item; the complete items were kept.
    Truncated,
    /// The strict parser refused the document for another reason, and the
    /// tolerant reader read it.
    Malformed {
        /// What the strict parser said.
        reason: String,
    },
    /// Elements nested deeper than [`MAX_XML_DEPTH`]; what lies below was ignored.
    TooDeep {
        /// The depth limit.
        limit: usize,
    },
    /// More entries than the limit; the first ones were kept.
    TooManyEntries {
        /// The limit.
        limit: usize,
    },
    /// A JSON Feed `version` that is not `https://jsonfeed.org/version/1…`.
    JsonFeedVersion {
        /// The version given.
        version: String,
    },
    /// A JSON Feed field with the wrong type (`tags` as a string, …).
    JsonFeedField {
        /// The field, e.g. `tags`.
        field: String,
    },
    /// A sitemap written as plain text, one URL per line.
    PlainTextSitemap,
    /// An RSS or Atom feed given where a sitemap was expected.
    FeedAsSitemap,
    /// `<url>` or `<sitemap>` elements without a `<loc>` (or with an empty one).
    MissingLoc {
        /// How many.
        count: usize,
    },
    /// `<sitemap>` entries pointing at the sitemap index itself.
    SelfReference {
        /// How many.
        count: usize,
    },
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DefaultNamespace { namespace } => write!(
                f,
                "this RSS has a default namespace ({namespace}) on <rss>, which RSS does not have; it was read ignoring it, but ask the publisher to remove xmlns=\"{namespace}\" from <rss>"
            ),
            Self::MissingVersion => write!(
                f,
                "this RSS has no version attribute on <rss>; it was read as RSS 2.0, but ask the publisher to write <rss version=\"2.0\">"
            ),
            Self::LegacyFormat { format } => write!(
                f,
                "this feed is {format}, a format current software no longer writes; it was read, but ask the publisher for an RSS 2.0 or Atom 1.0 feed"
            ),
            Self::BareAmpersands { count } => write!(
                f,
                "this document has {count} bare `&` (e.g. in a link's query string) that XML requires as `&amp;`; they were read as `&amp;`, but ask the publisher to escape them"
            ),
            Self::HtmlEntities { count } => write!(
                f,
                "this document uses {count} HTML entities (such as &nbsp;) that XML does not define; they were read as their characters, but ask the publisher to write the characters or numeric references"
            ),
            Self::ControlCharacters { count } => write!(
                f,
                "this document has {count} control characters XML forbids; they were dropped, but ask the publisher to remove them from their content"
            ),
            Self::Truncated => write!(
                f,
                "this document ends in the middle of an item (the server cut it short or the publisher's CMS failed while writing it); the complete items were kept"
            ),
            Self::Malformed { reason } => write!(
                f,
                "this document is not well-formed ({reason}); it was read the way feed readers do, but ask the publisher to validate it"
            ),
            Self::TooDeep { limit } => write!(
                f,
                "this document nests elements more than {limit} deep; what lies deeper was ignored"
            ),
            Self::TooManyEntries { limit } => write!(
                f,
                "this document lists more than {limit} entries; only the first {limit} were read: split it (a sitemap index) or shorten it"
            ),
            Self::JsonFeedVersion { version } => write!(
                f,
                "this JSON Feed declares version {version:?}, not https://jsonfeed.org/version/1 or /1.1; it was read anyway, but ask the publisher to correct it"
            ),
            Self::JsonFeedField { field } => write!(
                f,
                "this JSON Feed's `{field}` has the wrong type; it was read as readers do, but ask the publisher to follow the JSON Feed specification"
            ),
            Self::PlainTextSitemap => write!(
                f,
                "this sitemap is plain text, one URL per line; it was read as such"
            ),
            Self::FeedAsSitemap => write!(
                f,
                "this sitemap URL serves an RSS or Atom feed; it was read as a feed: set the source's kind to feed"
            ),
            Self::MissingLoc { count } => write!(
                f,
                "this sitemap has {count} <url> or <sitemap> entries with no <loc> (or an empty one); they were skipped: ask the publisher to fix their sitemap generator"
            ),
            Self::SelfReference { count } => write!(
                f,
                "this sitemap index lists itself as a child {count} time(s); that entry was skipped: ask the publisher to fix their sitemap index"
            ),
        }
    }
}
