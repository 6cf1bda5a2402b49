# Newsbridge portal UI strings: Vietnamese.

site-tagline = Tin tức từ các báo Việt Nam, bằng ngôn ngữ của bạn
skip-to-content = Chuyển đến nội dung chính
nav-sections = Chuyên mục
nav-home = Trang chủ
nav-languages = Đọc bằng ngôn ngữ khác
search-label = Tìm kiếm bài viết
search-button = Tìm kiếm
footer-about = Giới thiệu và các báo nguồn
footer-feed = Nguồn cấp RSS
footer-api = API cho nhà phát triển
footer-note = Các bài viết được lấy từ những tờ báo đối tác và dịch tự động; mỗi trang đều dẫn liên kết tới bài gốc.


home-title = Tin mới nhất
home-featured = Tin nổi bật
home-most-read = Đọc nhiều nhất
home-section-more = Xem thêm mục { $section }
home-empty = Chưa có bài viết nào được đăng.

section-title = { $section }
section-empty = Chuyên mục này chưa có bài viết nào.
section-feed = Theo dõi chuyên mục này (RSS)
pagination-label = Trang
pagination-newer = Bài mới hơn
pagination-older = Bài cũ hơn
pagination-status = Trang { $page } / { $pages }

article-by = Tác giả: { $names }
article-published = Đăng lần đầu { $date }
article-translated = { $source ->
        [vi] Dịch từ tiếng Việt bởi { $engine }
        [en] Dịch từ tiếng Anh bởi { $engine }
       *[other] Dịch từ ngôn ngữ gốc bởi { $engine }
    }
article-reviewed = Đã được biên tập viên hiệu đính
article-source = Nguồn:
article-source-by = do { $publisher } đăng tải
article-photo-credit = Ảnh: { $credit }
article-embed-video = Xem video
article-embed-post = Xem bài đăng
article-embed-map = Mở bản đồ
article-embed-other = Mở nội dung nhúng
article-tags = Từ khóa
related-topic = Cùng chủ đề
related-topic-all = Toàn bộ chủ đề
related-section = Tin khác trong mục { $section }
related-author = Bài khác của { $author }
related-similar = Bài tương tự
comments-heading = Bình luận
comments-empty = Chưa có bình luận nào.
comments-count = { $count ->
       *[other] { $shown } bình luận
    }
comments-not-shown = Ở đây chỉ hiển thị các cuộc thảo luận mới nhất: { $shown } bình luận và trả lời cũ hơn không được hiển thị.
comment-form-title = Tham gia thảo luận
comment-name = Tên
comment-email = Email (không bắt buộc, không bao giờ hiển thị)
comment-body = Bình luận của bạn
comment-rules = Văn bản thuần, tối đa { $max } ký tự. Địa chỉ web sẽ thành liên kết.
comment-honeypot = Để trống ô này
comment-submit = Gửi bình luận
comment-reply = Trả lời
comment-reply-submit = Gửi trả lời
comment-report = Báo cáo vi phạm
comment-posted = Cảm ơn bạn: bình luận đã được đăng.
comment-held = Cảm ơn bạn: bình luận sẽ hiển thị sau khi biên tập viên duyệt.
comment-reported = Cảm ơn bạn: biên tập viên sẽ xem xét bình luận này.
comment-error-title = Bình luận của bạn chưa được đăng
comment-error-name = Vui lòng nhập tên không quá 80 ký tự.
comment-error-email = Địa chỉ email này có vẻ không hợp lệ.
comment-error-body = Vui lòng viết bình luận không quá { $max } ký tự.
comment-error-links = Bình luận của bạn có quá nhiều liên kết.
comment-error-fast = Bạn gửi quá nhanh. Vui lòng xem lại bình luận và gửi lại.
comment-error-expired = Biểu mẫu đã hết hạn. Vui lòng gửi lại.
comment-error-rate = Bạn đã gửi nhiều bình luận trong thời gian ngắn. Vui lòng đợi vài phút.
comment-error-spam = Bình luận của bạn giống thư rác tự động nên không được đăng.
comment-error-forbidden = Không thể xác minh biểu mẫu. Vui lòng tải lại bài viết và thử lại.
comment-error-unavailable = Hiện chưa thể lưu bình luận. Nội dung của bạn ở bên dưới: vui lòng gửi lại sau vài phút.
comment-error-too-long = Bình luận của bạn có { $length } ký tự; tối đa là { $max }. Bên dưới chỉ giữ { $max } ký tự đầu: hãy rút gọn rồi gửi lại.
comment-error-report-rate = Bạn đã báo cáo nhiều bình luận trong thời gian ngắn. Vui lòng đợi một giờ.
comment-back = Quay lại bài viết

author-title = Bài viết của { $author }
author-count = { $shown } bài viết
topic-title = Toàn cảnh sự kiện
topic-intro = Tất cả bài viết về sự kiện này, mới nhất trước.

search-title = Tìm kiếm
search-query = Từ khóa cần tìm
search-section = Chuyên mục
search-all-sections = Tất cả chuyên mục
search-from = Từ ngày
search-to = Đến ngày
search-results = { $count ->
        [0] Không có kết quả nào cho “{ $query }”.
       *[other] { $shown } kết quả cho “{ $query }”.
    }
# Shown when a very broad query was counted approximately.
search-results-about = Khoảng { $shown } kết quả cho “{ $query }”.
search-prompt = Nhập một hoặc nhiều từ để tìm kiếm bài viết.
search-unavailable = Chức năng tìm kiếm tạm thời không khả dụng. Vui lòng thử lại sau.
search-too-long = Nội dung tìm kiếm quá dài. Hãy dùng tối đa { $limit } ký tự.
search-too-many-words = Nội dung tìm kiếm có quá nhiều từ. Hãy dùng tối đa { $limit } từ.
search-too-nested = Nội dung tìm kiếm có quá nhiều dấu ngoặc và toán tử NOT. Hãy dùng tổng cộng tối đa { $limit }.

about-title = Giới thiệu { $site }
about-body = { $site } đăng lại bài viết của các tờ báo đối tác bằng nhiều ngôn ngữ. Mỗi bài được dịch tự động từ bản gốc, đôi khi được biên tập viên hiệu đính, và luôn ghi rõ, dẫn liên kết tới tờ báo đã viết bài đó.
about-sources = Các báo nguồn
about-no-sources = Chưa có báo nguồn nào được cấu hình.
about-languages = Ngôn ngữ

feed-title = { $site }: tin mới nhất
feed-section-title = { $site }: { $section }
feed-description = Các bài viết mới nhất trên { $site }.

error-not-found-title = Không tìm thấy trang
error-not-found-body = Trang bạn yêu cầu không tồn tại hoặc đã được chuyển đi.
error-gone-title = Bài viết đã bị gỡ
error-gone-body = Bài viết này đã được gỡ.
error-gone-reason = Bài viết này đã được gỡ. Lý do: { $reason }
error-internal-title = Đã xảy ra lỗi
error-internal-body = Máy chủ không thể hiển thị trang này. Vui lòng thử lại sau giây lát.
error-available-in = Bài viết này có bằng các ngôn ngữ:
error-home-link = Về trang chủ
error-language-title = Chưa có phiên bản tiếng Việt
error-language-body = Cổng tin này chưa được xuất bản bằng tiếng Việt. Bạn có thể đọc bằng:
