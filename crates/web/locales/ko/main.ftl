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

date-format = %Y년 %-m월 %-d일
datetime-format = %Y년 %-m월 %-d일 %H:%M (UTC%:z)

home-title = 최신 뉴스
home-featured = 주요 뉴스
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
related-section = { $section } 섹션의 다른 기사
related-author = { $author }의 다른 기사
comments-heading = 댓글
comments-empty = 아직 댓글이 없습니다.

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
search-prompt = 기사를 검색하려면 단어를 하나 이상 입력하세요.
search-unavailable = 지금은 검색을 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.

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
error-gone-body = 이 기사는 원문 언론사의 요청으로 삭제되었습니다.
error-internal-title = 오류가 발생했습니다
error-internal-body = 서버가 이 페이지를 표시하지 못했습니다. 잠시 후 다시 시도해 주세요.
error-available-in = 이 기사는 다음 언어로 읽을 수 있습니다:
error-home-link = 홈으로 돌아가기
