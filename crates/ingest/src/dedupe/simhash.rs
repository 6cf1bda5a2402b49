//! Near duplicates: a 64-bit SimHash over word shingles.
//!
//! Two syndicated copies of one story with a changed intro or a few edited
//! words differ in a handful of bits; unrelated stories differ in about 32.

use super::hash::words;

/// Hamming distance at or below which two texts are near duplicates.
pub const NEAR_DUPLICATE_DISTANCE: u32 = 10;

/// Words per shingle.
const SHINGLE: usize = 3;

/// A text's 64-bit SimHash fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SimHash(pub u64);

impl SimHash {
    /// Fingerprints a text (normalised like [`super::normalize_text`]).
    pub fn of(text: &str) -> Self {
        let words: Vec<String> = words(text).collect();
        let mut weights = [0i64; 64];
        let mut add = |hash: u64| {
            for (bit, weight) in weights.iter_mut().enumerate() {
                if hash >> bit & 1 == 1 {
                    *weight += 1;
                } else {
                    *weight -= 1;
                }
            }
        };
        if words.len() < SHINGLE {
            for w in &words {
                add(hash64(w.as_bytes()));
            }
        } else {
            for shingle in words.windows(SHINGLE) {
                add(hash64(shingle.join(" ").as_bytes()));
            }
        }
        let mut fingerprint = 0u64;
        for (bit, weight) in weights.iter().enumerate() {
            if *weight > 0 {
                fingerprint |= 1 << bit;
            }
        }
        Self(fingerprint)
    }

    /// Number of differing bits.
    pub fn distance(self, other: Self) -> u32 {
        (self.0 ^ other.0).count_ones()
    }

    /// Whether the two texts are near duplicates (distance ≤ [`NEAR_DUPLICATE_DISTANCE`]).
    pub fn is_near_duplicate(self, other: Self) -> bool {
        self.distance(other) <= NEAR_DUPLICATE_DISTANCE
    }
}

/// FNV-1a followed by a 64-bit finaliser, so every input bit reaches every
/// output bit (SimHash needs independent-looking bits). Stable across
/// releases, unlike std's hasher: fingerprints are stored.
fn hash64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &str = "Hà Nội, ngày 1/5 — Mưa lớn kéo dài từ chiều qua đến sáng nay khiến nhiều tuyến phố \
        ở nội thành ngập sâu, giao thông ùn tắc nghiêm trọng. Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, \
        lượng mưa đo được tại trạm Láng đạt hơn 150 mm, mức cao nhất kể từ đầu năm. Công ty Thoát nước Hà Nội \
        đã huy động hàng trăm công nhân cùng máy bơm công suất lớn để tiêu úng tại các điểm ngập. Nhiều trường \
        học cho học sinh nghỉ buổi sáng để bảo đảm an toàn. Cơ quan khí tượng cảnh báo mưa còn tiếp diễn trong \
        hai ngày tới, người dân cần theo dõi thông tin và hạn chế ra đường khi không cần thiết.";

    const SYNDICATED: &str = "(Báo Mẫu) Hà Nội, ngày 1/5 — Mưa lớn kéo dài từ chiều qua đến sáng nay khiến nhiều tuyến phố \
        ở nội thành ngập sâu, giao thông ùn tắc nghiêm trọng. Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, \
        lượng mưa đo được tại trạm Láng đạt hơn 150 mm, mức cao nhất kể từ đầu năm nay. Công ty Thoát nước Hà Nội \
        đã huy động hàng trăm công nhân cùng máy bơm công suất lớn để tiêu úng tại các điểm ngập. Nhiều trường \
        học cho học sinh nghỉ buổi sáng để đảm bảo an toàn. Cơ quan khí tượng cảnh báo mưa còn tiếp diễn trong \
        hai ngày tới, người dân cần theo dõi thông tin và hạn chế ra đường khi không cần thiết. Ảnh: TTXVN";

    const UNRELATED: &str = "Đội tuyển bóng đá quốc gia đã có chiến thắng thuyết phục 3-0 trước đối thủ trong trận \
        đấu thuộc vòng loại World Cup tối qua trên sân Mỹ Đình. Huấn luyện viên trưởng cho biết các cầu thủ đã \
        thi đấu đúng chiến thuật, tận dụng tốt các cơ hội và giữ sạch lưới suốt 90 phút. Hàng nghìn cổ động \
        viên đã có mặt từ sớm để tiếp lửa cho đội nhà. Với kết quả này, đội tuyển tạm dẫn đầu bảng đấu và \
        nắm nhiều lợi thế trước lượt trận tiếp theo trên sân khách vào tháng sau.";

    const UNRELATED_2: &str = "Giá vàng trong nước sáng nay tăng mạnh theo đà đi lên của thị trường thế giới, \
        có nơi niêm yết trên 80 triệu đồng mỗi lượng. Các chuyên gia nhận định nhu cầu trú ẩn an toàn tăng \
        cao do lo ngại lạm phát, trong khi đồng USD suy yếu. Người mua được khuyến cáo thận trọng vì biên độ \
        chênh lệch giữa giá mua và giá bán vẫn ở mức cao, rủi ro thua lỗ khi giá đảo chiều là rất lớn.";

    #[test]
    fn syndicated_copies_with_small_edits_are_near_duplicates() {
        let a = SimHash::of(ORIGINAL);
        let b = SimHash::of(SYNDICATED);
        assert!(a.is_near_duplicate(b), "distance {}", a.distance(b));
    }

    #[test]
    fn unrelated_texts_are_not() {
        let texts = [ORIGINAL, UNRELATED, UNRELATED_2];
        for (i, x) in texts.iter().enumerate() {
            for y in texts.iter().skip(i + 1) {
                let (a, b) = (SimHash::of(x), SimHash::of(y));
                assert!(!a.is_near_duplicate(b), "distance {}", a.distance(b));
                assert!(a.distance(b) > 2 * NEAR_DUPLICATE_DISTANCE);
            }
        }
    }

    #[test]
    fn identical_and_reformatted_texts_match_exactly() {
        let reformatted = ORIGINAL.to_uppercase().replace(", ", " , ");
        assert_eq!(SimHash::of(ORIGINAL), SimHash::of(&reformatted));
        assert_eq!(SimHash::of(""), SimHash(0));
    }

    #[test]
    fn hash_is_stable_across_releases() {
        // Stored fingerprints must keep their meaning.
        assert_eq!(hash64(b""), hash64(b""));
        assert_ne!(hash64(b"a"), hash64(b"b"));
        assert_eq!(
            SimHash::of("mưa lớn ở Hà Nội").0,
            SimHash::of("MƯA LỚN Ở HÀ NỘI").0
        );
    }
}
