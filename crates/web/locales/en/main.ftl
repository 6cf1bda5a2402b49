# Newsbridge portal UI strings: English.
# Every file under locales/ defines exactly the same keys (a test checks it).

site-tagline = News from Vietnam's newspapers, in your language
skip-to-content = Skip to content
nav-sections = Sections
nav-home = Home
nav-languages = Read in another language
search-label = Search the articles
search-button = Search
footer-about = About and source publishers
footer-feed = RSS feed
footer-api = Developer API
footer-note = Articles come from partner newspapers and are translated automatically; every page links to the original.

home-title = Latest news
home-featured = Top story
home-most-read = Most read
home-section-more = More in { $section }
home-empty = No articles have been published yet.

section-title = { $section }
section-empty = No articles in this section yet.
section-feed = Follow this section (RSS)
pagination-label = Pages
pagination-newer = Newer articles
pagination-older = Older articles
pagination-status = Page { $page } of { $pages }

article-by = By { $names }
article-published = Originally published on { $date }
article-translated = { $source ->
        [vi] Translated from Vietnamese by { $engine }
        [en] Translated from English by { $engine }
       *[other] Translated from the original language by { $engine }
    }
article-reviewed = Reviewed by an editor
article-source = Source:
article-source-by = published by { $publisher }
article-photo-credit = Photo: { $credit }
article-embed-video = Watch the video
article-embed-post = See the post
article-embed-map = Open the map
article-embed-other = Open the embedded content
article-tags = Tags
related-topic = Same story
related-topic-all = The whole story
related-section = More in { $section }
related-author = More by { $author }
related-similar = More like this
comments-heading = Comments
comments-empty = No comments yet.
comments-count = { $count ->
        [one] { $shown } comment
       *[other] { $shown } comments
    }
comments-not-shown = Only the newest conversations are shown here: { $shown } older comments and replies are not.
comment-form-title = Join the conversation
comment-name = Name
comment-email = Email (optional, never shown)
comment-body = Your comment
comment-rules = Plain text, at most { $max } characters. Web addresses become links.
comment-honeypot = Leave this field empty
comment-submit = Post comment
comment-reply = Reply
comment-reply-submit = Post reply
comment-report = Report
comment-posted = Thank you: your comment is published.
comment-held = Thank you: your comment will appear once an editor has approved it.
comment-reported = Thank you: an editor will look at this comment.
comment-error-title = Your comment was not posted
comment-error-name = Please give a name of at most 80 characters.
comment-error-email = This email address does not look valid.
comment-error-body = Please write a comment of at most { $max } characters.
comment-error-links = Your comment contains too many links.
comment-error-fast = That was very fast. Please check your comment and send it again.
comment-error-expired = This form has expired. Please send it again.
comment-error-rate = You have posted several comments in a short time. Please wait a few minutes.
comment-error-spam = Your comment looks like automated spam and was not posted.
comment-error-forbidden = This form could not be verified. Please reload the article and try again.
comment-error-unavailable = Comments cannot be saved at the moment. Your text is below: please send it again in a few minutes.
comment-error-too-long = Your comment has { $length } characters; at most { $max } are allowed. Only the first { $max } are kept below: please shorten it and send it again.
comment-error-report-rate = You have reported many comments in a short time. Please wait an hour.
comment-back = Back to the article

author-title = Articles by { $author }
author-count = { $count ->
        [one] { $shown } article
       *[other] { $shown } articles
    }
topic-title = The story so far
topic-intro = Every article on this story, newest first.

search-title = Search
search-query = Words to find
search-section = Section
search-all-sections = All sections
search-from = From
search-to = To
search-results = { $count ->
        [0] No results for “{ $query }”.
        [one] { $shown } result for “{ $query }”.
       *[other] { $shown } results for “{ $query }”.
    }
# Shown when a very broad query was counted approximately.
search-results-about = About { $shown } results for “{ $query }”.
search-prompt = Type one or more words to search the articles.
search-unavailable = Search is not available at the moment. Please try again later.
search-too-long = This search is too long. Use at most { $limit } characters.
search-too-many-words = This search has too many words. Use at most { $limit }.
search-too-nested = This search has too many parentheses and NOT operators. Use at most { $limit } in all.

about-title = About { $site }
about-body = { $site } republishes articles by partner newspapers in several languages. Each article is translated automatically from its original, sometimes reviewed by an editor, and always credits and links the newspaper that wrote it.
about-sources = Source publishers
about-no-sources = No source publishers are configured yet.
about-languages = Languages

feed-title = { $site }: latest news
feed-section-title = { $site }: { $section }
feed-description = The latest articles on { $site }.

error-not-found-title = Page not found
error-not-found-body = The page you asked for does not exist or has moved.
error-gone-title = Article removed
error-gone-body = This article has been removed.
error-gone-reason = This article has been removed. The reason given: { $reason }
error-internal-title = Something went wrong
error-internal-body = The server could not show this page. Please try again in a moment.
error-available-in = This article can be read in:
error-home-link = Go to the home page
error-language-title = Not available in English
error-language-body = This portal is not published in English. You can read it in:
