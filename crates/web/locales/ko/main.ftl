# Newsbridge portal UI strings: Korean.

site-tagline = 베트남 신문의 뉴스를 여러분의 언어로
skip-to-content = 본문 바로가기
nav-sections = 섹션
nav-home = 홈
nav-languages = 다른 언어로 읽기
search-label = 기사 검색
search-button = 검색
footer-about = 소개 및 원문 언론사
footer-feed = RSS 피드
footer-api = 개발자 API
footer-note = 기사는 제휴 신문사에서 제공되며 자동으로 번역됩니다. 모든 페이지에 원문 링크가 있습니다.


home-title = 최신 뉴스
home-featured = 주요 뉴스
home-most-read = 많이 본 기사
home-section-more = { $section } 기사 더 보기
home-empty = 아직 게시된 기사가 없습니다.

section-title = { $section }
section-empty = 이 섹션에는 아직 기사가 없습니다.
section-feed = 이 섹션 구독하기 (RSS)
pagination-label = 페이지
pagination-newer = 최신 기사
pagination-older = 이전 기사
pagination-status = { $pages }페이지 중 { $page }페이지

article-by = 글: { $names }
article-published = 원문 게재: { $date }
article-translated = { $source ->
        [vi] { $engine }이(가) 베트남어에서 번역
        [en] { $engine }이(가) 영어에서 번역
       *[other] { $engine }이(가) 원어에서 번역
    }
article-reviewed = 편집자 검토 완료
article-source = 출처:
article-source-by = { $publisher } 게재
article-photo-credit = 사진: { $credit }
article-embed-video = 동영상 보기
article-embed-post = 게시물 보기
article-embed-map = 지도 열기
article-embed-other = 삽입된 콘텐츠 열기
article-tags = 태그
related-topic = 같은 사건
related-topic-all = 이 사건 기사 모두 보기
related-section = { $section } 섹션의 다른 기사
related-author = { $author }의 다른 기사
related-similar = 비슷한 기사
comments-heading = 댓글
comments-empty = 아직 댓글이 없습니다.
comments-count = { $count ->
       *[other] 댓글 { $shown }개
    }
comments-not-shown = 여기에는 최신 대화만 표시됩니다. 이전 댓글과 답글 { $shown }개는 표시되지 않습니다.
comment-form-title = 토론에 참여하기
comment-name = 이름
comment-email = 이메일 (선택, 공개되지 않음)
comment-body = 댓글 내용
comment-rules = 일반 텍스트만, 최대 { $max }자. 웹 주소는 링크로 바뀝니다.
comment-honeypot = 이 칸은 비워 두세요
comment-submit = 댓글 등록
comment-reply = 답글
comment-reply-submit = 답글 등록
comment-report = 신고
comment-posted = 감사합니다. 댓글이 게시되었습니다.
comment-held = 감사합니다. 편집자가 승인하면 댓글이 표시됩니다.
comment-reported = 감사합니다. 편집자가 이 댓글을 검토합니다.
comment-error-title = 댓글이 게시되지 않았습니다
comment-error-name = 80자 이내로 이름을 입력해 주세요.
comment-error-email = 이메일 주소가 올바르지 않은 것 같습니다.
comment-error-body = { $max }자 이내로 댓글을 작성해 주세요.
comment-error-links = 댓글에 링크가 너무 많습니다.
comment-error-fast = 너무 빨리 전송되었습니다. 댓글을 확인한 뒤 다시 보내 주세요.
comment-error-expired = 양식이 만료되었습니다. 다시 보내 주세요.
comment-error-rate = 짧은 시간에 여러 댓글을 작성하셨습니다. 몇 분 후에 다시 시도해 주세요.
comment-error-spam = 자동 스팸으로 보여 댓글이 게시되지 않았습니다.
comment-error-forbidden = 양식을 확인할 수 없습니다. 기사를 새로 고친 뒤 다시 시도해 주세요.
comment-error-unavailable = 지금은 댓글을 저장할 수 없습니다. 작성한 내용은 아래에 있습니다. 몇 분 뒤에 다시 보내 주세요.
comment-error-too-long = 댓글이 { $length }자입니다. 최대 { $max }자까지 쓸 수 있습니다. 아래에는 처음 { $max }자만 남겼습니다. 줄여서 다시 보내 주세요.
comment-error-report-rate = 짧은 시간에 많은 댓글을 신고했습니다. 한 시간 후에 다시 시도하세요.
comment-back = 기사로 돌아가기

author-title = { $author }의 기사
author-count = 기사 { $shown }건
topic-title = 사건의 흐름
topic-intro = 이 사건에 관한 모든 기사, 최신순.

search-title = 검색
search-query = 검색어
search-section = 섹션
search-all-sections = 모든 섹션
search-from = 시작일
search-to = 종료일
search-results = { $count ->
        [0] ‘{ $query }’에 대한 검색 결과가 없습니다.
       *[other] ‘{ $query }’에 대한 검색 결과 { $shown }건
    }
# Shown when a very broad query was counted approximately.
search-results-about = ‘{ $query }’에 대한 검색 결과 약 { $shown }건
search-prompt = 기사를 검색하려면 단어를 하나 이상 입력하세요.
search-unavailable = 지금은 검색을 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.
search-too-long = 검색어가 너무 깁니다. { $limit }자 이내로 입력하세요.
search-too-many-words = 검색어의 단어가 너무 많습니다. { $limit }개 이내로 입력하세요.
search-too-nested = 괄호와 NOT 연산자가 너무 많습니다. 합쳐서 { $limit }개 이내로 입력하세요.

about-title = { $site } 소개
about-body = { $site }은(는) 제휴 신문사의 기사를 여러 언어로 게재합니다. 모든 기사는 원문에서 자동으로 번역되며, 때로는 편집자가 검토하고, 항상 기사를 쓴 신문사를 밝히고 원문으로 연결합니다.
about-sources = 원문 언론사
about-no-sources = 아직 설정된 원문 언론사가 없습니다.
about-languages = 언어

feed-title = { $site }: 최신 뉴스
feed-section-title = { $site }: { $section }
feed-description = { $site }의 최신 기사.

error-not-found-title = 페이지를 찾을 수 없습니다
error-not-found-body = 요청하신 페이지가 없거나 다른 곳으로 옮겨졌습니다.
error-gone-title = 삭제된 기사
error-gone-body = 이 기사는 삭제되었습니다.
error-gone-reason = 이 기사는 삭제되었습니다. 사유: { $reason }
error-internal-title = 오류가 발생했습니다
error-internal-body = 서버가 이 페이지를 표시하지 못했습니다. 잠시 후 다시 시도해 주세요.
error-available-in = 이 기사는 다음 언어로 읽을 수 있습니다:
error-home-link = 홈으로 돌아가기
error-language-title = 한국어판이 없습니다
error-language-body = 이 포털은 한국어로 발행되지 않습니다. 다음 언어로 읽을 수 있습니다:
