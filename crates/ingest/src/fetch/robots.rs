//! robots.txt (RFC 9309): which paths our crawler may fetch, its
//! Crawl-delay, and the sitemaps a site announces.
//!
//! Written here rather than taken from a crate because a refusal must name
//! the rule that decided it, so an operator can show the publisher exactly
//! which line blocks us.

use std::fmt;
use std::time::Duration;

/// Bytes of a robots.txt that are read; RFC 9309 requires at least 500 KiB.
const MAX_ROBOTS_BYTES: usize = 512 * 1024;

/// One Allow or Disallow line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RobotsRule {
    /// `true` for Allow, `false` for Disallow.
    pub allow: bool,
    /// The path pattern as written (may use `*` and a trailing `$`).
    pub pattern: String,
}

impl fmt::Display for RobotsRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.allow { "Allow" } else { "Disallow" };
        write!(f, "{verb}: {}", self.pattern)
    }
}

#[derive(Debug, Clone, Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<(RobotsRule, String)>,
    crawl_delay: Option<Duration>,
}

/// A parsed robots.txt.
#[derive(Debug, Clone, Default)]
pub struct RobotsTxt {
    groups: Vec<Group>,
    sitemaps: Vec<String>,
}

impl RobotsTxt {
    /// Parses a robots.txt body. Never fails: unknown lines are ignored.
    pub fn parse(body: &[u8]) -> Self {
        let body = body.get(..MAX_ROBOTS_BYTES).unwrap_or(body);
        let text = String::from_utf8_lossy(body);
        let text = text.trim_start_matches('\u{feff}');
        let mut robots = Self::default();
        let mut current: Option<Group> = None;
        let mut last_was_agent = false;
        for line in text.split(['\n', '\r']) {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" | "useragent" | "user agent" => {
                    if !last_was_agent {
                        robots.groups.extend(current.take());
                    }
                    let group = current.get_or_insert_with(Group::default);
                    group.agents.push(product_token(value));
                    last_was_agent = true;
                }
                "allow" | "disallow" => {
                    last_was_agent = false;
                    let Some(group) = current.as_mut() else {
                        continue;
                    };
                    if value.is_empty() {
                        continue;
                    }
                    let rule = RobotsRule {
                        allow: key == "allow",
                        pattern: value.to_owned(),
                    };
                    let normalized = normalize(value);
                    group.rules.push((rule, normalized));
                }
                "crawl-delay" => {
                    last_was_agent = false;
                    let delay = value
                        .parse::<f64>()
                        .ok()
                        .filter(|s| s.is_finite() && *s >= 0.0)
                        .map(|s| Duration::from_secs_f64(s.min(86_400.0)));
                    if let (Some(group), Some(delay)) = (current.as_mut(), delay) {
                        group.crawl_delay = Some(delay);
                    }
                }
                "sitemap" | "site-map" => {
                    if !value.is_empty() {
                        robots.sitemaps.push(value.to_owned());
                    }
                }
                _ => last_was_agent = false,
            }
        }
        robots.groups.extend(current);
        robots
    }

    /// A robots.txt that allows everything (used when the site has none).
    pub fn allow_all() -> Self {
        Self::default()
    }

    /// A robots.txt that forbids everything (used while the site's robots.txt is unreachable).
    pub fn disallow_all() -> Self {
        Self::parse(b"User-agent: *\nDisallow: /\n")
    }

    fn groups_for<'a>(&'a self, agent: &str) -> Vec<&'a Group> {
        let token = product_token(agent);
        let named: Vec<&Group> = self
            .groups
            .iter()
            .filter(|g| g.agents.contains(&token))
            .collect();
        if !named.is_empty() {
            return named;
        }
        self.groups
            .iter()
            .filter(|g| g.agents.iter().any(|a| a == "*"))
            .collect()
    }

    /// Decides whether `agent` may fetch `path` (path and query, as in a URL).
    ///
    /// `Err` carries the Disallow rule that decided it. The longest matching
    /// pattern wins; on a tie, Allow wins (RFC 9309 §2.2.2).
    pub fn check(&self, agent: &str, path: &str) -> Result<(), RobotsRule> {
        let path = normalize(if path.is_empty() { "/" } else { path });
        if path == "/robots.txt" {
            return Ok(());
        }
        let mut best: Option<&(RobotsRule, String)> = None;
        for group in self.groups_for(agent) {
            for candidate in &group.rules {
                if !matches(&candidate.1, &path) {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((rule, pattern)) => {
                        candidate.1.len() > pattern.len()
                            || (candidate.1.len() == pattern.len()
                                && candidate.0.allow
                                && !rule.allow)
                    }
                };
                if better {
                    best = Some(candidate);
                }
            }
        }
        match best {
            Some((rule, _)) if !rule.allow => Err(rule.clone()),
            _ => Ok(()),
        }
    }

    /// Whether `agent` may fetch `path`.
    pub fn is_allowed(&self, agent: &str, path: &str) -> bool {
        self.check(agent, path).is_ok()
    }

    /// The Crawl-delay that applies to `agent`, if any.
    pub fn crawl_delay(&self, agent: &str) -> Option<Duration> {
        self.groups_for(agent)
            .iter()
            .filter_map(|g| g.crawl_delay)
            .max()
    }

    /// The sitemap URLs announced with `Sitemap:` lines, as written.
    pub fn sitemaps(&self) -> &[String] {
        &self.sitemaps
    }
}

/// `NewsbridgeBot/0.1 (+https://…)` → `newsbridgebot`.
fn product_token(agent: &str) -> String {
    agent
        .trim()
        .split(|c: char| c == '/' || c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Percent-encodes non-ASCII bytes and upper-cases existing `%xx` escapes,
/// so patterns and paths compare octet by octet.
fn normalize(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            if let (Some(h), Some(l)) = (bytes.get(i + 1), bytes.get(i + 2)) {
                if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() {
                    out.push('%');
                    out.push(h.to_ascii_uppercase() as char);
                    out.push(l.to_ascii_uppercase() as char);
                    i += 3;
                    continue;
                }
            }
        }
        if b.is_ascii() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
    out
}

/// Whether `pattern` (with `*` wildcards and an optional trailing `$`)
/// matches the start of `path`, or all of it when anchored.
fn matches(pattern: &str, path: &str) -> bool {
    let (p, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p.as_bytes(), true),
        None => (pattern.as_bytes(), false),
    };
    let s = path.as_bytes();
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<usize> = None;
    let mut mark = 0usize;
    loop {
        match p.get(pi) {
            Some(b'*') => {
                star = Some(pi);
                pi += 1;
                mark = si;
                continue;
            }
            None if !anchored || si == s.len() => return true,
            Some(c) if s.get(si) == Some(c) => {
                pi += 1;
                si += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some(sp) if mark < s.len() => {
                pi = sp + 1;
                mark += 1;
                si = mark;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UA: &str = "NewsbridgeBot/0.1 (+https://newsbridge.example/bot)";

    #[test]
    fn longest_match_wins_and_allow_wins_ties() {
        let r = RobotsTxt::parse(
            b"User-agent: *\nDisallow: /private/\nAllow: /private/press/\nDisallow: /a\nAllow: /a\n",
        );
        assert!(r.is_allowed(UA, "/news/1.html"));
        assert_eq!(
            r.check(UA, "/private/x").unwrap_err().to_string(),
            "Disallow: /private/"
        );
        assert!(r.is_allowed(UA, "/private/press/release"));
        assert!(r.is_allowed(UA, "/a/b"));
    }

    #[test]
    fn named_group_replaces_the_star_group() {
        let r = RobotsTxt::parse(
            b"User-agent: *\nDisallow: /\n\nUser-agent: OtherBot\nUser-agent: newsbridgebot\nDisallow: /drafts\nCrawl-delay: 2.5\n",
        );
        assert!(r.is_allowed(UA, "/news"));
        assert!(!r.is_allowed(UA, "/drafts/1"));
        assert!(!r.is_allowed("SomeoneElse/1.0", "/news"));
        assert_eq!(r.crawl_delay(UA), Some(Duration::from_millis(2500)));
        assert_eq!(r.crawl_delay("SomeoneElse"), None);
    }

    #[test]
    fn wildcards_and_end_anchor() {
        let r = RobotsTxt::parse(b"User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\n");
        assert!(!r.is_allowed(UA, "/files/a.pdf"));
        assert!(r.is_allowed(UA, "/files/a.pdf.html"));
        assert!(!r.is_allowed(UA, "/news/1?print=1"));
        assert!(r.is_allowed(UA, "/news/1?page=2"));
    }

    #[test]
    fn non_ascii_patterns_match_encoded_paths() {
        let r = RobotsTxt::parse("User-agent: *\nDisallow: /thời-sự/\n".as_bytes());
        assert!(!r.is_allowed(UA, "/th%e1%bb%9di-s%e1%bb%b1/bai-1"));
    }

    #[test]
    fn comments_blank_disallow_and_sitemaps() {
        let r = RobotsTxt::parse(
            b"\xef\xbb\xbf# hello\nSitemap: https://p.test/sitemap.xml\nUser-agent: * # all\nDisallow:\n\nsitemap: https://p.test/news.xml\n",
        );
        assert!(r.is_allowed(UA, "/anything"));
        assert_eq!(
            r.sitemaps(),
            ["https://p.test/sitemap.xml", "https://p.test/news.xml"]
        );
    }

    #[test]
    fn robots_txt_itself_is_always_allowed() {
        let r = RobotsTxt::disallow_all();
        assert!(!r.is_allowed(UA, "/"));
        assert!(r.is_allowed(UA, "/robots.txt"));
    }

    #[test]
    fn rules_before_any_user_agent_are_ignored() {
        let r = RobotsTxt::parse(b"Disallow: /\n");
        assert!(r.is_allowed(UA, "/x"));
    }

    #[test]
    fn matcher_edge_cases() {
        assert!(matches("/", "/"));
        assert!(matches("/a*", "/a"));
        assert!(matches("/a*$", "/a"));
        assert!(matches("*", ""));
        assert!(!matches("/a$", "/ab"));
        assert!(matches("/*/b*c$", "/x/y/bzc"));
        assert!(!matches("/*/b*c$", "/x/y/bzcd"));
        assert!(matches("/**a", "/xa"));
    }
}
