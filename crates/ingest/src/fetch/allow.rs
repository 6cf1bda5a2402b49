//! The operator's exceptions to the SSRF guard (`ingest.allow`).

use std::fmt;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

/// One operator exception to the guard.
///
/// Written as `127.0.0.1`, `127.0.0.1:8080`, `[::1]:8080`, `10.0.0.0/8`
/// or a host name with an optional port (`publisher.test:8080`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowEntry {
    /// A network (a single address is a /32 or /128), optionally one port only.
    Net {
        /// The permitted addresses.
        net: IpNet,
        /// The permitted port, or any port when `None`.
        port: Option<u16>,
    },
    /// A host name as written in URLs, optionally one port only.
    Host {
        /// Lower-case host name.
        name: String,
        /// The permitted port, or any port when `None`.
        port: Option<u16>,
    },
}

/// An allow-list entry that could not be understood.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("ingest.allow entry {entry:?} is not valid: {reason}; write an address (127.0.0.1), an address and port (127.0.0.1:8080, [::1]:8080), a CIDR (10.0.0.0/8) or a host name (publisher.test:8080)")]
pub struct AllowEntryError {
    /// The entry as written.
    pub entry: String,
    /// What is wrong with it.
    pub reason: String,
}

impl FromStr for AllowEntry {
    type Err = AllowEntryError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let err = |reason: &str| AllowEntryError {
            entry: raw.to_owned(),
            reason: reason.to_owned(),
        };
        let s = raw.trim();
        if s.is_empty() {
            return Err(err("it is empty"));
        }
        if s.contains('/') {
            let net = IpNet::from_str(s).map_err(|_| err("it is not a valid CIDR"))?;
            return Ok(Self::Net {
                net: net.trunc(),
                port: None,
            });
        }
        if let Ok(ip) = IpAddr::from_str(s) {
            return Ok(Self::Net {
                net: IpNet::from(ip),
                port: None,
            });
        }
        if let Ok(sa) = SocketAddr::from_str(s) {
            return Ok(Self::Net {
                net: IpNet::from(sa.ip()),
                port: Some(sa.port()),
            });
        }
        if let Some(v6) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            let ip = Ipv6Addr::from_str(v6).map_err(|_| err("it is not a valid IPv6 address"))?;
            return Ok(Self::Net {
                net: IpNet::from(IpAddr::V6(ip)),
                port: None,
            });
        }
        let (name, port) = match s.rsplit_once(':') {
            Some((name, port)) => {
                let port = port
                    .parse::<u16>()
                    .map_err(|_| err("the port is not a number from 0 to 65535"))?;
                (name, Some(port))
            }
            None => (s, None),
        };
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_');
        if !valid {
            return Err(err("it is neither an address nor a host name"));
        }
        Ok(Self::Host {
            name: name.to_ascii_lowercase(),
            port,
        })
    }
}

impl fmt::Display for AllowEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let port = |p: &Option<u16>| p.map(|p| format!(":{p}")).unwrap_or_default();
        match self {
            Self::Net { net, port: p } => {
                let single = net.prefix_len() == net.max_prefix_len();
                match (single, net.addr(), p) {
                    (true, IpAddr::V6(a), Some(p)) => write!(f, "[{a}]:{p}"),
                    (true, a, _) => write!(f, "{a}{}", port(p)),
                    (false, _, _) => write!(f, "{net}{}", port(p)),
                }
            }
            Self::Host { name, port: p } => write!(f, "{name}{}", port(p)),
        }
    }
}

/// The operator's exceptions to the SSRF guard (`ingest.allow`).
///
/// Empty by default: nothing inside the operator's network is reachable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct AllowList {
    entries: Vec<AllowEntry>,
}

impl AllowList {
    /// Parses entries such as `["127.0.0.1:8080", "10.0.0.0/8", "publisher.test"]`.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, AllowEntryError> {
        let entries = entries
            .iter()
            .map(|e| AllowEntry::from_str(e.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { entries })
    }

    /// The parsed entries.
    pub fn entries(&self) -> &[AllowEntry] {
        &self.entries
    }

    /// Whether connecting to `addr` for a URL whose host is `host` is permitted
    /// by an explicit entry.
    pub fn permits(&self, host: &str, addr: SocketAddr) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        self.entries.iter().any(|entry| match entry {
            AllowEntry::Net { net, port } => {
                net.contains(&addr.ip()) && port.is_none_or(|p| p == addr.port())
            }
            AllowEntry::Host { name, port } => {
                name.eq_ignore_ascii_case(host) && port.is_none_or(|p| p == addr.port())
            }
        })
    }
}

impl TryFrom<Vec<String>> for AllowList {
    type Error = AllowEntryError;

    fn try_from(value: Vec<String>) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AllowList> for Vec<String> {
    fn from(list: AllowList) -> Self {
        list.entries.iter().map(ToString::to_string).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_allow_entries() {
        let list = AllowList::parse(&[
            "127.0.0.1:8080",
            "10.0.0.0/8",
            "[::1]:9000",
            "::1",
            "Publisher.Test:81",
            "intranet",
        ])
        .unwrap();
        let sa = |s: &str| SocketAddr::from_str(s).unwrap();
        assert!(list.permits("127.0.0.1", sa("127.0.0.1:8080")));
        assert!(!list.permits("127.0.0.1", sa("127.0.0.1:8081")));
        assert!(!list.permits("127.0.0.2", sa("127.0.0.2:8080")));
        assert!(list.permits("x", sa("10.200.0.1:443")));
        assert!(list.permits("::1", sa("[::1]:1")));
        assert!(list.permits("publisher.test", sa("192.168.0.5:81")));
        assert!(!list.permits("publisher.test", sa("192.168.0.5:80")));
        assert!(list.permits("INTRANET", sa("192.168.0.5:80")));
        let round_trip: Vec<String> = list.clone().into();
        assert_eq!(
            round_trip,
            [
                "127.0.0.1:8080",
                "10.0.0.0/8",
                "[::1]:9000",
                "::1",
                "publisher.test:81",
                "intranet"
            ]
        );
    }

    #[test]
    fn rejects_bad_allow_entries_with_the_entry_named() {
        for bad in ["", "10.0.0.0/33", "host:99999", "a b", "[zz]"] {
            let err = AllowList::parse(&[bad]).unwrap_err();
            assert_eq!(err.entry, bad);
            assert!(err.to_string().contains("ingest.allow"));
        }
    }
}
