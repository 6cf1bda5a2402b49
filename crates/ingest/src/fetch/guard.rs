//! The SSRF guard: which addresses a publisher URL may reach.
//!
//! A source URL is operator input and every redirect is a remote server's
//! input, so neither may point the fetcher inside the operator's network.
//! The guard resolves the host itself, classifies every address, and hands
//! the vetted addresses to the HTTP client (see [`super::pin`]), so the
//! connection goes to exactly what was checked: no second DNS lookup, no
//! rebinding.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use url::{Host, Url};

use super::allow::AllowList;
use super::FetchError;

/// Why an address is refused: the rule it falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressRule {
    /// 127.0.0.0/8, ::1.
    Loopback,
    /// 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10.
    Private,
    /// 169.254/16, fe80::/10.
    LinkLocal,
    /// 224/4, ff00::/8.
    Multicast,
    /// 0.0.0.0/8, ::.
    Unspecified,
    /// 100.64/10 (carrier-grade NAT, RFC 6598).
    SharedCgnat,
    /// 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20.
    Documentation,
    /// 198.18/15 (network benchmarking, RFC 2544).
    Benchmarking,
    /// Cloud instance metadata endpoints (169.254.169.254, fd00:ec2::254, 100.100.100.200).
    CloudMetadata,
    /// 240/4, 255.255.255.255, 192.0.0/24, 100::/64, 2001::/23 and other special-purpose blocks.
    Reserved,
}

impl fmt::Display for AddressRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Loopback => "a loopback address",
            Self::Private => "a private-network address",
            Self::LinkLocal => "a link-local address",
            Self::Multicast => "a multicast address",
            Self::Unspecified => "an unspecified (\"this network\") address",
            Self::SharedCgnat => "a carrier-grade NAT (100.64.0.0/10) address",
            Self::Documentation => "a documentation-only address",
            Self::Benchmarking => "a benchmarking-only address",
            Self::CloudMetadata => "a cloud metadata endpoint",
            Self::Reserved => "a reserved special-purpose address",
        })
    }
}

/// Classifies an address: `None` for an ordinary public unicast address,
/// otherwise the rule that forbids fetching from it.
///
/// IPv6 forms that embed an IPv4 address (v4-mapped `::ffff:a.b.c.d`,
/// v4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are
/// judged by the IPv4 address inside them.
pub fn classify(ip: IpAddr) -> Option<AddressRule> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<AddressRule> {
    let [a, b, c, d] = ip.octets();
    let rule = match (a, b, c, d) {
        (169, 254, 169, 254) | (100, 100, 100, 200) => AddressRule::CloudMetadata,
        (0, ..) => AddressRule::Unspecified,
        (127, ..) => AddressRule::Loopback,
        (10, ..) => AddressRule::Private,
        (172, 16..=31, ..) => AddressRule::Private,
        (192, 168, ..) => AddressRule::Private,
        (169, 254, ..) => AddressRule::LinkLocal,
        (100, 64..=127, ..) => AddressRule::SharedCgnat,
        (192, 0, 2, _) | (198, 51, 100, _) | (203, 0, 113, _) => AddressRule::Documentation,
        (198, 18..=19, ..) => AddressRule::Benchmarking,
        (224..=239, ..) => AddressRule::Multicast,
        (192, 0, 0, _) | (240..=255, ..) => AddressRule::Reserved,
        _ => return None,
    };
    Some(rule)
}

fn classify_v6(ip: Ipv6Addr) -> Option<AddressRule> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    let seg = ip.segments();
    if ip.is_unspecified() {
        return Some(AddressRule::Unspecified);
    }
    if ip.is_loopback() {
        return Some(AddressRule::Loopback);
    }
    // Deprecated v4-compatible ::a.b.c.d (the two cases above are excluded).
    if seg[..6] == [0; 6] {
        return classify_v4(embedded_v4(seg[6], seg[7]));
    }
    // NAT64 well-known prefix: the gateway would connect to the embedded v4.
    if seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return classify_v4(embedded_v4(seg[6], seg[7]));
    }
    // 6to4: the relay would route to the embedded v4.
    if seg[0] == 0x2002 {
        if let Some(rule) = classify_v4(embedded_v4(seg[1], seg[2])) {
            return Some(rule);
        }
    }
    let rule = match seg {
        [0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254] => AddressRule::CloudMetadata,
        [s, ..] if s & 0xfe00 == 0xfc00 => AddressRule::Private,
        [s, ..] if s & 0xffc0 == 0xfec0 => AddressRule::Private,
        [s, ..] if s & 0xffc0 == 0xfe80 => AddressRule::LinkLocal,
        [s, ..] if s & 0xff00 == 0xff00 => AddressRule::Multicast,
        [0x2001, 0x0db8, ..] => AddressRule::Documentation,
        [s, ..] if s & 0xfff0 == 0x3ff0 => AddressRule::Documentation,
        [0x0100, 0, 0, 0, ..] => AddressRule::Reserved,
        // 2001::/23 IETF protocol assignments (Teredo, ORCHID, benchmarking…).
        [0x2001, s, ..] if s < 0x0200 => AddressRule::Reserved,
        _ => return None,
    };
    Some(rule)
}

fn embedded_v4(hi: u16, lo: u16) -> Ipv4Addr {
    let [a, b] = hi.to_be_bytes();
    let [c, d] = lo.to_be_bytes();
    Ipv4Addr::new(a, b, c, d)
}

/// Resolves and vets the host of `url`; returns the addresses it may connect to.
///
/// Every resolved address must be public or allow-listed: a name that
/// resolves to a mix is refused, since the client could pick either.
pub(crate) async fn vet(
    url: &Url,
    allow: &AllowList,
    dns_timeout: Duration,
) -> Result<Vec<SocketAddr>, FetchError> {
    let scheme = url.scheme();
    if scheme != "http" && scheme != "https" {
        return Err(FetchError::UnsupportedScheme {
            url: url.to_string(),
            scheme: scheme.to_owned(),
        });
    }
    let port = url.port_or_known_default().unwrap_or(80);
    let (host_text, addrs) = match url.host() {
        Some(Host::Ipv4(ip)) => (ip.to_string(), vec![SocketAddr::new(IpAddr::V4(ip), port)]),
        Some(Host::Ipv6(ip)) => (ip.to_string(), vec![SocketAddr::new(IpAddr::V6(ip), port)]),
        Some(Host::Domain(name)) => (
            name.to_owned(),
            resolve(url, name, port, dns_timeout).await?,
        ),
        None => {
            return Err(FetchError::InvalidUrl {
                url: url.to_string(),
                reason: "it has no host".to_owned(),
            })
        }
    };
    for addr in &addrs {
        if allow.permits(&host_text, *addr) {
            continue;
        }
        if let Some(rule) = classify(addr.ip()) {
            return Err(FetchError::Refused {
                url: url.to_string(),
                addr: addr.ip(),
                rule,
            });
        }
    }
    Ok(addrs)
}

async fn resolve(
    url: &Url,
    name: &str,
    port: u16,
    dns_timeout: Duration,
) -> Result<Vec<SocketAddr>, FetchError> {
    let dns_error = |reason: String| FetchError::Dns {
        url: url.to_string(),
        reason,
    };
    let lookup = tokio::net::lookup_host((name, port));
    let found = tokio::time::timeout(dns_timeout, lookup)
        .await
        .map_err(|_| dns_error(format!("no answer within {dns_timeout:?}")))?
        .map_err(|e| dns_error(e.to_string()))?;
    let mut addrs: Vec<SocketAddr> = Vec::new();
    for addr in found {
        if !addrs.contains(&addr) {
            addrs.push(addr);
        }
    }
    if addrs.is_empty() {
        return Err(dns_error("the name has no addresses".to_owned()));
    }
    Ok(addrs)
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::str::FromStr;

    fn rule(s: &str) -> Option<AddressRule> {
        classify(IpAddr::from_str(s).unwrap())
    }

    #[test]
    fn classifies_ipv4_special_ranges() {
        assert_eq!(rule("127.0.0.1"), Some(AddressRule::Loopback));
        assert_eq!(rule("127.0.0.2"), Some(AddressRule::Loopback));
        assert_eq!(rule("10.1.2.3"), Some(AddressRule::Private));
        assert_eq!(rule("172.16.0.1"), Some(AddressRule::Private));
        assert_eq!(rule("172.31.255.255"), Some(AddressRule::Private));
        assert_eq!(rule("172.32.0.1"), None);
        assert_eq!(rule("192.168.1.1"), Some(AddressRule::Private));
        assert_eq!(rule("169.254.1.1"), Some(AddressRule::LinkLocal));
        assert_eq!(rule("169.254.169.254"), Some(AddressRule::CloudMetadata));
        assert_eq!(rule("100.100.100.200"), Some(AddressRule::CloudMetadata));
        assert_eq!(rule("100.64.0.1"), Some(AddressRule::SharedCgnat));
        assert_eq!(rule("100.128.0.1"), None);
        assert_eq!(rule("0.0.0.0"), Some(AddressRule::Unspecified));
        assert_eq!(rule("0.1.2.3"), Some(AddressRule::Unspecified));
        assert_eq!(rule("224.0.0.1"), Some(AddressRule::Multicast));
        assert_eq!(rule("239.255.255.250"), Some(AddressRule::Multicast));
        assert_eq!(rule("192.0.2.10"), Some(AddressRule::Documentation));
        assert_eq!(rule("198.51.100.10"), Some(AddressRule::Documentation));
        assert_eq!(rule("203.0.113.10"), Some(AddressRule::Documentation));
        assert_eq!(rule("198.18.0.1"), Some(AddressRule::Benchmarking));
        assert_eq!(rule("255.255.255.255"), Some(AddressRule::Reserved));
        assert_eq!(rule("240.0.0.1"), Some(AddressRule::Reserved));
        assert_eq!(rule("192.0.0.170"), Some(AddressRule::Reserved));
        assert_eq!(rule("8.8.8.8"), None);
        assert_eq!(rule("1.1.1.1"), None);
        assert_eq!(rule("203.0.114.1"), None);
    }

    #[test]
    fn classifies_ipv6_special_ranges() {
        assert_eq!(rule("::1"), Some(AddressRule::Loopback));
        assert_eq!(rule("::"), Some(AddressRule::Unspecified));
        assert_eq!(rule("fc00::1"), Some(AddressRule::Private));
        assert_eq!(rule("fd12:3456::1"), Some(AddressRule::Private));
        assert_eq!(rule("fec0::1"), Some(AddressRule::Private));
        assert_eq!(rule("fe80::1"), Some(AddressRule::LinkLocal));
        assert_eq!(rule("ff02::1"), Some(AddressRule::Multicast));
        assert_eq!(rule("2001:db8::1"), Some(AddressRule::Documentation));
        assert_eq!(rule("3fff::1"), Some(AddressRule::Documentation));
        assert_eq!(rule("fd00:ec2::254"), Some(AddressRule::CloudMetadata));
        assert_eq!(rule("100::1"), Some(AddressRule::Reserved));
        assert_eq!(rule("2001::1"), Some(AddressRule::Reserved));
        assert_eq!(rule("2606:4700:4700::1111"), None);
        assert_eq!(rule("2a00:1450::1"), None);
    }

    #[test]
    fn ipv6_forms_embedding_ipv4_are_judged_by_the_ipv4_inside() {
        assert_eq!(rule("::ffff:127.0.0.1"), Some(AddressRule::Loopback));
        assert_eq!(rule("::ffff:10.0.0.1"), Some(AddressRule::Private));
        assert_eq!(
            rule("::ffff:169.254.169.254"),
            Some(AddressRule::CloudMetadata)
        );
        assert_eq!(rule("::ffff:8.8.8.8"), None);
        assert_eq!(rule("::127.0.0.1"), Some(AddressRule::Loopback));
        assert_eq!(rule("64:ff9b::7f00:1"), Some(AddressRule::Loopback));
        assert_eq!(rule("64:ff9b::a9fe:a9fe"), Some(AddressRule::CloudMetadata));
        assert_eq!(rule("2002:c0a8:0101::1"), Some(AddressRule::Private));
        assert_eq!(rule("2002:0808:0808::1"), None);
    }

    #[tokio::test]
    async fn refuses_loopback_that_is_not_allow_listed() {
        let url = Url::parse("http://127.0.0.2:8080/feed").unwrap();
        let allow = AllowList::parse(&["127.0.0.1"]).unwrap();
        let err = vet(&url, &allow, Duration::from_secs(1)).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "refusing http://127.0.0.2:8080/feed: 127.0.0.2 is a loopback address; add it to ingest.allow to permit it"
        );
    }

    #[tokio::test]
    async fn refuses_localhost_after_resolving_it() {
        let url = Url::parse("http://localhost:8080/").unwrap();
        let err = vet(&url, &AllowList::default(), Duration::from_secs(5))
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                FetchError::Refused {
                    rule: AddressRule::Loopback,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[tokio::test]
    async fn refuses_obfuscated_spellings_of_loopback() {
        // The URL parser normalises these to 127.0.0.x before the guard sees them.
        for u in [
            "http://2130706433:9/",
            "http://0x7f.0.0.2:9/",
            "http://0177.0.0.1:9/",
            "http://127.1:9/",
            "http://[::ffff:7f00:1]:9/",
            "http://[0:0:0:0:0:0:0:1]:9/",
        ] {
            let url = Url::parse(u).unwrap();
            let err = vet(&url, &AllowList::default(), Duration::from_secs(1))
                .await
                .unwrap_err();
            assert!(
                matches!(
                    err,
                    FetchError::Refused {
                        rule: AddressRule::Loopback,
                        ..
                    }
                ),
                "{u}: {err}"
            );
        }
    }

    #[tokio::test]
    async fn refuses_other_schemes() {
        for u in ["ftp://example.org/x", "file:///etc/passwd", "gopher://h/"] {
            let url = Url::parse(u).unwrap();
            let err = vet(&url, &AllowList::default(), Duration::from_secs(1))
                .await
                .unwrap_err();
            assert!(matches!(err, FetchError::UnsupportedScheme { .. }), "{err}");
        }
    }

    #[tokio::test]
    async fn permits_an_allow_listed_address() {
        let url = Url::parse("http://127.0.0.1:8080/").unwrap();
        let allow = AllowList::parse(&["127.0.0.1:8080"]).unwrap();
        let addrs = vet(&url, &allow, Duration::from_secs(1)).await.unwrap();
        assert_eq!(addrs, [SocketAddr::from_str("127.0.0.1:8080").unwrap()]);
    }
}
